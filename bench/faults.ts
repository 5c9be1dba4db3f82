import './production-env';
import 'reflect-metadata';
import os from 'node:os';
import type { Pool } from 'pg';
import {
  ApiProcess,
  auditCoverage,
  auditVerify,
  drive,
  GqlClient,
  health,
  loadAverage,
  log,
  loginActors,
  missingWrites,
  observer,
  OPERATIONS,
  prepareDatabase,
  sleep,
  waitSealed,
  writeRowCounts,
  type Actor,
  type Database,
  type Operation,
  type Outcome,
} from './harness';

/**
 * `npm run faults`: each fault scripted against the real API (a child process) and its own
 * embedded PostgreSQL under the temp directory — never the system server — on 127.0.0.1, each
 * bounded in time. After each: every acknowledged write is in the database, no unacknowledged one
 * half-written, every write that committed has its audit event, and `audit:verify` passes.
 *
 *  1. the database restarted in the middle of load: requests fail fast with a clear error, /health
 *     turns 503, the API recovers on its own (same process);
 *  2. the API killed with SIGKILL in the middle of writes, then started again;
 *  3. the database's postmaster killed with SIGKILL, then started again (crash recovery);
 *  4. INSERT on audit_event revoked from the application role for a moment: operations fail
 *     closed (no data, mutations rolled back), and resume once it is granted again.
 *
 * FAULTS=1,3 runs some of them; FAULT_TIMEOUT (s, default 180) bounds each.
 */

const TAG = 'faults';
/** Writes and reads, so that every fault hits both. */
const DECK: Operation[] = [
  OPERATIONS.createActivity,
  OPERATIONS.me,
  OPERATIONS.recordDetection,
  OPERATIONS.activities,
  OPERATIONS.createActivity,
  OPERATIONS.areas,
];
/** Longest a request may take to fail while the database is away: "fail fast". */
const FAIL_FAST_MS = 5_500;

interface Env {
  db: Database;
  api: ApiProcess;
  client: GqlClient;
  actors: Actor[];
  pool: Pool;
}

interface Report {
  name: string;
  ok: boolean;
  facts: string[];
  problems: string[];
}

class Scenario {
  readonly facts: string[] = [];
  readonly problems: string[] = [];
  constructor(readonly name: string) {}
  fact(text: string): void {
    this.facts.push(text);
    log(TAG, `  ${text}`);
  }
  check(ok: boolean, problem: string): void {
    if (!ok) {
      this.problems.push(problem);
      log(TAG, `  PROBLEM: ${problem}`);
    }
  }
  report(): Report {
    return { name: this.name, ok: this.problems.length === 0, facts: this.facts, problems: this.problems };
  }
}

/** Runs `choreography` while `connections` loops drive the deck; returns every outcome. */
async function underLoad(env: Env, connections: number, choreography: () => Promise<void>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let running = true;
  const load = drive({
    client: env.client,
    actors: env.actors,
    deck: DECK,
    connections,
    until: () => running,
    onOutcome: (o) => outcomes.push(o),
  });
  try {
    await choreography();
  } finally {
    running = false;
    await load;
  }
  return outcomes;
}

/** Polls /health until it answers `status`; milliseconds taken, or null after `timeoutMs`. */
async function healthBecomes(env: Env, status: number, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await health(env.api.url)) === status) return Date.now() - started;
    await sleep(100);
  }
  return null;
}

const between = (outcomes: Outcome[], from: number, to: number): Outcome[] =>
  outcomes.filter((o) => o.startedAt >= from && o.endedAt <= to);

function describe(outcomes: Outcome[]): string {
  const ok = outcomes.filter((o) => o.ok).length;
  const codes = [...new Set(outcomes.filter((o) => !o.ok).map((o) => `${o.status}:${o.code ?? o.transportError}`))]
    .slice(0, 4)
    .join(', ');
  const slowest = Math.max(0, ...outcomes.map((o) => o.ms));
  return `${outcomes.length} requests, ${ok} ok${codes ? `, failures ${codes}` : ''}, slowest ${slowest.toFixed(0)} ms`;
}

