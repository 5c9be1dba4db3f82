import './production-env';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig, projectRoot, type Config } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import {
  adminQuery,
  dropDatabase,
  locateDatabase,
  scratchName,
  withDatabase,
  type DatabaseLocation,
} from '../src/db/database';
import { seedDemoData } from '../src/db/seed/demo-seed';
import { verifyAuditLog } from '../src/modules/audit/audit.verify';
import { startRuntime, type Runtime } from '../src/runtime';
import {
  ACTIVITIES_QUERY,
  cursorKey,
  cursorOfPage,
  insertBenchActivities,
  POLICE_LIAISON_EMAIL,
  type ActivitiesPage,
} from './activities';
import { formatGrowth, growthScenario, type GrowthTiming } from './growth';
import { bulkInsertAuditEvents, type SyntheticActors } from './audit-bulk';
import { backendCpu, backendCpuSince, idleProjection } from './backend-cpu';
import { formatHmacCost, measureHmacCost, type HmacCost } from './audit-hmac';
import {
  COVERAGE_CONNECTIONS,
  COVERAGE_COORDINATOR_EMAIL,
  COVERAGE_QUERY,
  explainCoverage,
  insertCoverageData,
  percentile,
  sameCoverage,
  sequentialLatencies,
  todayInSweden,
  writePlans,
  type CoverageAnswer,
} from './coverage';
import { BENCH_CASES, CASES_FIELDS, CASES_MEMBER_EMAIL, CASES_QUERY, insertBenchCases, type CasesPage } from './cases';
import { loginTimingScenario, type LoginTiming } from './login-timing';
import { INDICATOR_BENCH_READ_CAP, indicatorsScenario, type IndicatorsTiming } from './indicators';
import { startBaseline, type Baseline } from './baseline';
import { runLoad, type LoadRequest, type LoadResult } from './load';
import {
  compare,
  formatComparison,
  formatCoverage,
  formatKeyset,
  formatSummary,
  keysetCheck,
  TARGET_ACTIVITIES_RATIO,
  TARGET_CASES_RATIO,
  TARGET_COVERAGE_P50_MS,
  TARGET_SEAL_LAG_SECONDS,
  writeReport,
  type BenchReport,
  type Comparison,
  type CoverageTiming,
  type KeysetCheck,
  type SealLag,
  type VerifyTiming,
} from './report';
import { readSettings, type BenchSettings, type Scenario } from './settings';

/**
 * `npm run bench`: the real API against a bare node:http + pg baseline doing the same SQL, on
 * loopback, in one run, on a scratch database that is dropped afterwards.
 */

const DEMO_EMAIL = 'socialsekreterare@danderyd.example';
const ME_QUERY = 'query Me { me { id email displayName roles disabled } }';
const AREAS_QUERY = 'query Areas { areas { id name } }';
/** Activities inserted for the list scenario, and the deep page measured against page 1. */
const BENCH_ACTIVITIES = 10_000;
const DEEP_PAGE = 400;
/** Coverage requests measured each right after a change (the uncached path). */
const COVERAGE_AFTER_CHANGE_REQUESTS = 30;
const RESULTS_FILE = path.join(projectRoot(), 'bench', 'results', 'latest.json');
const COVERAGE_PLAN_FILE = path.join(projectRoot(), 'bench', 'results', 'coverage-plan.txt');

