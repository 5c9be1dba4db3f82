import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { scratchName } from '../../src/db/database';
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '../../src/db/embedded-postgres';
import { seedDemoData } from '../../src/db/seed/demo-seed';
import { startRuntime, type Runtime } from '../../src/runtime';
import { DEMO_PASSWORD, startTestServer, TEST_AUDIT_HMAC_KEY, type TestServer } from '../helpers/test-server';

interface HttpResult {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

async function request(url: string, init?: RequestInit): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

const post = (url: string, body: string, contentType = 'application/json'): Promise<HttpResult> =>
  request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });

const errorCode = (result: HttpResult): unknown =>
  (result.json as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors?.[0]?.extensions?.code;

describe('/health and bad requests', () => {
  let server: TestServer;
  /** The server still answers both HTTP and GraphQL. */
  const expectServing = async (): Promise<void> => {
    const health = await request(`${server.url}/health`);
    expect(health.status).toBe(200);
    const res = await server.gql<{ __typename: string }>('{ __typename }');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __typename: 'Query' });
  };

  const startSession = (): Promise<string> => server.login('kommunpolis@polisen.example');

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('GET /health answers 200 {"status":"ok"} while the database answers', async () => {
    const health = await request(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(health.contentType).toMatch(/^application\/json/);
    expect(health.json).toEqual({ status: 'ok' });
  });

  it('GET /metrics answers Prometheus text', async () => {
    const metrics = await request(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^# HELP /m);
  });

  it('answers a body that is not JSON with 400 and a JSON error', async () => {
    const result = await post(server.url, '{"query": "{ __typename }"');
    expect(result.status).toBe(400);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(result.json).toEqual({
      errors: [{ message: expect.stringMatching(/JSON/), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(result.text).not.toMatch(/at .*\.js:\d+/); // no stack
    await expectServing();
  });

  it('answers a JSON body without a query with 400 and a JSON error', async () => {
    const result = await post(server.url, '[1, 2, 3]');
    expect(result.status).toBe(400);
    expect(errorCode(result)).toBeDefined();
    await expectServing();
  });

  it('answers a body over 256 KiB with 413 and a JSON error', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(300 * 1024) } });
    const result = await post(server.url, big);
    expect(result.status).toBe(413);
    expect(result.json).toEqual({
      errors: [{ message: expect.stringMatching(/larger than/), extensions: { code: 'BAD_REQUEST' } }],
    });
    // A body just under the limit is served.
    const fits = await post(
      server.url,
      JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(200 * 1024) } }),
    );
    expect(fits.status).toBe(200);
    await expectServing();
  });

  it('refuses a too-deep query with GRAPHQL_VALIDATION_FAILED, naming the limit and what to do', async () => {
    // The schema has no cycles, so a deep document cannot be valid otherwise: compare with the same
    // mistake at a shallow depth, which yields only the unknown-field error.
    type Errors = { errors: { message: string; extensions: { code: string } }[] };
    const shallow = await post(server.url, JSON.stringify({ query: '{ me { organisation { a } } }' }));
    expect(shallow.status).toBe(400);
    expect((shallow.json as Errors).errors).toHaveLength(1);
    expect((shallow.json as Errors).errors[0].message).toMatch(/Cannot query field/);

    const deep = '{ me { organisation { a { b { c { d { e { f { g { h { i { j } } } } } } } } } } } }';
    const result = await post(server.url, JSON.stringify({ query: deep }));
    expect(result.status).toBe(400);
    const errors = (result.json as Errors).errors;
    expect(errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    const limit = errors.filter((e) => !/Cannot query field/.test(e.message));
    expect(limit).toHaveLength(1);
    expect(limit[0]!.message).toBe(
      'Query is nested 12 levels deep; the depth limit is 10. Ask for fewer nested levels, or fetch the deeper records in a second request.',
    );
    expect(result.text).not.toMatch(/Syntax Error/);
    expect(result.text).not.toMatch(/Did you mean/);
    await expectServing();
  });

  it('refuses a too-wide query (too many aliases) with GRAPHQL_VALIDATION_FAILED, naming the limit and what to do', async () => {
    const token = await startSession();
    const narrow = await server.gql(
      `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: areas { id }`).join(' ')} }`,
      {},
      token,
    );
    expect(narrow.errors).toBeUndefined();
    const wide = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: areas { id }`).join(' ')} }`;
    const result = await request(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: wide }),
    });
    expect(result.status).toBe(400);
    const errors = (result.json as { errors: { message: string; extensions: { code: string } }[] }).errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(result.text).not.toMatch(/"data"/);
    expect(errors.map((e) => e.message)).toEqual([
      'Query uses 40 aliases; the alias limit is 15. Split it into several requests.',
    ]);
    await expectServing();
  });

  it('refuses a mutation over GET', async () => {
    const result = await request(`${server.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(result.status).toBe(405);
    await expectServing();
  });
});

describe('/health while the database goes away and comes back', () => {
  const dataDir = path.join(os.tmpdir(), scratchName('samverkan-health-pg'));
  let port: number;
  let pg: RunningEmbeddedPostgres | undefined;
  let runtime: Runtime | undefined;
  let token: string;

  const health = (): Promise<HttpResult> => request(`${runtime!.url}/health`);
  const me = (): Promise<HttpResult> =>
    request(`${runtime!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });

  beforeAll(async () => {
    port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
    await ensureDatabase(pg.url('postgres'), 'samverkan');
    const url = pg.url('samverkan');
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '4',
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    });
    // startRuntime applies the migrations to this fresh cluster.
    runtime = await startRuntime(config, createLogger(config.logLevel), {
      location: { appUrl: url, migrationUrl: url, embedded: undefined, stop: async () => undefined },
      runSealer: false,
    });
    await seedDemoData(runtime.dataSource, { nodeEnv: 'test', password: DEMO_PASSWORD });
    const login = await request(`${runtime.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { login(email: "kommunpolis@polisen.example", password: "${DEMO_PASSWORD}") { token } }`,
      }),
    });
    token = (login.json as { data: { login: { token: string } } }).data.login.token;
  });

  afterAll(async () => {
    await runtime?.stop();
    await pg?.stop(); // ephemeral: removes the cluster
  });

  it('answers 200, then 503 while PostgreSQL is down, then 200 once it is back', async () => {
    expect((await health()).json).toEqual({ status: 'ok' });
    expect((await me()).status).toBe(200);

    await pg!.stop({ keepData: true });
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.contentType).toMatch(/^application\/json/);
    expect(down.json).toEqual({ status: 'unavailable' });
    // GraphQL fails cleanly, without the driver's message, and the process stays up.
    const failed = await me();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(errorCode(failed)).toBe('INTERNAL_SERVER_ERROR');
    expect(failed.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|terminat/i);
    expect((await health()).status).toBe(503);

    pg = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
    const deadline = Date.now() + 15_000;
    let back = await health();
    while (back.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      back = await health();
    }
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ status: 'ok' });
    // The session survived the restart: the database, not the process, holds it.
    const again = await me();
    expect(again.status).toBe(200);
    expect((again.json as { data: { me: { email: string } } }).data.me.email).toBe('kommunpolis@polisen.example');
  });
});
