import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { projectRoot } from '../src/config/config';
import { createDataSource } from '../src/db/data-source';
import { adminQuery, dropDatabase, runMigrations, scratchName, withDatabase } from '../src/db/database';
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '../src/db/embedded-postgres';
import { seedDemoData } from '../src/db/seed/demo-seed';

/**
 * What `npm run load` and `npm run faults` share: a database of their own (a throw-away embedded
 * cluster under the temp directory, or a scratch database on DATABASE_URL's server), the real API
 * as a child process (`node dist/src/main.js` with `npm start`'s flags, so that its memory and its death are its own), a
 * light keep-alive HTTP client, and the checks that nothing was lost.
 */

export const SEED_PASSWORD = 'samverkan-demo-2026';
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const log = (tag: string, message: string): void =>
  console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${message}`);

export interface Database {
  /** Superuser URL of the scratch database (migrations, checks, and the API's login role). */
  url: string;
  /** The embedded cluster, when this run started one (faults restart and kill it). */
  cluster: EmbeddedCluster | undefined;
  drop(): Promise<void>;
}

/** An embedded PostgreSQL on a fixed port under the temp directory, which can be stopped, killed and started again. */
export class EmbeddedCluster {
  private running: RunningEmbeddedPostgres | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(prefix: string): Promise<EmbeddedCluster> {
    const cluster = new EmbeddedCluster(path.join(os.tmpdir(), scratchName(prefix)), await freePort());
    await cluster.startAgain();
    return cluster;
  }

  url(database: string): string {
    if (!this.running) throw new Error('the embedded cluster is not running');
    return this.running.url(database);
  }

  /** The postmaster's pid, from postmaster.pid (the data directory may have been moved when running as root). */
  postmasterPid(): number {
    const dir = this.running?.dataDir ?? this.dataDir;
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** Fast shutdown, keeping the data. */
  async stop(): Promise<void> {
    await this.running?.stop({ keepData: true });
  }

  /**
   * Starts the cluster on the same port and data; after a SIGKILL of the postmaster its orphaned
   * backends hold the shared memory for a moment, so starting is retried for up to 30 s.
   */
  async startAgain(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        this.running = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, ephemeral: true });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
  }

  /** Stops the server and removes its data. */
  async remove(): Promise<void> {
    await this.running?.stop();
  }
}

/** A migrated, seeded scratch database: on DATABASE_URL's server unless `embedded`, else on a fresh embedded cluster. */
export async function prepareDatabase(tag: string, options: { embedded?: boolean } = {}): Promise<Database> {
  let cluster: EmbeddedCluster | undefined;
  let url: string;
  let drop: () => Promise<void>;
  if (process.env.DATABASE_URL && !options.embedded) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    const name = scratchName(`samverkan_${tag}`);
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    url = withDatabase(adminUrl, name);
    drop = () => dropDatabase(adminUrl, name);
    log(tag, `scratch database ${name} on DATABASE_URL's server`);
  } else {
    cluster = await EmbeddedCluster.start(`samverkan-${tag}-pg`);
    await ensureDatabase(cluster.url('postgres'), 'samverkan');
    url = cluster.url('samverkan');
    const c = cluster;
    drop = () => c.remove();
    log(tag, `embedded PostgreSQL on 127.0.0.1:${cluster.port}, data in ${cluster.dataDir}`);
  }
  try {
    await runMigrations(url);
    const ds = createDataSource({ url, asAppRole: true, poolSize: 2 });
    await ds.initialize();
    try {
      await seedDemoData(ds, { nodeEnv: 'development', password: SEED_PASSWORD });
    } finally {
      await ds.destroy();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, cluster, drop };
}

