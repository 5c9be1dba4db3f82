import os from 'node:os';
import path from 'node:path';

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
  /** Proxies whose X-Forwarded-For is believed (Fastify's trustProxy): false, or addresses/CIDRs. */
  trustProxy: false | string[];
  /** OIDC_PROVIDERS_FILE: the organisations' identity providers (docs/sign-in.md); applied at start. */
  oidcProvidersFile: string | undefined;
  /** LOCAL_LOGIN: password login for every account, none, or only accounts flagged `localLoginAllowed`. */
  localLogin: LocalLoginMode;
  /** PUBLIC_URL: the origin browsers reach Samverkan at (OIDC redirect URIs); required with OIDC in production. */
  publicUrl: string | undefined;
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
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

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
  if (env.MIGRATION_DATABASE_URL && !databaseUrl) {
    problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL to be set as well');
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
    embeddedDataDir: path.resolve(projectRoot(), env.EMBEDDED_DATA_DIR && env.EMBEDDED_DATA_DIR !== '' ? env.EMBEDDED_DATA_DIR : '.data'),
    embeddedPort,
    seedPassword,
    sessionIdleTimeoutSeconds: idle,
    sessionAbsoluteTimeoutSeconds: absolute,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    dbPoolSize: int('DB_POOL_SIZE', defaultPoolSize(), 2, 500),
    auditSealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', 1000, 50, 60_000),
    indicatorDailyReadCap: int('INDICATOR_DAILY_READ_CAP', 500, 1, 1_000_000),
    trustProxy: false,
    oidcProvidersFile: undefined,
    publicUrl: undefined,
    localLogin: oneOf<LocalLoginMode>('LOCAL_LOGIN', ['true', 'false', 'flagged'], 'true'),
  };
  const trustRaw = env.TRUST_PROXY?.trim();
  let trustProxy: false | string[] = false;
  if (trustRaw) {
    const entries = trustRaw.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
    if (entries.some((e) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(e))) {
      problems.push('TRUST_PROXY must be a comma-separated list of proxy addresses or CIDR ranges, e.g. 10.0.0.1,10.0.1.0/24');
    } else trustProxy = entries;
  }
  config.trustProxy = trustProxy;
  // --- sign-in (OIDC) -----------------------------------------------------------------------
  config.oidcProvidersFile = env.OIDC_PROVIDERS_FILE && env.OIDC_PROVIDERS_FILE !== '' ? env.OIDC_PROVIDERS_FILE : undefined;
  const publicUrl = env.PUBLIC_URL?.trim();
  config.publicUrl = undefined;
  if (publicUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(publicUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && !(nodeEnv !== 'production' && parsed.protocol === 'http:')) || parsed.pathname !== '/' || parsed.search !== '') {
      problems.push('PUBLIC_URL must be an origin such as https://samverkan.example.se (https in production, no path)');
    } else config.publicUrl = parsed.origin;
  }
  if (nodeEnv === 'production' && config.oidcProvidersFile && !config.publicUrl) {
    problems.push('PUBLIC_URL must be set when OIDC_PROVIDERS_FILE is (the redirect URIs registered at the identity providers)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
