import './production-env';
import 'reflect-metadata';
import os from 'node:os';
import {
  ApiProcess,
  BENCH_METRICS_TOKEN,
  auditCoverage,
  auditVerify,
  drive,
  GqlClient,
  loadAverage,
  log,
  loginActors,
  memoryOf,
  missingWrites,
  MIXED_DECK,
  observer,
  percentile,
  prepareDatabase,
  sleep,
  waitSealed,
  writeRowCounts,
  type Database,
  type Outcome,
} from './harness';

/**
 * `npm run load`: the real API (a child process, NODE_ENV=production) on a fresh database, driven
 * by a mixed workload — 70 % reads, 20 % writes, 10 % indicator tables — from `LOAD_CONNECTIONS`
 * closed loops for `LOAD_DURATION` seconds, the server's memory sampled every second. Then the
 * proof that nothing was lost: every acknowledged write is in the database and no unacknowledged
 * one is, every answered request has its audit events, and `audit:verify` passes. Exit 1 otherwise.
 *
 * Soak: `LOAD_DURATION=300 LOAD_RATE=150 npm run load` (RSS printed every `LOAD_REPORT_EVERY` s).
 */

interface LoadSettings {
  durationSeconds: number;
  connections: number;
  /** Requests per second in all; 0: as fast as the server answers. */
  rate: number;
  reportEverySeconds: number;
  maxRssMb: number;
}

function readLoadSettings(env: NodeJS.ProcessEnv): LoadSettings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return Number.isInteger(value) ? value : fallback;
  };
  const settings = {
    durationSeconds: int('LOAD_DURATION', 60, 1, 3600),
    connections: int('LOAD_CONNECTIONS', 100, 1, 1000),
    rate: int('LOAD_RATE', 0, 0, 100_000),
    reportEverySeconds: int('LOAD_REPORT_EVERY', 10, 1, 600),
    maxRssMb: int('LOAD_MAX_RSS_MB', 300, 1, 100_000),
  };
  if (problems.length > 0) throw new Error(`Invalid load settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return settings;
}

const TAG = 'load';

/** The V8 heap and external memory of the API, from its own /metrics: where the RSS goes. */
async function heapOf(baseUrl: string): Promise<string> {
  try {
    const text = await (
      await fetch(`${baseUrl}/metrics`, {
        signal: AbortSignal.timeout(5_000),
        headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
      })
    ).text();
    const mb = (name: string): string =>
      (Number(new RegExp(`^samverkan_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576).toFixed(0);
    return `heap used ${mb('nodejs_heap_size_used_bytes')} / total ${mb('nodejs_heap_size_total_bytes')} MiB, external ${mb('nodejs_external_memory_bytes')} MiB`;
  } catch {
    return 'heap unknown';
  }
}