const log = (message: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Targets {
  api: string;
  baseline: string;
  token: string;
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] };
  if (!response.ok || !body.data || body.errors)
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function apiLoad(
  t: Targets,
  title: string,
  query: string,
  settings: BenchSettings,
  durationSeconds: number,
  variables?: Record<string, unknown>,
): LoadRequest {
  return {
    title,
    url: `${t.api}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
    body: JSON.stringify(variables ? { query, variables } : { query }),
    connections: settings.connections,
    durationSeconds,
  };
}

function baselineLoad(
  t: Targets,
  title: string,
  route: string,
  settings: BenchSettings,
  durationSeconds: number,
): LoadRequest {
  return {
    title,
    url: `${t.baseline}${route}`,
    method: 'GET',
    headers: { authorization: `Bearer ${t.token}` },
    connections: settings.connections,
    durationSeconds,
  };
}

function describeLoad(r: LoadResult): string {
  const problems =
    r.non2xx + r.errors + r.timeouts > 0 ? ` — ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '';
  return `${r.requestsPerSecond.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${problems}`;
}

/**
 * One load, and the CPU this process (which hosts both the API and the baseline, one of them busy
 * at a time) spent per answered request: a cost per request that a loaded machine distorts far
 * less than requests per second.
 */
async function measured(request: LoadRequest): Promise<{ result: LoadResult; cpuMsPerRequest: number }> {
  const before = process.cpuUsage();
  const result = await runLoad(request);
  const cpu = process.cpuUsage(before);
  return { result, cpuMsPerRequest: result.total > 0 ? (cpu.user + cpu.system) / 1000 / result.total : 0 };
}

/** Warm both up, then measure the baseline and the API one after the other. */
async function scenario(
  name: string,
  api: (d: number) => LoadRequest,
  baseline: (d: number) => LoadRequest,
  settings: BenchSettings,
  targetRatio?: number,
): Promise<Comparison> {
  log(`${name}: warm-up ${settings.warmupSeconds} s each`);
  if (settings.warmupSeconds > 0) {
    await runLoad(baseline(settings.warmupSeconds));
    await runLoad(api(settings.warmupSeconds));
  }
  await sleep(500);
  log(`${name}: baseline, ${settings.connections} connections, ${settings.durationSeconds} s`);
  const b = await measured(baseline(settings.durationSeconds));
  log(`  baseline: ${describeLoad(b.result)}`);
  await sleep(500);
  log(`${name}: API, ${settings.connections} connections, ${settings.durationSeconds} s`);
  const a = await measured(api(settings.durationSeconds));
  log(`  API:      ${describeLoad(a.result)}`);
  const c = compare(name, a.result, b.result, targetRatio, {
    apiCpuMsPerRequest: a.cpuMsPerRequest,
    baselineCpuMsPerRequest: b.cpuMsPerRequest,
    loadAverage: os.loadavg(),
  });
  console.log(formatComparison(c));
  return c;
}

/**
 * preventionActivities(first: 20) with owner, area, place and commitment, as the police liaison,
 * on page 1 and on page DEEP_PAGE (its cursor found by walking the API once), against baseline C.
 */
async function activitiesScenario(
  targets: Targets,
  settings: BenchSettings,
  config: Config,
  inserted: { count: number; visibleToPolice: number },
  pool: Pool,
): Promise<{ comparisons: Comparison[]; keyset: KeysetCheck }> {
  const login = await gql<{ login: { token: string } }>(
    targets.api,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: POLICE_LIAISON_EMAIL, password: config.seedPassword },
  );
  const t: Targets = { ...targets, token: login.login.token };
  const walkStarted = Date.now();
  const after = await cursorOfPage(DEEP_PAGE, (query, cursor) => gql(t.api, query, { after: cursor }, t.token));
  const key = cursorKey(after);
  log(
    `activities: logged in as ${POLICE_LIAISON_EMAIL}; walked to page ${DEEP_PAGE} in ${((Date.now() - walkStarted) / 1000).toFixed(1)} s (after ${key.startsAt} ${key.id})`,
  );
  const deepRoute = `/activities?first=20&startsAt=${encodeURIComponent(key.startsAt)}&id=${key.id}`;

  // Both sides answer the same pages before anything is measured.
  for (const [label, variables, route] of [
    ['page 1', {}, '/activities?first=20'],
    [`page ${DEEP_PAGE}`, { after }, deepRoute],
  ] as const) {
    const api = await gql<ActivitiesPage>(t.api, ACTIVITIES_QUERY, variables, t.token);
    const base = (await getJson(`${t.baseline}${route}`, t.token)) as { data: ActivitiesPage };
    if (api.preventionActivities.edges.length !== 20)
      throw new Error(`activities ${label}: the API answered ${api.preventionActivities.edges.length} edges`);
    if (JSON.stringify(api) !== JSON.stringify(base.data)) {
      throw new Error(
        `activities ${label} answers differ:\n  API      ${JSON.stringify(api).slice(0, 400)}\n  baseline ${JSON.stringify(base.data).slice(0, 400)}`,
      );
    }
  }
  log(
    `activities: page 1 and page ${DEEP_PAGE} answer alike on both (${inserted.visibleToPolice.toLocaleString('en')} activities visible to the police liaison)`,
  );
  const events = await sameActivityEvents(t, pool);
  log(`activities: one request writes the same ${events} audit events on both`);

  const comparisons: Comparison[] = [];
  console.log('');
  comparisons.push(
    await scenario(
      'activities page 1',
      (d) => apiLoad(t, 'API activities page 1', ACTIVITIES_QUERY, settings, d, {}),
      (d) => baselineLoad(t, 'baseline C activities page 1', '/activities?first=20', settings, d),
      settings,
      TARGET_ACTIVITIES_RATIO,
    ),
  );
  console.log('');
  comparisons.push(
    await scenario(
      `activities page ${DEEP_PAGE}`,
      (d) => apiLoad(t, `API activities page ${DEEP_PAGE}`, ACTIVITIES_QUERY, settings, d, { after }),
      (d) => baselineLoad(t, `baseline C activities page ${DEEP_PAGE}`, deepRoute, settings, d),
      settings,
      TARGET_ACTIVITIES_RATIO,
    ),
  );
  const keyset = keysetCheck(comparisons[0], comparisons[1], DEEP_PAGE, inserted.count, inserted.visibleToPolice);
  console.log(formatKeyset(keyset));
  return { comparisons, keyset };
}