/** Writes created since `since` without an audit event naming them (a committed write must be audited). */
async function unauditedWrites(pool: Pool, since: Date): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT t.id::text AS id FROM (SELECT id FROM prevention_activity WHERE created_at >= $1
                                   UNION ALL SELECT id FROM detection_record WHERE recorded_at >= $1) t
      WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_ids @> ARRAY[t.id::text] AND e.outcome = 'ALLOWED')`,
    [since],
  );
  return rows.map((r) => r.id);
}

/** The checks after every fault: nothing lost, nothing half-written, every committed write audited, the chain verifies. */
async function nothingLost(
  env: Env,
  s: Scenario,
  outcomes: Outcome[],
  before: Record<string, number>,
  since: Date,
  options: { mayCommitUnanswered: boolean },
): Promise<void> {
  const { acknowledged, missing } = await missingWrites(env.pool, outcomes);
  const after = await writeRowCounts(env.pool);
  const created = Object.keys(after).reduce((n, t) => n + after[t] - before[t], 0);
  s.fact(`writes: ${acknowledged} acknowledged, ${missing.length} missing; ${created} rows created`);
  s.check(missing.length === 0, `acknowledged writes missing: ${missing.slice(0, 3).join(', ')}`);
  if (options.mayCommitUnanswered) {
    // A write that committed just before the process or server died was never answered: present, not lost.
    s.check(created >= acknowledged, `${acknowledged - created} acknowledged writes were not created`);
    if (created > acknowledged)
      s.fact(
        `${created - acknowledged} writes committed whose answer never left (the fault struck between COMMIT and the response)`,
      );
  } else {
    s.check(
      created === acknowledged,
      `${created} rows created for ${acknowledged} acknowledged writes (a failed write left rows behind)`,
    );
  }
  const unaudited = await unauditedWrites(env.pool, since);
  s.check(
    unaudited.length === 0,
    `${unaudited.length} committed writes without an audit event: ${unaudited.slice(0, 3).join(', ')}`,
  );
  for (const c of await auditCoverage(env.pool, outcomes)) {
    s.check(
      c.audited >= c.answeredOk,
      `${c.name}: ${c.answeredOk - c.audited} requests returned data without an audit event`,
    );
  }
  const sealed = await waitSealed(env.pool, 30_000);
  s.fact(`audit: every event sealed ${sealed === null ? 'NOT within 30 s' : `within ${sealed.toFixed(1)} s`}`);
  s.check(sealed !== null, 'the sealer did not seal every event within 30 s');
  const verify = await auditVerify(env.db.url);
  s.fact(`audit:verify exit ${verify.code}: ${verify.output.split('\n').slice(-2).join(' ')}`);
  s.check(verify.code === 0, 'audit:verify failed');
  s.check(!outcomes.some((o) => o.leaked), 'a response contained SQL, a stack frame or a driver message');
}

/**
 * The database goes away under load (`breakIt`), stays away `downMs`, and is started again: during
 * the outage requests fail fast and clearly and /health is 503; afterwards the same API process
 * serves again by itself; nothing acknowledged is lost.
 */
async function databaseOutage(
  env: Env,
  name: string,
  connections: number,
  downMs: number,
  breakIt: (s: Scenario) => Promise<void>,
): Promise<Report> {
  const s = new Scenario(name);
  const cluster = env.db.cluster!;
  const before = await writeRowCounts(env.pool);
  const since = new Date();
  const pid = env.api.pid;
  let brokenAt = 0;
  let startedAt = 0;
  let recoveredAt = 0;
  const outcomes = await underLoad(env, connections, async () => {
    await sleep(4_000);
    brokenAt = Date.now();
    await breakIt(s);
    const to503 = await healthBecomes(env, 503, 10_000);
    s.fact(`/health 503 after ${to503} ms`);
    s.check(to503 !== null, '/health did not turn 503');
    await sleep(downMs);
    startedAt = Date.now();
    await cluster.startAgain();
    s.fact(
      `PostgreSQL started again after ${((startedAt - brokenAt) / 1000).toFixed(1)} s away; ready in ${Date.now() - startedAt} ms`,
    );
    const to200 = await healthBecomes(env, 200, 30_000);
    recoveredAt = Date.now();
    s.fact(`/health 200 again ${to200} ms after PostgreSQL was back`);
    s.check(to200 !== null, 'the API did not recover');
    await sleep(4_000);
  });
  const during = between(outcomes, brokenAt + 1_000, startedAt);
  const afterwards = outcomes.filter((o) => o.startedAt >= recoveredAt + 1_000);
  s.fact(`while PostgreSQL was away: ${describe(during)}`);
  s.fact(`after recovery: ${describe(afterwards)}`);
  s.check(
    during.length > 0 && during.every((o) => !o.ok),
    'a request was answered with data while the database was away',
  );
  s.check(
    during.every((o) => o.ms < FAIL_FAST_MS),
    `a request took ${FAIL_FAST_MS} ms or more to fail during the outage`,
  );
  s.check(
    during.every((o) => o.status === 500 && o.code === 'INTERNAL_SERVER_ERROR'),
    'a failure during the outage was not a clear 500 INTERNAL_SERVER_ERROR',
  );
  s.check(afterwards.length > 0 && afterwards.every((o) => o.ok), 'requests failed after recovery');
  s.check(env.api.pid === pid, 'the API process was restarted');
  await nothingLost(env, s, outcomes, before, since, { mayCommitUnanswered: true });
  return s.report();
}

async function apiKilled(env: Env): Promise<Report> {
  const s = new Scenario('API killed with SIGKILL in the middle of writes');
  const before = await writeRowCounts(env.pool);
  const since = new Date();
  const outcomes = await underLoad(env, 20, async () => {
    await sleep(4_000);
    const code = await env.api.kill('SIGKILL');
    s.fact(`API (pid ${env.api.pid}) killed with SIGKILL (exit ${code})`);
    await sleep(1_000);
  });
  s.fact(`around the kill: ${describe(outcomes)}`);
  const restarted = Date.now();
  await env.api.start();
  s.fact(`API started again (pid ${env.api.pid}), healthy in ${Date.now() - restarted} ms`);
  // The sessions live in the database: the same tokens still work.
  const me = await env.client.request<{ me: { id: string } }>('{ me { id } }', {}, env.actors[0].token);
  s.check(me.data?.me !== undefined, 'a session from before the kill no longer works');
  await nothingLost(env, s, outcomes, before, since, { mayCommitUnanswered: true });
  return s.report();
}

async function auditWriteFails(env: Env): Promise<Report> {
  const s = new Scenario('audit INSERT revoked for a moment');
  const before = await writeRowCounts(env.pool);
  const since = new Date();
  let revokedAt = 0;
  let grantedAt = 0;
  const outcomes = await underLoad(env, 10, async () => {
    await sleep(3_000);
    try {
      await env.pool.query('REVOKE INSERT ON audit_event FROM samverkan_app');
      revokedAt = Date.now();
      s.fact('REVOKE INSERT ON audit_event FROM samverkan_app');
      await sleep(4_000);
    } finally {
      await env.pool.query('GRANT INSERT ON audit_event TO samverkan_app');
      grantedAt = Date.now();
      s.fact(`GRANT INSERT again after ${((grantedAt - revokedAt) / 1000).toFixed(1)} s`);
    }
    await sleep(4_000);
  });
  const during = between(outcomes, revokedAt + 200, grantedAt);
  const afterwards = outcomes.filter((o) => o.startedAt >= grantedAt + 500);
  s.fact(`while revoked: ${describe(during)}`);
  s.fact(`after the GRANT: ${describe(afterwards)}`);
  s.check(
    during.length > 0 && during.every((o) => !o.ok),
    'a request returned data without its audit event being written',
  );
  s.check(
    during.every((o) => o.status === 500 && o.code === 'INTERNAL_SERVER_ERROR'),
    'a refusal while revoked was not a clear 500 INTERNAL_SERVER_ERROR',
  );
  s.check(afterwards.length > 0 && afterwards.every((o) => o.ok), 'requests failed after the GRANT');
  // Every failed mutation rolled back: rows created equal the writes acknowledged.
  await nothingLost(env, s, outcomes, before, since, { mayCommitUnanswered: false });
  return s.report();
}

const SCENARIOS: [string, (env: Env) => Promise<Report>][] = [
  [
    '1',
    (env) =>
      databaseOutage(env, 'database restarted in the middle of load', 20, 5_000, async (s) => {
        const started = Date.now();
        await env.db.cluster!.stop();
        s.fact(`PostgreSQL stopped (fast shutdown) in ${Date.now() - started} ms`);
      }),
  ],
  ['2', apiKilled],
  [
    '3',
    (env) =>
      databaseOutage(env, "embedded PostgreSQL's postmaster killed with SIGKILL", 10, 3_000, async (s) => {
        const postmaster = env.db.cluster!.postmasterPid();
        process.kill(postmaster, 'SIGKILL');
        s.fact(`postmaster pid ${postmaster} killed with SIGKILL`);
      }),
  ],
  ['4', auditWriteFails],
];

function bounded<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const chosen = (process.env.FAULTS ?? '1,2,3,4').split(',').map((x) => x.trim());
  const timeoutSeconds = Number(process.env.FAULT_TIMEOUT ?? 180);
  log(
    TAG,
    `${os.cpus().length} CPUs; load average ${loadAverage()}; scenarios ${chosen.join(',')}, each bounded to ${timeoutSeconds} s`,
  );
  const reports: Report[] = [];
  let env: Env | undefined;
  let db: Database | undefined;
  try {
    // Always an embedded cluster of its own: restarting a shared server is not ours to do.
    db = await prepareDatabase(TAG, { embedded: true });
    const api = await ApiProcess.start(db.url, { DB_POOL_SIZE: '10', AUDIT_SEAL_INTERVAL_MS: '500' });
    const client = new GqlClient(api.url, 20, 15_000);
    env = { db, api, client, actors: await loginActors(client), pool: observer(db.url) };
    for (const [id, run] of SCENARIOS) {
      if (!chosen.includes(id)) continue;
      log(TAG, `scenario ${id}`);
      const started = Date.now();
      try {
        const report = await bounded(timeoutSeconds, run(env));
        report.facts.push(`scenario took ${((Date.now() - started) / 1000).toFixed(1)} s`);
        reports.push(report);
      } catch (error) {
        reports.push({ name: `scenario ${id}`, ok: false, facts: [], problems: [String(error)] });
        break; // the environment is in an unknown state
      }
    }
  } finally {
    env?.client.close();
    await env?.pool.query('GRANT INSERT ON audit_event TO samverkan_app').catch(() => undefined);
    await env?.pool.end().catch(() => undefined);
    await env?.api.stop().catch(() => undefined);
    await db?.drop().catch((e: unknown) => console.error(`[faults] removing the cluster: ${String(e)}`));
  }
  console.log('');
  for (const r of reports) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}`);
    for (const f of r.facts) console.log(`        ${f}`);
    for (const p of r.problems) console.log(`      ! ${p}`);
  }
  console.log(`load average ${loadAverage()}`);
  return reports.length > 0 && reports.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[faults] failed:', error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
