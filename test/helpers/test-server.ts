import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { seedDemoData } from '../../src/db/seed/demo-seed';
import { startRuntime, type Runtime } from '../../src/runtime';
import { createTestDatabase, sql, type TestDatabase } from './database';

export const DEMO_PASSWORD = 'samverkan-demo-2026';
/** The audit HMAC key of every test server (a test secret, never used outside tests). */
import { TEST_AUDIT_HMAC_KEY } from './test-keys';
export { TEST_AUDIT_HMAC_KEY };

/** The secrets production refuses to start without, as test-only values (tests of NODE_ENV=production). */
export const PRODUCTION_TEST_SECRETS = {
  INDICATOR_CELL_KEY_SECRET: 'test-only-cell-key-secret-0123456789abcdef',
  AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
} as const;

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }[];
}

/**
 * Every BAD_USER_INPUT carries a stable `extensions.reason` (a module's reason enum, or the shared InputReason):
 * checked on every answer `gql` returns, so any test that walks an input error fails when one has none.
 */
export function assertReasons(body: { errors?: GqlResponse['errors'] }): void {
  for (const error of body.errors ?? []) {
    const extensions = error.extensions ?? {};
    if (extensions.code === 'BAD_USER_INPUT' && (typeof extensions.reason !== 'string' || extensions.reason === '')) {
      throw new Error(`BAD_USER_INPUT without extensions.reason: ${JSON.stringify(error)}`);
    }
  }
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  runtime: Runtime;
  config: Config;
  /** This server's anchor file (under the system's temporary directory, removed by stop()). */
  anchorFile: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The real server (Fastify + Apollo + PostgreSQL) in this process on a fresh database, listening
 * on a free loopback port. `seed` loads the demo data; `logDestination` receives the log lines.
 */
/** The cell-key secret of every test server unless a test sets its own. */
export const TEST_CELL_KEY_SECRET = 'test-only-cell-key-secret-0123456789abcdef';

export async function startTestServer(
  options: {
    seed?: boolean;
    /** Seed the demo data during the start, as `npm start` does on an empty database (before the demo IdP looks for its organisations). */
    seedAtStart?: boolean;
    env?: Record<string, string>;
    runSealer?: boolean;
    /** Run the job queue's worker (off by default in tests). */
    runJobs?: boolean;
    logDestination?: DestinationStream;
  } = {},
): Promise<TestServer> {
  const db = await createTestDatabase();
  const anchorFile = path.join(os.tmpdir(), `${db.name}.anchors.jsonl`);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // DATABASE_URL for the configuration's checks (production requires one); the location below is what is used.
    DATABASE_URL: db.url,
    // Tests set the cell-key secret of protected indicator tables (a fixed, test-only value).
    INDICATOR_CELL_KEY_SECRET: TEST_CELL_KEY_SECRET,
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    AUDIT_ANCHOR_FILE: anchorFile,
    ...options.env,
  });
  const logger = createLogger(config.logLevel, options.logDestination);
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, logger, {
      location: { appUrl: db.url, migrationUrl: db.url, embedded: undefined, stop: async () => undefined },
      runSealer: options.runSealer ?? false,
      seedWhenEmpty: options.seedAtStart ?? false,
      runJobs: options.runJobs ?? false,
    });
  } catch (error) {
    await db.drop();
    throw error;
  }
  if (options.seed) await seedDemoData(runtime.dataSource, { nodeEnv: 'test', password: DEMO_PASSWORD });

  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GqlResponse<T>> => {
    const response = await fetch(`${runtime.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GqlResponse<T>;
    assertReasons(body);
    return { ...body, status: response.status };
  };

  const login = async (email: string, password = DEMO_PASSWORD): Promise<string> => {
    const res = await gql<{ login: { token: string } }>(
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      { email, password },
    );
    if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
    return res.data.login.token;
  };

  return {
    url: runtime.url,
    db,
    runtime,
    config,
    anchorFile,
    gql,
    login,
    sql: (text, params) => sql(db.url, text, params),
    stop: async () => {
      await runtime.stop();
      await db.drop();
      fs.rmSync(anchorFile, { force: true });
      fs.rmSync(`${anchorFile}.verified`, { force: true });
    },
  };
}