async function main(): Promise<number> {
  const settings = readLoadSettings(process.env);
  log(TAG, `settings ${JSON.stringify(settings)}; ${os.cpus().length} CPUs; load average ${loadAverage()}`);
  const failures: string[] = [];
  let db: Database | undefined;
  let api: ApiProcess | undefined;
  let client: GqlClient | undefined;
  const pool = { current: undefined as ReturnType<typeof observer> | undefined };
  try {
    db = await prepareDatabase(TAG);
    api = await ApiProcess.start(db.url);
    log(TAG, `API pid ${api.pid} at ${api.url}; memory at start ${memoryOf(api.pid)?.rssMb.toFixed(1)} MiB`);
    pool.current = observer(db.url);
    client = new GqlClient(api.url, settings.connections);
    const actors = await loginActors(client);
    const before = await writeRowCounts(pool.current);

    const outcomes: Outcome[] = [];
    const rssSamples: { second: number; rssMb: number }[] = [];
    const started = Date.now();
    const endAt = started + settings.durationSeconds * 1000;
    let lastReport = 0;
    const sampler = setInterval(() => {
      const m = memoryOf(api!.pid);
      const second = Math.round((Date.now() - started) / 1000);
      if (m) rssSamples.push({ second, rssMb: m.rssMb });
      if (second - lastReport >= settings.reportEverySeconds) {
        lastReport = second;
        const recent = outcomes.filter((o) => o.endedAt > Date.now() - settings.reportEverySeconds * 1000);
        void heapOf(api!.url).then((heap) =>
          log(
            TAG,
            `t=${second}s RSS ${m?.rssMb.toFixed(1)} MiB (${heap}); ${(recent.length / settings.reportEverySeconds).toFixed(0)} req/s; load average ${loadAverage()}`,
          ),
        );
      }
    }, 1000);
    log(
      TAG,
      `driving ${settings.connections} connections for ${settings.durationSeconds} s${settings.rate ? ` at ${settings.rate} req/s` : ''} (70 % reads, 20 % writes, 10 % indicator tables)`,
    );
    await drive({
      client,
      actors,
      deck: MIXED_DECK,
      connections: settings.connections,
      rate: settings.rate || undefined,
      until: () => Date.now() < endAt,
      onOutcome: (o) => outcomes.push(o),
    });
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const mem = memoryOf(api.pid);

    // --- figures
    const latencies = Float64Array.from(outcomes.map((o) => o.ms)).sort();
    const byKind = (kind: string): Outcome[] => outcomes.filter((o) => o.op.kind === kind);
    const failed = outcomes.filter((o) => !o.ok);
    const peakRss = Math.max(mem?.hwmMb ?? 0, ...rssSamples.map((s) => s.rssMb));
    console.log('');
    console.log(
      `  requests        ${outcomes.length} in ${seconds.toFixed(1)} s = ${(outcomes.length / seconds).toFixed(1)} req/s`,
    );
    console.log(
      `  mix             reads ${byKind('read').length}, writes ${byKind('write').length}, indicator tables ${byKind('table').length}`,
    );
    console.log(
      `  latency         p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
    );
    for (const kind of ['read', 'write', 'table']) {
      const l = Float64Array.from(byKind(kind).map((o) => o.ms)).sort();
      console.log(
        `    ${kind.padEnd(13)} p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms`,
      );
    }
    console.log(
      `  failed          ${failed.length}${failed.length > 0 ? ` (${[...new Set(failed.map((f) => `${f.op.name}:${f.status}:${f.code ?? f.transportError}`))].slice(0, 5).join(', ')})` : ''}`,
    );
    console.log(
      `  peak RSS        ${peakRss.toFixed(1)} MiB (VmHWM ${mem?.hwmMb.toFixed(1)} MiB; RSS at end ${mem?.rssMb.toFixed(1)} MiB)`,
    );
    const every = settings.reportEverySeconds;
    const curve = rssSamples.filter((s) => s.second % every === 0).map((s) => `${s.second}s:${s.rssMb.toFixed(0)}`);
    console.log(`  RSS every ${every} s (MiB)  ${curve.join(' ')}`);
    if (rssSamples.length >= 4) {
      // Growth: the last minute against the second minute (the first is warm-up), or halves when shorter.
      const span = Math.min(60, Math.floor(rssSamples.length / 4));
      const mean = (xs: { rssMb: number }[]): number => xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
      const early = mean(rssSamples.slice(span, 2 * span));
      const late = mean(rssSamples.slice(-span));
      console.log(
        `  RSS growth      ${(late - early).toFixed(1)} MiB (mean of the last ${span} s ${late.toFixed(1)} MiB against s ${span}–${2 * span} ${early.toFixed(1)} MiB)`,
      );
    }
    console.log(`  load average    ${loadAverage()} (${os.cpus().length} CPUs)`);
    console.log('');
    if (failed.length > 0) failures.push(`${failed.length} requests failed`);
    if (outcomes.some((o) => o.leaked)) failures.push('a response contained a stack frame or SQL');
    if (peakRss > settings.maxRssMb)
      failures.push(`peak RSS ${peakRss.toFixed(1)} MiB is over ${settings.maxRssMb} MiB`);

    // --- nothing lost
    const { acknowledged, missing } = await missingWrites(pool.current, outcomes);
    const after = await writeRowCounts(pool.current);
    const created = Object.keys(after).reduce((n, t) => n + after[t] - before[t], 0);
    log(
      TAG,
      `writes: ${acknowledged} acknowledged, ${missing.length} of them missing; ${created} rows created in the write tables`,
    );
    if (missing.length > 0) failures.push(`acknowledged writes missing: ${missing.slice(0, 5).join(', ')}`);
    if (created !== acknowledged) failures.push(`${created} rows were created for ${acknowledged} acknowledged writes`);
    const coverage = await auditCoverage(pool.current, outcomes);
    for (const c of coverage) {
      log(TAG, `audit: ${c.name}: ${c.answered} answered (${c.answeredOk} with data), ${c.audited} audited requests`);
      if (c.audited < c.answeredOk)
        failures.push(`${c.name}: ${c.answeredOk - c.audited} requests that returned data have no audit event`);
      if (c.audited > c.answered)
        failures.push(`${c.name}: more audited requests (${c.audited}) than answered (${c.answered})`);
    }
    const sealed = await waitSealed(pool.current, 30_000);
    log(
      TAG,
      `audit: every event sealed ${sealed === null ? 'NOT within 30 s' : `${sealed.toFixed(1)} s after the load`}`,
    );
    if (sealed === null) failures.push('the sealer did not seal every event within 30 s');
    const verify = await auditVerify(db.url);
    log(TAG, `audit:verify exit ${verify.code}: ${verify.output}`);
    if (verify.code !== 0) failures.push('audit:verify failed');
  } finally {
    client?.close();
    await pool.current?.end().catch(() => undefined);
    await api?.stop().catch((e: unknown) => console.error(`[load] stopping the API: ${String(e)}`));
    await sleep(200);
    await db?.drop().catch((e: unknown) => console.error(`[load] dropping the database: ${String(e)}`));
  }
  if (failures.length > 0) {
    console.error(`[load] FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  log(TAG, 'passed: nothing lost, every answered request audited, audit chain verified');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[load] failed:', error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
