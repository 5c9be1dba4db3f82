import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHttpConfig, type HttpConfig } from './http';
import { loadJobsConfig, type JobsConfig } from './jobs';
import { withSecretFiles } from './secrets';

export type NodeEnv = 'development' | 'test' | 'production';
export type LocalLoginMode = 'true' | 'false' | 'flagged';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  nodeEnv: NodeEnv;
  /** Unset: an embedded PostgreSQL in `embeddedDataDir`. */
  databaseUrl: string | undefined;
  /** Connection used for migrations; defaults to `databaseUrl`. */
  migrationDatabaseUrl: string | undefined;
  /** Apply pending migrations at start (MIGRATE_ON_START; default on outside production). Off: refuse to start with pending migrations. */
  migrateOnStart: boolean;
  embeddedDataDir: string;
  embeddedPort: number | undefined;
  seedPassword: string;
  sessionIdleTimeoutSeconds: number;
  sessionAbsoluteTimeoutSeconds: number;
  logLevel: LogLevel;
  dbPoolSize: number;
  auditSealIntervalMs: number;
  /** Protected indicator tables one user may read per day (indicatorTable, each year of indicatorTrend). */
  indicatorDailyReadCap: number;
  /**
   * The cell-key secret of protected indicator tables (INDICATOR_CELL_KEY_SECRET or the file named by
   * INDICATOR_CELL_KEY_SECRET_FILE). Required in production; in development a generated one is kept
   * beside the embedded data (`<data dir>.cell-key`); tests set one (NODE_ENV=test without one: a fixed
   * test-only value). Undefined only when the configuration is invalid.
   */
  indicatorCellKeySecret: Buffer | undefined;
  /** Days after a month closes before partners may read it. */
  indicatorPublicationDelayDays: number;
  /** Months between re-publication points of partners' indicator figures (a divisor of 12). */
  indicatorRepublishEveryMonths: number;
  /** Proxies whose X-Forwarded-For is believed (Fastify's trustProxy): false, or addresses/CIDRs. */
  trustProxy: false | string[];
  /** HTTP hardening and observability (src/config/http.ts). */
  http: HttpConfig;
  /** The job queue and e-mail notifications (src/config/jobs.ts). */
  jobs: JobsConfig;
  /** Audit HMAC keys (hex, one per generation, comma-separated, the last signs). A secret: never logged. */
  auditHmacKey: string | undefined;
  /** A file holding the audit HMAC keys, one per line, the last signs. */
  auditHmacKeyFile: string | undefined;
  /** Append-only file receiving every checkpoint digest; unset: beside the embedded data outside production. */
  auditAnchorFile: string | undefined;
  /** Connection of the audit sealer (its own login in production); unset: the API's, acting as samverkan_sealer. */
  auditSealerDatabaseUrl: string | undefined;
  /** Months of audit events kept in the database; older monthly partitions may be archived and dropped. */
  auditRetentionMonths: number;
  /** Requests per client address and minute without a valid session (anonymous, refused) before 429. */
  anonymousRequestsPerMinute: number;
  /** OIDC_PROVIDERS_FILE: the organisations' identity providers (docs/sign-in.md); applied at start. */
  oidcProvidersFile: string | undefined;
  /** LOCAL_LOGIN: password login for every account, none, or only accounts flagged `localLoginAllowed`. */
  localLogin: LocalLoginMode;
  /** PUBLIC_URL: the origin browsers reach Samverkan at (OIDC redirect URIs); required with OIDC in production. */
  publicUrl: string | undefined;
  /**
   * DEMO_IDP: start the demo identity provider (src/modules/identity/oidc/demo-idp.ts) with the API.
   * Default: on in development on the embedded PostgreSQL; refused in production.
   */
  demoIdp: boolean;
  /** DEMO_IDP_PORT: its loopback port (default 4001; 0: any free port). A fixed port keeps its issuer, and so its users, stable. */
  demoIdpPort: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The project root: two levels above this file both in `src/` and in `dist/src/`. */
export function projectRoot(): string {
  const here = path.resolve(__dirname, '..', '..');
  return path.basename(here) === 'dist' ? path.dirname(here) : here;
}

/**
 * Database connections per API process unless DB_POOL_SIZE says otherwise: twice the cores plus two,
 * but at least 10. PostgreSQL works on as many backends as there are busy connections, and far more
 * of them than cores only queue for the CPU and switch context; yet one request may run its four
 * DataLoader statements at once, so a pool much smaller than 10 queues requests behind each other's
 * loaders. Measured on this project's 2-core machine (embedded PostgreSQL, `npm run bench`): the
 * indicator table at 20 client connections served 750–985 requests/s with pool 20 and 970–1,310
 * with pool 6–10; with pool 6 the activities list's page 400 took 1.18× page 1's p50, with pool 10
 * 0.96–1.04×.
 */
export function defaultPoolSize(cpus: number = os.availableParallelism()): number {
  return Math.max(10, 2 * cpus + 2);
}