/**
 * The baseline writes what the API writes for page 1: one request each, then the entity types, ids and owner
 * organisations of the events of each request (the latest request of operation Activities) compared.
 */
async function sameActivityEvents(t: Targets, pool: Pool): Promise<number> {
  const latest = async (): Promise<string[]> =>
    (
      await pool.query<{ e: string }>(
        `SELECT concat_ws(' ', entity_type, array_to_string(entity_ids, ','), array_to_string(entity_organisation_ids, ',')) AS e
           FROM audit_event
          WHERE request_id = (SELECT request_id FROM audit_event WHERE operation_name = 'Activities' ORDER BY id DESC LIMIT 1)
          ORDER BY 1`,
      )
    ).rows.map((r) => r.e);
  await gql<ActivitiesPage>(t.api, ACTIVITIES_QUERY, {}, t.token);
  const api = await latest();
  await getJson(`${t.baseline}/activities?first=20`, t.token);
  const base = await latest();
  if (JSON.stringify(api) !== JSON.stringify(base))
    throw new Error(
      `activities: the audit events differ:\n  API      ${api.join('; ')}\n  baseline ${base.join('; ')}`,
    );
  return api.length;
}

/**
 * cases(first: 20) with tasks and latest assessment as Danderyd's social worker (a member of
 * 10,000 of the 20,000 cases) against baseline D: the same answer first, then the load.
 */
async function casesScenario(
  targets: Targets,
  settings: BenchSettings,
  config: Config,
  pool: Pool,
): Promise<Comparison> {
  const login = await gql<{ login: { token: string } }>(
    targets.api,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: CASES_MEMBER_EMAIL, password: config.seedPassword },
  );
  const t: Targets = { ...targets, token: login.login.token };
  const api = await gql<CasesPage>(t.api, CASES_QUERY, {}, t.token);
  const base = (await getJson(`${t.baseline}/cases`, t.token)) as { data: CasesPage };
  if (api.cases.edges.length !== 20) throw new Error(`cases: the API answered ${api.cases.edges.length} edges`);
  if (JSON.stringify(api) !== JSON.stringify(base.data)) {
    throw new Error(
      `cases answers differ:\n  API      ${JSON.stringify(api).slice(0, 400)}\n  baseline ${JSON.stringify(base.data).slice(0, 400)}`,
    );
  }
  // The baseline writes what the API writes: the same fields and entity types.
  const events = (
    await pool.query<{ entity_type: string; fields: string[] }>(
      `SELECT entity_type, fields FROM audit_event WHERE operation_name = 'Cases' AND request_id = (SELECT request_id FROM audit_event WHERE operation_name = 'Cases' ORDER BY id LIMIT 1)`,
    )
  ).rows;
  if (events.length !== 3 || JSON.stringify(events[0].fields) !== JSON.stringify(CASES_FIELDS)) {
    throw new Error(`cases: the API's audit events differ from the baseline's: ${JSON.stringify(events)}`);
  }
  log(
    `cases: logged in as ${CASES_MEMBER_EMAIL}; page 1 answers alike on both (tasks: ${api.cases.edges.reduce((n, e) => n + e.node.tasks.length, 0)}), 3 audit events each`,
  );
  console.log('');
  return scenario(
    'cases page 1',
    (d) => apiLoad(t, 'API cases page 1', CASES_QUERY, settings, d),
    (d) => baselineLoad(t, 'baseline D cases page 1', '/cases', settings, d),
    settings,
    TARGET_CASES_RATIO,
  );
}