/** Memory of a process from /proc/<pid>/status, in MiB. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** The API as a child process, started as `npm start` starts it, against `databaseUrl`, on a loopback port. */
/** The bearer token the bench's API child answers /metrics with. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

export class ApiProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** The last lines the server wrote (shown when something fails). */
  readonly output: string[] = [];

  constructor(
    readonly databaseUrl: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
    /** Node flags besides `npm start`'s (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
    private readonly nodeFlags: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the API is not running');
    return this.child.pid;
  }

  static async start(
    databaseUrl: string,
    env: Record<string, string> = {},
    nodeFlags: readonly string[] = [],
  ): Promise<ApiProcess> {
    const api = new ApiProcess(databaseUrl, await freePort(), env, nodeFlags);
    await api.start();
    return api;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...startFlags(), ...this.nodeFlags, path.join(__dirname, '..', 'src', 'main.js')],
      {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(this.port),
          HOST: '127.0.0.1',
          DATABASE_URL: this.databaseUrl,
          // The bench's scratch database is migrated by the API itself, as before the migration job.
          MIGRATE_ON_START: 'true',
          LOG_LEVEL: 'warn',
          // The workload reads thousands of protected tables as one user in a day.
          INDICATOR_DAILY_READ_CAP: '1000000',
          // In production /metrics answers only this token (or on METRICS_PORT).
          METRICS_TOKEN: BENCH_METRICS_TOKEN,
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') this.output.push(line.slice(0, 500));
      this.output.splice(0, Math.max(0, this.output.length - 50));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    await this.waitHealthy(60_000);
  }

  /** Polls /health until it answers 200; returns the milliseconds it took. */
  async waitHealthy(timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`the API exited with code ${this.child.exitCode}:\n${this.output.join('\n')}`);
      }
      if ((await health(this.url)) === 200) return Date.now() - started;
      await sleep(100);
    }
    throw new Error(`the API did not become healthy within ${timeoutMs} ms:\n${this.output.join('\n')}`);
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child?.kill(signal);
    return this.exited;
  }

  /** SIGTERM and wait (main.ts stops in order); SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 20_000);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }
}

/** The node flags of `npm start` (package.json), so that the API runs here exactly as it is started. */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(pkg.scripts.start.trim());
  if (!match)
    throw new Error(`package.json's start script is not "node [flags] dist/src/main.js": ${pkg.scripts.start}`);
  return match[1].split(/\s+/).filter((f) => f !== '');
}

/** GET /health's status, or 0 when nothing answered within 3 s. */
export async function health(baseUrl: string): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(3_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  /** The raw body (for the "no SQL, no stack" checks). */
  text: string;
  ms: number;
  /** Set when no HTTP answer came (connection refused, reset, timeout). */
  transportError?: string;
}

/** A keep-alive HTTP client with at most `connections` sockets: light enough to share 2 cores with the server. */
export class GqlClient {
  private readonly agent: http.Agent;

