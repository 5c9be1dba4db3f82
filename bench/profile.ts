import './production-env';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { projectRoot } from '../src/config/config';
import { AuditKeyring, setAuditKeyring } from '../src/modules/audit/audit.hash';
import { parseAuditKeys } from '../src/modules/audit/audit.keys';
import { ACTIVITIES_QUERY, insertBenchActivities, POLICE_LIAISON_EMAIL } from './activities';
import { ApiProcess, loadAverage, log, prepareDatabase, SEED_PASSWORD } from './harness';
import { runLoad } from './load';
import { summariseProfile, formatProfileSummary } from './profile-summary';

/**
 * `npm run bench:profile`: where the list read's time goes. The API runs as its own process (as
 * `npm start` runs it, plus `--cpu-prof`) on a scratch database with `PROFILE_ACTIVITIES` activities,
 * autocannon drives `preventionActivities(first: 20)` (the bench's query, as the police liaison) for
 * `PROFILE_DURATION` seconds from a child process, the API is stopped, and the profile's top frames
 * by self time and its time per package are printed and written to bench/results/. The profile
 * covers the whole life of the process; the summary reports the load window only.
 */

const TAG = 'profile';
const RESULTS = path.join(projectRoot(), 'bench', 'results');

function int(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return n;
}

async function main(): Promise<void> {
  const activities = int('PROFILE_ACTIVITIES', 10_000);
  const duration = int('PROFILE_DURATION', 15);
  const connections = int('PROFILE_CONNECTIONS', 50);
  const query =
    process.env.PROFILE_TOTAL_COUNT === '1'
      ? ACTIVITIES_QUERY.replace('edges {', 'totalCount edges {')
      : ACTIVITIES_QUERY;
  // The demo seed writes audit events; they are signed with the key the API is given (production-env).
  setAuditKeyring(new AuditKeyring(parseAuditKeys(process.env.AUDIT_HMAC_KEY ?? '', 'AUDIT_HMAC_KEY')));
  const db = await prepareDatabase(TAG);
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-cpu-prof-'));
  let api: ApiProcess | undefined;
  try {
    const inserted = await insertBenchActivities(db.url, activities);
    log(
      TAG,
      `${activities.toLocaleString('en')} activities inserted (${inserted.visibleToPolice.toLocaleString('en')} visible to the police liaison)`,
    );
    api = await ApiProcess.start(
      db.url,
      { SEED_PASSWORD, INDICATOR_CELL_KEY_SECRET: randomBytes(32).toString('hex') },
      ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    );
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        variables: { e: POLICE_LIAISON_EMAIL, p: SEED_PASSWORD },
      }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const request = {
      url: `${api.url}/graphql`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: {} }),
      connections,
    };
    await runLoad({ ...request, title: 'warm-up', durationSeconds: 3 });
    // The profile's clock is the monotonic one process.hrtime reads (microseconds there).
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await runLoad({ ...request, title: 'profiled', durationSeconds: duration });
    const to = Number(process.hrtime.bigint() / 1000n);
    log(
      TAG,
      `profiled ${duration} s: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.non2xx} non-2xx; load average ${loadAverage()}`,
    );
    const observer = new Pool({ connectionString: db.url, max: 1 });
    try {
      const events = await observer.query<{ entity_type: string | null; ids: number; owners: number }>(
        `SELECT entity_type, cardinality(entity_ids) AS ids, cardinality(entity_organisation_ids) AS owners FROM audit_event
          WHERE request_id = (SELECT request_id FROM audit_event WHERE operation_name = 'Activities' ORDER BY id DESC LIMIT 1) ORDER BY id`,
      );
      log(
        TAG,
        `audit events of one request: ${events.rows.length} (${events.rows.map((e) => `${e.entity_type}: ${e.ids} ids, ${e.owners} owners`).join('; ')})`,
      );
    } finally {
      await observer.end();
    }
    await api.stop();
    api = undefined;
    const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile in ${profileDir}`);
    const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as Parameters<
      typeof summariseProfile
    >[0];
    const summary = summariseProfile(profile, from, to);
    const text = formatProfileSummary(summary, 25);
    console.log(text);
    fs.mkdirSync(RESULTS, { recursive: true });
    const name = `profile-activities-${activities}${process.env.PROFILE_TOTAL_COUNT === '1' ? '-total' : ''}`;
    fs.writeFileSync(path.join(RESULTS, `${name}.txt`), `${text}\n`);
    fs.copyFileSync(path.join(profileDir, file), path.join(RESULTS, `${name}.cpuprofile`));
    fs.writeFileSync(
      path.join(RESULTS, `${name}.json`),
      `${JSON.stringify({ windowMicros: [from, to], result, loadAverage: os.loadavg() }, null, 2)}\n`,
    );
    log(TAG, `written bench/results/${name}.txt and .cpuprofile`);
  } finally {
    await api?.stop();
    await db.drop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[profile] failed:', error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