/**
 * trainingCoverage as Danderyd's training coordinator over COVERAGE_STAFF staff: the answer held
 * against the in-process reference, the SQL plans printed and saved, then one request at a time
 * (the clean p50; the data unchanged, so the report computed once is served again), one request
 * at a time each right after a committed change (every report computed afresh), and
 * COVERAGE_CONNECTIONS connections with autocannon.
 */
async function coverageScenario(
  api: string,
  superUrl: string,
  settings: BenchSettings,
  config: Config,
): Promise<CoverageTiming> {
  const data = await insertCoverageData(superUrl);
  log(
    `coverage: inserted and analysed in ${data.seconds.toFixed(1)} s: ${data.staff.toLocaleString('en')} staff in ${data.units} units, ${data.courses} courses, ` +
      `${data.requirements} requirements, ${data.completions.toLocaleString('en')} completions`,
  );
  const login = await gql<{ login: { token: string } }>(
    api,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: COVERAGE_COORDINATOR_EMAIL, password: config.seedPassword },
  );
  const token = login.login.token;
  const on = todayInSweden();
  const variables = { on };
  const answer = await gql<CoverageAnswer>(api, COVERAGE_QUERY, variables, token);
  const { plans, expected } = await explainCoverage(superUrl, data.organisationId, on);
  const difference = sameCoverage(answer.trainingCoverage.rows, expected);
  if (difference) throw new Error(`coverage: the API's report differs from the reference: ${difference}`);
  const rows = answer.trainingCoverage.rows;
  const missingNames = rows.reduce((n, r) => n + r.missingStaff.length, 0);
  const body = JSON.stringify({ query: COVERAGE_QUERY, variables });
  const request = async (): Promise<number> => {
    const response = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`coverage answered ${response.status}`);
    return text.length;
  };
  const responseBytes = await request();
  log(
    `coverage: logged in as ${COVERAGE_COORDINATOR_EMAIL}; ${rows.length} rows (${missingNames.toLocaleString('en')} missing names, ${Math.round(responseBytes / 1024)} KiB) on ${on}, equal to the reference`,
  );
  console.log('');
  console.log(plans);
  console.log('');
  writePlans(
    COVERAGE_PLAN_FILE,
    `-- trainingCoverage(on: "${on}") as ${COVERAGE_COORDINATOR_EMAIL}; ${data.staff} staff, ${data.courses} courses, ${data.requirements} requirements, ${data.completions} completions`,
    plans,
  );
  log(`coverage: SQL plans written to ${path.relative(process.cwd(), COVERAGE_PLAN_FILE)}`);

  const seqSeconds = Math.min(settings.durationSeconds, 10);
  for (let i = 0; i < 5; i++) await request();
  log(`coverage: one request at a time for ${seqSeconds} s (at least 30 requests)`);
  const started = performance.now();
  const samples = await sequentialLatencies(request, seqSeconds, 30);
  const elapsed = (performance.now() - started) / 1000;
  const sequential = {
    requests: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    requestsPerSecond: samples.length / elapsed,
  };
  log(
    `  sequential: ${sequential.requestsPerSecond.toFixed(1)} req/s, p50 ${sequential.p50.toFixed(1)} ms, p99 ${sequential.p99.toFixed(1)} ms`,
  );
  // The same, each request right after a committed change to what the report reads (a course's
  // hours, set to what they are: the row is still updated), so that none is served from the cache.
  const superPool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-coverage' });
  const changed: number[] = [];
  try {
    for (let i = 0; i < COVERAGE_AFTER_CHANGE_REQUESTS; i++) {
      await superPool.query(`UPDATE course SET hours = hours WHERE id = (SELECT id FROM course ORDER BY code LIMIT 1)`);
      const t0 = performance.now();
      await request();
      changed.push(performance.now() - t0);
    }
  } finally {
    await superPool.end();
  }
  const afterChange = {
    requests: changed.length,
    p50: percentile(changed, 50),
    p99: percentile(changed, 99),
    mean: changed.reduce((a, b) => a + b, 0) / changed.length,
  };
  log(
    `  each after a change (computed afresh): p50 ${afterChange.p50.toFixed(1)} ms, p99 ${afterChange.p99.toFixed(1)} ms (${afterChange.requests} requests)`,
  );
  const coverageLoad = (d: number): LoadRequest => ({
    title: 'API trainingCoverage',
    url: `${api}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections: COVERAGE_CONNECTIONS,
    durationSeconds: d,
  });
  if (settings.warmupSeconds > 0) await runLoad(coverageLoad(settings.warmupSeconds));
  await sleep(500);
  log(`coverage: ${COVERAGE_CONNECTIONS} connections, ${settings.durationSeconds} s`);
  const load = await runLoad(coverageLoad(settings.durationSeconds));
  log(`  ${COVERAGE_CONNECTIONS} connections: ${describeLoad(load)}`);
  const result: CoverageTiming = {
    staff: data.staff,
    units: data.units,
    courses: data.courses,
    requirements: data.requirements,
    completions: data.completions,
    rows: rows.length,
    missingNames,
    responseBytes,
    insertSeconds: data.seconds,
    sequential,
    afterChange,
    load,
    connections: COVERAGE_CONNECTIONS,
    planFile: path.relative(projectRoot(), COVERAGE_PLAN_FILE),
    met: sequential.p50 <= TARGET_COVERAGE_P50_MS,
  };
  console.log(formatCoverage(result));
  return result;
}

const UNSEALED_SQL = `SELECT count(*)::int AS n FROM audit_event
  WHERE tx_id >= COALESCE((SELECT tx_horizon FROM audit_checkpoint ORDER BY id DESC LIMIT 1), 0)`;

async function unsealed(pool: Pool): Promise<number> {
  return (await pool.query<{ n: number }>(UNSEALED_SQL)).rows[0].n;
}

/**
 * Seconds from `since` until no audit event is left unsealed, confirmed a moment later (a request
 * still in flight when the load stopped could commit just after); null on timeout.
 */
async function waitUntilSealed(
  pool: Pool,
  since: bigint,
  timeoutSeconds: number,
  onPoll?: (left: number, seconds: number) => void,
): Promise<number | null> {
  const elapsed = (): number => Number(process.hrtime.bigint() - since) / 1e9;
  let sealedAt: number | null = null;
  while (elapsed() < timeoutSeconds) {
    const left = await unsealed(pool);
    onPoll?.(left, elapsed());
    if (left === 0) {
      sealedAt ??= elapsed();
      if (elapsed() - sealedAt >= 1.5) return sealedAt;
    } else {
      sealedAt = null;
    }
    await sleep(50);
  }
  return sealedAt;
}

async function count(pool: Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows[0].n);
}

async function sealLagScenario(t: Targets, settings: BenchSettings, pool: Pool): Promise<SealLag> {
  const before = await count(pool);
  log(`seal lag: areas at ${settings.connections} connections for ${settings.sealDurationSeconds} s`);
  const load = await runLoad(apiLoad(t, 'areas (seal lag)', AREAS_QUERY, settings, settings.sealDurationSeconds));
  const stoppedAt = process.hrtime.bigint();
  const atStop = await unsealed(pool);
  log(`  load stopped: ${describeLoad(load)}; ${atStop} events not yet sealed`);
  const secondsToSealed = await waitUntilSealed(pool, stoppedAt, 60);
  const events = (await count(pool)) - before;
  const met = secondsToSealed !== null && secondsToSealed <= TARGET_SEAL_LAG_SECONDS;
  log(
    `  every event sealed ${secondsToSealed === null ? 'NEVER (60 s)' : `${secondsToSealed.toFixed(2)} s`} after the load stopped  target ≤ ${TARGET_SEAL_LAG_SECONDS} s  ${met ? 'ok' : 'MISSED'}`,
  );
  return {
    loadSeconds: settings.sealDurationSeconds,
    requestsPerSecond: load.requestsPerSecond,
    eventsDuringLoad: events,
    unsealedWhenLoadStopped: atStop,
    secondsToSealed,
    met,
  };
}

async function syntheticActors(pool: Pool): Promise<SyntheticActors> {
  const users = await pool.query<{ id: string; organisation_id: string; roles: string[] }>(
    `SELECT u.id, u.organisation_id, COALESCE(array_agg(r.role::text ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id GROUP BY u.id ORDER BY u.email`,
  );
  const areas = await pool.query<{ id: string }>('SELECT id FROM area ORDER BY id');
  return {
    users: users.rows.map((u) => ({ id: u.id, organisationId: u.organisation_id, roles: u.roles })),
    areaIds: areas.rows.map((a) => a.id),
  };
}

async function verifyScenario(
  runtime: Runtime,
  settings: BenchSettings,
  pool: Pool,
  superUrl: string,
): Promise<VerifyTiming> {
  const n = settings.verifyEvents;
  let insertSeconds = 0;
  if (n > 0) {
    log(`verify: inserting ${n} synthetic audit events (HMAC digests by draftDigest; the sealer runs meanwhile)`);
    insertSeconds = await bulkInsertAuditEvents(superUrl, n, await syntheticActors(pool), (done, seconds) => {
      log(
        `  inserted ${done.toLocaleString('en')} / ${n.toLocaleString('en')} (${Math.round(done / seconds).toLocaleString('en')}/s)`,
      );
    });
  }
  const insertedAt = process.hrtime.bigint();
  let lastReport = 0;
  log('verify: waiting for the sealer to seal every event');
  const sealCatchUpSeconds = await waitUntilSealed(pool, insertedAt, 600, (left, seconds) => {
    if (seconds - lastReport >= 5) {
      lastReport = seconds;
      log(`  ${left.toLocaleString('en')} events not yet sealed`);
    }
  });
  log(
    `  sealed ${sealCatchUpSeconds === null ? 'NOT completely (600 s)' : `${sealCatchUpSeconds.toFixed(1)} s after the insert ended`}`,
  );

  // A bulk load outruns autovacuum: give the planner the statistics that autovacuum's analyze would
  // have gathered on a log grown at production pace (BENCH_SKIP_ANALYZE=1 to measure without).
  if (process.env.BENCH_SKIP_ANALYZE !== '1') {
    const analyzeStarted = Date.now();
    await pool.query('ANALYZE audit_event, audit_checkpoint');
    log(`  ANALYZE audit_event, audit_checkpoint: ${((Date.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  }
  log('verify: verifyAuditLog over the whole log');
  const total = await count(pool);
  let lastProgress = Date.now();
  const pgBefore = await backendCpu(runtime.dataSource.manager);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await verifyAuditLog(runtime.dataSource.manager, {
    anchorFile: process.env.AUDIT_ANCHOR_FILE,
    onProgress: (checked) => {
      if (Date.now() - lastProgress >= 3_000) {
        lastProgress = Date.now();
        log(`  checked ${checked.toLocaleString('en')} / ${total.toLocaleString('en')} events`);
      }
    },
  });
  const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const pgSeconds = backendCpuSince(pgBefore, await backendCpu(runtime.dataSource.manager));
  const loadAverage = os.loadavg();
  const nodeMicros = result.checkedEvents > 0 ? (cpu.user + cpu.system) / result.checkedEvents : 0;
  const pgMicros = pgSeconds === null || result.checkedEvents === 0 ? null : (pgSeconds * 1e6) / result.checkedEvents;
  log(
    `  ${result.ok ? 'verified' : `FAILED (${result.problem ?? ''})`}: ${result.checkedEvents} events, ${result.checkedCheckpoints} checkpoints in ${verifySeconds.toFixed(1)} s`,
  );
  return {
    insertedEvents: n,
    insertSeconds,
    insertEventsPerSecond: insertSeconds > 0 ? n / insertSeconds : 0,
    sealCatchUpSeconds,
    checkedEvents: result.checkedEvents,
    checkedCheckpoints: result.checkedCheckpoints,
    verifySeconds,
    verifyEventsPerSecond: verifySeconds > 0 ? result.checkedEvents / verifySeconds : 0,
    verifyCpuMicrosPerEvent: nodeMicros,
    postgresCpuMicrosPerEvent: pgMicros,
    // µs per event is s per 1,000,000 events.
    projectedIdleMillionSeconds: pgMicros === null ? null : idleProjection(nodeMicros, pgMicros),
    loadAverage,
    projectedMillionSeconds: result.checkedEvents > 0 ? (verifySeconds * 1_000_000) / result.checkedEvents : 0,
    ok: result.ok,
    problem: result.problem,
  };
}

/** Waits (at most 15 s) until no other statement runs in the scratch database for a moment. */
async function settle(pool: Pool): Promise<void> {
  const deadline = Date.now() + 15_000;
  let quietSince: number | null = null;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n === 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= 500) return;
    } else {
      quietSince = null;
    }
    await sleep(100);
  }
}

/** Cleanup steps, run in reverse order exactly once, also on failure and on SIGINT/SIGTERM. */
class Teardown {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`[bench] cleanup "${step.name}" failed: ${String(error)}`);
        }
      }
    })();
    return this.running;
  }
}