/**
 * Reads the environment into a typed configuration. Every bad value is reported on a line of its
 * own, naming the variable and what is expected — never echoing a value that could be a secret.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  // Every secret may come from a file (<NAME>_FILE); see src/config/secrets.ts.
  const env = withSecretFiles(rawEnv, problems);

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw.trim())) {
      problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    const value = Number(raw.trim());
    if (value < min || value > max) {
      problems.push(`${name} must be between ${min} and ${max} (got ${value})`);
      return fallback;
    }
    return value;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const postgresUrl = (name: string): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      // The value may hold a password: name the variable, not the value.
      problems.push(`${name} must be a URL such as postgres://user@host:5432/dbname`);
      return undefined;
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      problems.push(`${name} must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`);
      return undefined;
    }
    if (parsed.pathname.length <= 1) {
      problems.push(`${name} must name a database, e.g. postgres://user@host:5432/samverkan`);
      return undefined;
    }
    return raw;
  };

  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const port = int('PORT', 4000, 0, 65535);
  const databaseUrl = postgresUrl('DATABASE_URL');
  const migrationDatabaseUrl = postgresUrl('MIGRATION_DATABASE_URL') ?? databaseUrl;
  if ((env.MIGRATION_DATABASE_URL || env.MIGRATION_DATABASE_URL_FILE) && !databaseUrl) {
    problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL to be set as well');
  }
  // The embedded PostgreSQL is a development tool: in production its data, the audit log
  // included, would live in the container's or checkout's filesystem.
  if (nodeEnv === 'production' && !databaseUrl && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push(
      'DATABASE_URL (or DATABASE_URL_FILE) is required with NODE_ENV=production; the embedded PostgreSQL is for development only',
    );
  }
  let migrateOnStart = nodeEnv !== 'production';
  const migrateRaw = env.MIGRATE_ON_START?.trim().toLowerCase();
  if (migrateRaw !== undefined && migrateRaw !== '') {
    if (['true', '1', 'yes', 'on'].includes(migrateRaw)) migrateOnStart = true;
    else if (['false', '0', 'no', 'off'].includes(migrateRaw)) migrateOnStart = false;
    else problems.push(`MIGRATE_ON_START must be true or false (got "${env.MIGRATE_ON_START}")`);
  }
  const embeddedPortRaw = env.EMBEDDED_PG_PORT;
  const embeddedPort =
    embeddedPortRaw === undefined || embeddedPortRaw === '' ? undefined : int('EMBEDDED_PG_PORT', 0, 1024, 65535);
  const idle = int('SESSION_IDLE_TIMEOUT_SECONDS', 30 * 60, 60, 24 * 3600);
  const absolute = int('SESSION_ABSOLUTE_TIMEOUT_SECONDS', 12 * 3600, 60, 30 * 24 * 3600);
  if (idle > absolute) {
    problems.push('SESSION_IDLE_TIMEOUT_SECONDS must not exceed SESSION_ABSOLUTE_TIMEOUT_SECONDS');
  }
  const seedPassword = env.SEED_PASSWORD ?? 'samverkan-demo-2026';
  if (seedPassword.length < 12) problems.push('SEED_PASSWORD must be at least 12 characters');

  const config: Config = {
    port,
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    nodeEnv,
    databaseUrl,
    migrationDatabaseUrl,
    migrateOnStart,
    embeddedDataDir: path.resolve(
      projectRoot(),
      env.EMBEDDED_DATA_DIR && env.EMBEDDED_DATA_DIR !== '' ? env.EMBEDDED_DATA_DIR : '.data',
    ),
    embeddedPort,
    seedPassword,
    sessionIdleTimeoutSeconds: idle,
    sessionAbsoluteTimeoutSeconds: absolute,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    dbPoolSize: int('DB_POOL_SIZE', defaultPoolSize(), 2, 500),
    auditSealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', 1000, 50, 60_000),
    indicatorDailyReadCap: int('INDICATOR_DAILY_READ_CAP', 500, 1, 1_000_000),
    indicatorCellKeySecret: undefined,
    indicatorPublicationDelayDays: int('INDICATOR_PUBLICATION_DELAY_DAYS', 15, 0, 366),
    indicatorRepublishEveryMonths: int('INDICATOR_REPUBLISH_EVERY_MONTHS', 3, 1, 12),
    trustProxy: false,
    http: loadHttpConfig(env, problems, int, env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0'),
    jobs: loadJobsConfig(env, problems, nodeEnv, int),
    auditHmacKey: env.AUDIT_HMAC_KEY && env.AUDIT_HMAC_KEY !== '' ? env.AUDIT_HMAC_KEY : undefined,
    auditHmacKeyFile:
      env.AUDIT_HMAC_KEY_FILE && env.AUDIT_HMAC_KEY_FILE !== '' ? path.resolve(env.AUDIT_HMAC_KEY_FILE) : undefined,
    auditAnchorFile:
      env.AUDIT_ANCHOR_FILE && env.AUDIT_ANCHOR_FILE !== '' ? path.resolve(env.AUDIT_ANCHOR_FILE) : undefined,
    auditSealerDatabaseUrl: postgresUrl('AUDIT_SEALER_DATABASE_URL'),
    auditRetentionMonths: int('AUDIT_RETENTION_MONTHS', 120, 1, 1200),
    anonymousRequestsPerMinute: int('ANONYMOUS_REQUESTS_PER_MINUTE', nodeEnv === 'test' ? 100_000 : 120, 1, 1_000_000),
    oidcProvidersFile: undefined,
    publicUrl: undefined,
    localLogin: oneOf<LocalLoginMode>('LOCAL_LOGIN', ['true', 'false', 'flagged'], 'true'),
    demoIdp: false,
    demoIdpPort: int('DEMO_IDP_PORT', 4001, 0, 65535),
  };
  // AUDIT_HMAC_KEY_FILE holds one key per line (generations), so it is read by the audit keyring, not withSecretFiles.
  if (config.auditHmacKey && config.auditHmacKeyFile)
    problems.push('set AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE, not both');
  config.trustProxy = config.http.trustProxy;
  if (![1, 2, 3, 4, 6, 12].includes(config.indicatorRepublishEveryMonths))
    problems.push('INDICATOR_REPUBLISH_EVERY_MONTHS must divide 12 (1, 2, 3, 4, 6 or 12)');
  config.indicatorCellKeySecret = cellKeySecret(env, nodeEnv, config.embeddedDataDir, problems);
  // --- sign-in (OIDC) -----------------------------------------------------------------------
  config.oidcProvidersFile =
    env.OIDC_PROVIDERS_FILE && env.OIDC_PROVIDERS_FILE !== '' ? env.OIDC_PROVIDERS_FILE : undefined;
  const publicUrl = env.PUBLIC_URL?.trim();
  config.publicUrl = undefined;
  if (publicUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(publicUrl);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      (parsed.protocol !== 'https:' && !(nodeEnv !== 'production' && parsed.protocol === 'http:')) ||
      parsed.pathname !== '/' ||
      parsed.search !== ''
    ) {
      problems.push('PUBLIC_URL must be an origin such as https://samverkan.example.se (https in production, no path)');
    } else config.publicUrl = parsed.origin;
  }
  if (nodeEnv === 'production' && config.oidcProvidersFile && !config.publicUrl) {
    problems.push(
      'PUBLIC_URL must be set when OIDC_PROVIDERS_FILE is (the redirect URIs registered at the identity providers)',
    );
  }
  // --- the demo identity provider (development only) ------------------------------------------
  const demoRaw = env.DEMO_IDP?.trim().toLowerCase();
  config.demoIdp = nodeEnv === 'development' && !databaseUrl;
  if (demoRaw !== undefined && demoRaw !== '') {
    if (['true', '1', 'yes', 'on'].includes(demoRaw)) config.demoIdp = true;
    else if (['false', '0', 'no', 'off'].includes(demoRaw)) config.demoIdp = false;
    else problems.push(`DEMO_IDP must be true or false (got "${env.DEMO_IDP}")`);
  }
  if (nodeEnv === 'production' && config.demoIdp) {
    problems.push(
      'DEMO_IDP cannot be used with NODE_ENV=production: the demo identity provider is for development only',
    );
    config.demoIdp = false;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The cell-key secret: INDICATOR_CELL_KEY_SECRET (or the contents of INDICATOR_CELL_KEY_SECRET_FILE),
 * at least 32 characters. Production refuses to start without one; development generates
 * one once and keeps it beside the embedded data, so tables stay the same across restarts. The
 * value never appears in a message.
 */