  constructor(
    readonly baseUrl: string,
    connections: number,
    private readonly timeoutMs = 30_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlResult<T>> {
    const body = JSON.stringify({ query, variables });
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (r: Omit<GqlResult<T>, 'ms'>): void => resolve({ ...r, ms: performance.now() - started });
      const req = http.request(
        `${this.baseUrl}/graphql`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (error) => done({ status: 0, text: '', transportError: error.message }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const parsed = JSON.parse(text) as Pick<GqlResult<T>, 'data' | 'errors'>;
              done({ status: res.statusCode ?? 0, data: parsed.data, errors: parsed.errors, text });
            } catch {
              done({ status: res.statusCode ?? 0, text, transportError: 'response is not JSON' });
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => done({ status: 0, text: '', transportError: error.message }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Text that must never reach a client: stack frames, SQL, driver messages. */
export const LEAK =
  /\bat [\w.<>]+ \(|\.js:\d+|\bSELECT\b|\bINSERT\b|\bUPDATE\b.*\bSET\b|\brelation "|syntax error at or near|ECONNREFUSED|terminating connection|duplicate key/i;

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Demo users who read and write (social workers and the police liaison), logged in, with what they may use. */
export interface Actor {
  email: string;
  token: string;
  kind: 'POLICE' | 'SOCIAL_SERVICES';
  areaIds: string[];
  ownIndicators: string[];
  otherIndicators: string[];
  activityIds: string[];
}

export const WRITERS = [
  'socialsekreterare@danderyd.example',
  'socialsekreterare@taby.example',
  'kommunpolis@polisen.example',
];

export async function loginActors(client: GqlClient): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (const email of WRITERS) {
    const login = await client.request<{ login: { token: string } }>(
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      { email, password: SEED_PASSWORD },
    );
    const token = login.data?.login.token;
    if (!token) throw new Error(`login failed for ${email}: ${login.text}`);
    const r = await client.request<{
      me: { organisation: { kind: 'POLICE' | 'SOCIAL_SERVICES' } };
      areas: { id: string }[];
      indicators: { code: string; reportedBy: string }[];
      preventionActivities: { edges: { node: { id: string } }[] };
    }>(
      '{ me { organisation { kind } } areas { id } indicators { code reportedBy } preventionActivities(first: 50) { edges { node { id } } } }',
      {},
      token,
    );
    if (!r.data) throw new Error(`setup queries failed for ${email}: ${r.text}`);
    const kind = r.data.me.organisation.kind;
    actors.push({
      email,
      token,
      kind,
      areaIds: r.data.areas.map((a) => a.id),
      ownIndicators: r.data.indicators.filter((i) => i.reportedBy === kind).map((i) => i.code),
      otherIndicators: r.data.indicators.filter((i) => i.reportedBy !== kind).map((i) => i.code),
      activityIds: r.data.preventionActivities.edges.map((e) => e.node.id),
    });
  }
  return actors;
}

/** An operation of the workload; `name` is its GraphQL operation name, by which the audit log is matched. */
export interface Operation {
  name: string;
  kind: 'read' | 'write' | 'table';
  /** For writes: the entity table the returned id lives in. */
  table?: 'prevention_activity' | 'detection_record';
  build(actor: Actor, seq: number): { query: string; variables: Record<string, unknown> };
  /** For writes: the id of the record the answer acknowledges. */
  ackId?(data: Record<string, unknown>): string | undefined;
}

const pick = <T>(xs: readonly T[], seq: number): T => xs[seq % xs.length];

export const OPERATIONS: Record<string, Operation> = {
  me: {
    name: 'LoadMe',
    kind: 'read',
    build: () => ({
      query: 'query LoadMe { me { id email displayName roles organisation { id name kind } } }',
      variables: {},
    }),
  },
  areas: {
    name: 'LoadAreas',
    kind: 'read',
    build: () => ({ query: 'query LoadAreas { areas { id name } }', variables: {} }),
  },
  activities: {
    name: 'LoadActivities',
    kind: 'read',
    build: () => ({
      query: `query LoadActivities { preventionActivities(first: 20) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id title type status startsAt visibility owner { id name } area { id name } place { id name } } } } }`,
      variables: {},
    }),
  },
  activity: {
    name: 'LoadActivity',
    kind: 'read',
    build: (a, seq) => ({
      query: 'query LoadActivity($id: ID!) { preventionActivity(id: $id) { id title status area { name } } }',
      variables: { id: pick(a.activityIds, seq) },
    }),
  },
  createActivity: {
    name: 'LoadCreateActivity',
    kind: 'write',
    table: 'prevention_activity',
    build: (a, seq) => ({
      query:
        'mutation LoadCreateActivity($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }',
      variables: {
        input: {
          title: `Load ${seq}`,
          type: pick(['SAFETY_WALK', 'SAFETY_PATROL', 'PARENT_WALK', 'YOUTH_OUTREACH'], seq),
          areaId: pick(a.areaIds, seq),
          startsAt: new Date(Date.UTC(2026, seq % 12, 1 + (seq % 28), 17)).toISOString(),
          visibility: seq % 2 === 0 ? 'ORGANISATION' : 'PARTNERSHIP',
        },
      },
    }),
    ackId: (d) => (d.createPreventionActivity as { id?: string } | undefined)?.id,
  },
  recordDetection: {
    name: 'LoadRecordDetection',
    kind: 'write',
    table: 'detection_record',
    build: (a, seq) => ({
      query: 'mutation LoadRecordDetection($input: RecordDetectionInput!) { recordDetection(input: $input) { id } }',
      variables: {
        input: {
          indicatorCode: pick(a.ownIndicators, seq),
          areaId: pick(a.areaIds, seq),
          occurredOn: `2025-${String(1 + (seq % 12)).padStart(2, '0')}-15`,
          count: 1 + (seq % 9),
        },
      },
    }),
    ackId: (d) => (d.recordDetection as { id?: string } | undefined)?.id,
  },
  indicatorTable: {
    name: 'LoadIndicatorTable',
    kind: 'table',
    build: (a, seq) => ({
      query: `query LoadIndicatorTable($indicatorCode: String!, $year: Int!) { indicatorTable(indicatorCode: $indicatorCode, year: $year) {
        protected rows { area { id name } cells { month value suppressed } total { value suppressed } }
        columnTotals { month value suppressed } grandTotal { value suppressed } } }`,
      // Mostly the protected tables of the partner organisations, sometimes the own exact table.
      variables: {
        indicatorCode: seq % 4 === 0 ? pick(a.ownIndicators, seq) : pick(a.otherIndicators, seq),
        year: 2023 + (seq % 3),
      },
    }),
  },
};

/** 70 % reads, 20 % writes, 10 % indicator tables, as a repeating deck of 20. */
export const MIXED_DECK: Operation[] = [
  ...Array<Operation>(4).fill(OPERATIONS.me),
  ...Array<Operation>(3).fill(OPERATIONS.areas),
  ...Array<Operation>(4).fill(OPERATIONS.activities),
  ...Array<Operation>(3).fill(OPERATIONS.activity),
  ...Array<Operation>(2).fill(OPERATIONS.createActivity),
  ...Array<Operation>(2).fill(OPERATIONS.recordDetection),
  ...Array<Operation>(2).fill(OPERATIONS.indicatorTable),
];

export interface Outcome {
  op: Operation;
  startedAt: number;
  endedAt: number;
  ms: number;
  status: number;
  ok: boolean;
  code?: string;
  ackId?: string;
  transportError?: string;
  leaked: boolean;
}

/**
 * Runs `connections` closed loops over `deck` until `until()` is false; each loop sends its next
 * request when the previous answered, optionally paced to `rate` requests per second in all.
 */
export async function drive(options: {
  client: GqlClient;
  actors: Actor[];
  deck: Operation[];
  connections: number;
  until: () => boolean;
  rate?: number;
  onOutcome: (o: Outcome) => void;
}): Promise<void> {
  let seq = 0;
  const interval = options.rate ? 1000 / options.rate : 0;
  let nextSlot = performance.now();
  const loop = async (): Promise<void> => {
    while (options.until()) {
      if (interval > 0) {
        const slot = nextSlot;
        nextSlot = Math.max(nextSlot + interval, performance.now());
        const wait = slot - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const n = seq++;
      const op = options.deck[n % options.deck.length];
      const actor = options.actors[Math.floor(n / options.deck.length) % options.actors.length];
      const { query, variables } = op.build(actor, n);
      const startedAt = Date.now();
      const r = await options.client.request(query, variables, actor.token);
      const ok = r.status === 200 && !r.errors && r.data !== null && r.data !== undefined;
      options.onOutcome({
        op,
        startedAt,
        endedAt: Date.now(),
        ms: r.ms,
        status: r.status,
        ok,
        code: r.errors?.[0]?.extensions?.code,
        ackId: ok && op.ackId ? op.ackId(r.data as Record<string, unknown>) : undefined,
        transportError: r.transportError,
        leaked: LEAK.test(r.text),
      });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, () => loop()));
}

/** Superuser connections to the scratch database, for the checks. */
export function observer(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 2, application_name: 'samverkan-load-observer' });
  pool.on('error', () => undefined); // the database may be restarted under it (faults)
  return pool;
}

/** Acknowledged ids missing from their table. */
export async function missingWrites(
  pool: Pool,
  outcomes: readonly Outcome[],
): Promise<{ acknowledged: number; missing: string[] }> {
  const missing: string[] = [];
  let acknowledged = 0;
  for (const table of ['prevention_activity', 'detection_record'] as const) {
    const ids = outcomes.filter((o) => o.op.table === table && o.ackId).map((o) => o.ackId!);
    acknowledged += ids.length;
    const { rows } = await pool.query<{ id: string }>(
      `SELECT x::text AS id FROM unnest($1::uuid[]) x WHERE NOT EXISTS (SELECT 1 FROM "${table}" t WHERE t.id = x)`,
      [ids],
    );
    missing.push(...rows.map((r) => `${table}:${r.id}`));
  }
  return { acknowledged, missing };
}

/** Rows in the write tables now: compared before and after, it finds committed writes nobody was told about. */
export async function writeRowCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ t: string; n: number }>(
    `SELECT 'prevention_activity' AS t, count(*)::int AS n FROM prevention_activity UNION ALL SELECT 'detection_record', count(*)::int FROM detection_record`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/**
 * Per operation name: answered requests with data, and distinct audited requests. Every request that
 * returned data must be audited (fail closed); requests that failed may be audited too.
 */
export async function auditCoverage(
  pool: Pool,
  outcomes: readonly Outcome[],
): Promise<{ name: string; answeredOk: number; answered: number; audited: number }[]> {
  const names = [...new Set(outcomes.map((o) => o.op.name))];
  const { rows } = await pool.query<{ name: string; n: number }>(
    `SELECT operation_name AS name, count(DISTINCT request_id)::int AS n FROM audit_event WHERE operation_name = ANY($1) GROUP BY 1`,
    [names],
  );
  const audited = new Map(rows.map((r) => [r.name, r.n]));
  return names.map((name) => ({
    name,
    answeredOk: outcomes.filter((o) => o.op.name === name && o.ok).length,
    answered: outcomes.filter((o) => o.op.name === name && o.status > 0).length,
    audited: audited.get(name) ?? 0,
  }));
}

/** Waits until the sealer has sealed every event (at most `timeoutMs`); the seconds it took, or null. */
export async function waitSealed(pool: Pool, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE tx_id >= COALESCE((SELECT tx_horizon FROM audit_checkpoint ORDER BY id DESC LIMIT 1), 0)`,
    );
    if (rows[0].n === 0) return (Date.now() - started) / 1000;
    await sleep(250);
  }
  return null;
}

/** `npm run audit:verify` (its built CLI) against the scratch database: exit code and output. */
export function auditVerify(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'cli', 'audit-verify.js')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}