function benchConfig(settings: BenchSettings): Config {
  // Read as development (the embedded PostgreSQL when DATABASE_URL is unset, migrations at start
  // into the scratch database), then served as production (no introspection, no IDE).
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    // Production refuses to start without a cell-key secret; the bench draws one per run.
    INDICATOR_CELL_KEY_SECRET: process.env.INDICATOR_CELL_KEY_SECRET ?? randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    LOG_LEVEL: settings.logLevel,
    // The indicators scenario reads thousands of protected tables as one user in a day.
    ...(settings.scenarios.includes('indicators')
      ? { INDICATOR_DAILY_READ_CAP: String(INDICATOR_BENCH_READ_CAP) }
      : {}),
  });
  return { ...config, nodeEnv: 'production', migrateOnStart: true };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const config = benchConfig(settings);
  const logger = createLogger(config.logLevel);
  const teardown = new Teardown();
  const startedAt = new Date();
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`[bench] ${signal}: cleaning up`);
    void teardown.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(`settings: ${JSON.stringify(settings)}; pool ${config.dbPoolSize}; ${os.cpus().length} CPUs`);
    log(config.databaseUrl ? 'database: the server of DATABASE_URL' : 'database: embedded PostgreSQL');
    const location: DatabaseLocation = await locateDatabase(config);
    teardown.add('stop database', () => location.stop());
    const adminUrl = withDatabase(location.migrationUrl, 'postgres');
    const name = scratchName('samverkan_bench');
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    teardown.add('drop scratch database', async () => {
      // BENCH_KEEP_DATABASE=1 keeps it for inspection (only useful with DATABASE_URL or a kept embedded cluster).
      if (process.env.BENCH_KEEP_DATABASE === '1') return log(`kept scratch database ${name}`);
      await dropDatabase(adminUrl, name);
      log(`dropped scratch database ${name}`);
    });
    const superUrl = withDatabase(location.migrationUrl, name);
    const appUrl = withDatabase(location.appUrl, name);
    log(`scratch database ${name}`);

    const runtime = await startRuntime(config, logger, {
      location: { appUrl, migrationUrl: superUrl, embedded: undefined, stop: async () => undefined },
      runSealer: true,
    });
    teardown.add('stop API', () => runtime.stop());
    await seedDemoData(runtime.dataSource, { nodeEnv: 'development', password: config.seedPassword });
    log(`API at ${runtime.url} (migrated, demo data seeded)`);
    const run = (s: Scenario): boolean => settings.scenarios.includes(s);
    let activities: { count: number; visibleToPolice: number } | undefined;
    if (run('activities')) {
      const r = await insertBenchActivities(superUrl, BENCH_ACTIVITIES);
      activities = { count: BENCH_ACTIVITIES, visibleToPolice: r.visibleToPolice };
      log(
        `inserted ${BENCH_ACTIVITIES.toLocaleString('en')} prevention activities and analysed in ${r.seconds.toFixed(1)} s ` +
          `(${r.total.toLocaleString('en')} in all, ${r.visibleToPolice.toLocaleString('en')} visible to the police liaison)`,
      );
    }

    if (run('cases')) {
      const r = await insertBenchCases(superUrl, BENCH_CASES);
      log(
        `inserted ${BENCH_CASES.toLocaleString('en')} cases (${r.tasks.toLocaleString('en')} tasks, ${r.assessments.toLocaleString('en')} assessments) and analysed in ${r.seconds.toFixed(1)} s; ` +
          `${CASES_MEMBER_EMAIL} is a member of ${r.memberOf.toLocaleString('en')}`,
      );
    }

    const pool = new Pool({ connectionString: superUrl, max: 2, application_name: 'samverkan-bench-observer' });
    pool.on('error', (error) => console.error(`[bench] observer pool: ${error.message}`));
    teardown.add('close observer pool', () => pool.end());

    const baseline: Baseline = await startBaseline(
      appUrl,
      config.dbPoolSize,
      config.sessionIdleTimeoutSeconds,
      config.indicatorCellKeySecret!,
      {
        delayDays: config.indicatorPublicationDelayDays,
        republishEveryMonths: config.indicatorRepublishEveryMonths,
      },
    );
    teardown.add('stop baseline', () => baseline.stop());
    log(`baseline at ${baseline.url} (node:http + pg, pool ${config.dbPoolSize})`);

    const login = await gql<{ login: { token: string } }>(
      runtime.url,
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      { email: DEMO_EMAIL, password: config.seedPassword },
    );
    const t: Targets = { api: runtime.url, baseline: baseline.url, token: login.login.token };

    // Both sides answer the same thing before anything is measured.
    const apiMe = await gql<{ me: { email: string } }>(t.api, ME_QUERY, {}, t.token);
    const baseMe = (await getJson(`${t.baseline}/me`, t.token)) as { data: { me: { email: string } } };
    const apiAreas = await gql<{ areas: { id: string }[] }>(t.api, AREAS_QUERY, {}, t.token);
    const baseAreas = (await getJson(`${t.baseline}/areas`, t.token)) as { data: { areas: { id: string }[] } };
    if (apiMe.me.email !== DEMO_EMAIL || baseMe.data.me.email !== DEMO_EMAIL) throw new Error('me answers differ');
    if (apiAreas.areas.length === 0 || JSON.stringify(apiAreas.areas) !== JSON.stringify(baseAreas.data.areas))
      throw new Error('areas answers differ');
    log(`logged in as ${DEMO_EMAIL}; me and areas answer alike on both (${apiAreas.areas.length} areas)`);

    const comparisons: Comparison[] = [];
    if (run('me')) {
      console.log('');
      comparisons.push(
        await scenario(
          'me (session + user)',
          (d) => apiLoad(t, 'API me', ME_QUERY, settings, d),
          (d) => baselineLoad(t, 'baseline A me', '/me', settings, d),
          settings,
        ),
      );
    }
    if (run('areas')) {
      console.log('');
      comparisons.push(
        await scenario(
          'areas (audited read)',
          (d) => apiLoad(t, 'API areas', AREAS_QUERY, settings, d),
          (d) => baselineLoad(t, 'baseline B areas', '/areas', settings, d),
          settings,
        ),
      );
    }
    // Keyed digests against the unkeyed SHA-256 they replaced, related to this run's audited reads.
    const areasRun = comparisons.find((c) => c.name === 'areas (audited read)');
    const hmac: HmacCost = measureHmacCost(areasRun?.api, os.cpus().length);
    console.log(formatHmacCost(hmac));
    let keyset: KeysetCheck | null = null;
    if (activities) {
      console.log('');
      const result = await activitiesScenario(t, settings, config, activities, pool);
      comparisons.push(...result.comparisons);
      keyset = result.keyset;
    }
    if (run('cases')) {
      console.log('');
      comparisons.push(await casesScenario(t, settings, config, pool));
    }
    let coverage: CoverageTiming | null = null;
    if (run('coverage')) {
      console.log('');
      coverage = await coverageScenario(t.api, superUrl, settings, config);
    }
    let indicators: IndicatorsTiming | null = null;
    if (run('indicators')) {
      console.log('');
      indicators = await indicatorsScenario(
        t.api,
        superUrl,
        settings,
        config.seedPassword,
        t.baseline,
        config.indicatorCellKeySecret,
      );
    }
    let loginTiming: LoginTiming | null = null;
    if (run('login')) {
      console.log('');
      loginTiming = await loginTimingScenario(t.api, pool, DEMO_EMAIL, settings.loginSamples, log);
    }
    let sealLag: SealLag | null = null;
    if (run('seal')) {
      console.log('');
      sealLag = await sealLagScenario(t, settings, pool);
    }
    let verify: VerifyTiming | null = null;
    if (run('verify')) {
      console.log('');
      verify = await verifyScenario(runtime, settings, pool, superUrl);
    }
    let growth: GrowthTiming | null = null;
    if (run('growth')) {
      console.log('');
      const police = await gql<{ login: { token: string } }>(
        t.api,
        'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email: POLICE_LIAISON_EMAIL, password: config.seedPassword },
      );
      growth = await growthScenario(superUrl, settings.growthSizes, {
        graphqlUrl: `${t.api}/graphql`,
        token: police.login.token,
        connections: settings.connections,
        durationSeconds: settings.durationSeconds,
        warmupSeconds: settings.warmupSeconds,
        log,
      });
      console.log(formatGrowth(growth));
    }

    // Requests still queued when the last load stopped finish before anything is torn down.
    await settle(pool);
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        database: config.databaseUrl ? 'DATABASE_URL' : 'embedded',
        poolSize: config.dbPoolSize,
      },
      settings: { ...settings, scenarios: settings.scenarios.join(','), growthSizes: settings.growthSizes.join(',') },
      comparisons,
      keyset,
      sealLag,
      verify,
      hmac,
      coverage,
      indicators,
      login: loginTiming,
      growth,
      totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
    };
    console.log(formatSummary(report));
    writeReport(report, RESULTS_FILE);
    log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  } finally {
    await teardown.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