/** NODE_ENV=test only, when a test sets no secret of its own; never used in development or production. */
const TEST_ONLY_CELL_KEY_SECRET = 'test-only-cell-key-secret-never-used-outside-tests';

function cellKeySecret(
  env: NodeJS.ProcessEnv,
  nodeEnv: NodeEnv,
  embeddedDataDir: string,
  problems: string[],
): Buffer | undefined {
  // INDICATOR_CELL_KEY_SECRET_FILE was read by withSecretFiles (src/config/secrets.ts).
  if (problems.some((p) => p.startsWith('INDICATOR_CELL_KEY_SECRET'))) return undefined;
  const direct = env.INDICATOR_CELL_KEY_SECRET?.trim();
  let value: string | undefined = direct && direct !== '' ? direct : undefined;
  if (value === undefined) {
    if (nodeEnv === 'production') {
      problems.push('INDICATOR_CELL_KEY_SECRET or INDICATOR_CELL_KEY_SECRET_FILE must be set in production');
      return undefined;
    }
    // Tests that start a runtime of their own without setting one: a fixed, test-only value.
    if (nodeEnv === 'test') return Buffer.from(TEST_ONLY_CELL_KEY_SECRET, 'utf8');
    const kept = `${embeddedDataDir}.cell-key`;
    if (!fs.existsSync(kept)) fs.writeFileSync(kept, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    value = fs.readFileSync(kept, 'utf8').trim();
  }
  if (value.length < 32) {
    problems.push('the cell-key secret (INDICATOR_CELL_KEY_SECRET) must be at least 32 characters');
    return undefined;
  }
  return Buffer.from(value, 'utf8');
}
