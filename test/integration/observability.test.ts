import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ReadinessProbe } from '../../src/db/readiness.repository';
import { Metrics } from '../../src/graphql/metrics';
import { parseTraceparent } from '../../src/http/access-log';
import { registerMetricsEndpoint } from '../../src/http/metrics-endpoint';
import { sql } from '../helpers/database';
import { PRODUCTION_TEST_SECRETS, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Observability through the public API: one access-log line per request with its trace id, W3C
 * traceparent, /livez and /readyz, /metrics behind a token or on its own port with bounded labels.
 */
const SW = 'socialsekreterare@danderyd.example';
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

interface AccessLine {
  component: string;
  msg: string;
  requestId: string;
  traceId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationType?: string;
  operationName?: string | null;
  rootFields?: string[];
  outcome: string;
}

const lines: string[] = [];
const accessLines = (): AccessLine[] =>
  lines.map((l) => JSON.parse(l) as AccessLine & { component?: string }).filter((l) => l.component === 'access');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    seed: true,
    env: { LOG_LEVEL: 'info', METRICS_TOKEN, DB_POOL_SIZE: '3' },
    logDestination: { write: (line: string) => void lines.push(line) },
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('access log and trace context', () => {
  it('writes one structured line per request with the caller’s trace id, and never variables or tokens', async () => {
    const token = await server.login(SW);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const secret = 'Hemlig-Variabel-4711';
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({
        query: 'query Mine($q: String!) { me { id } areas { id } __type(name: $q) { name } }',
        variables: { q: secret },
        operationName: 'Mine',
      }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id')!;
    const traceparent = parseTraceparent(response.headers.get('traceparent'));
    expect(traceparent?.traceId).toBe(traceId);
    expect(traceparent?.parentId).not.toBe('00f067aa0ba902b7'); // this server's span, not the caller's
    expect(traceparent?.flags).toBe('01');

    await new Promise((resolve) => setTimeout(resolve, 50)); // onResponse runs after the body is sent
    const mine = accessLines().filter((l) => l.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request',
      traceId,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationType: 'query',
      operationName: 'Mine',
      rootFields: ['Query.me', 'Query.areas', 'Query.__type'],
      outcome: 'OK',
    });
    expect(typeof mine[0]!.durationMs).toBe('number');
    const all = lines.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(token);
  });

  it('logs refusals and failures with their code, a GET without its query string, and starts a trace when none or a bad one is sent', async () => {
    const before = accessLines().length;
    const malformed = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    const unauthenticated = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const get = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent('{"x":"Hemligt-i-URL"}')}`,
    );
    const missing = await fetch(`${server.url}/nope`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const byId = new Map(
      accessLines()
        .slice(before)
        .map((l) => [l.requestId, l]),
    );
    const line = (r: Response): AccessLine => byId.get(r.headers.get('x-request-id')!)!;

    expect(line(malformed)).toMatchObject({ status: 400, operationType: 'invalid', outcome: 'BAD_REQUEST' });
    expect(line(unauthenticated)).toMatchObject({
      status: 401,
      operationType: 'query',
      rootFields: ['Query.me'],
      outcome: 'UNAUTHENTICATED',
    });
    expect(line(unauthenticated).traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line(unauthenticated).traceId).not.toBe('00000000000000000000000000000000');
    expect(parseTraceparent(unauthenticated.headers.get('traceparent'))?.traceId).toBe(line(unauthenticated).traceId);
    expect(line(get)).toMatchObject({ method: 'GET', path: '/graphql', status: 200, outcome: 'OK' });
    expect(line(missing)).toMatchObject({ path: '/nope', status: 404, outcome: 'HTTP_404' });
    expect(lines.join('\n')).not.toContain('Hemligt-i-URL');
    expect(new Set([malformed, unauthenticated, get, missing].map((r) => line(r).traceId)).size).toBe(4);
  });

  it('reads W3C traceparent strictly', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future')).toBeDefined();
    for (const bad of [
      undefined,
      '',
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra',
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01',
    ]) {
      expect(parseTraceparent(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('/livez and /readyz', () => {
  it('are ready while the pool is busy: readiness has its own connection', async () => {
    // DB_POOL_SIZE is 3 here: hold every pooled connection for 3 s.
    const busy = Array.from({ length: 3 }, () => server.runtime.dataSource.query('SELECT pg_sleep(3)'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    await Promise.all(busy);
  });

  it('/readyz fails while the database takes no connections, and recovers', async () => {
    const database = new URL(server.db.url).pathname.slice(1);
    const maintenance = new URL(server.db.url);
    maintenance.pathname = '/postgres';
    const admin = (text: string): Promise<unknown> => sql(maintenance.toString(), text);
    await admin(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    try {
      await admin(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'samverkan-readiness' AND datname = '${database}'`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the cached answer
      const down = await fetch(`${server.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'database-unavailable' });
      expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    } finally {
      await admin(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('the probe answers false, within its timeout, for a database that is not there', async () => {
    const probe = new ReadinessProbe('postgres://postgres@127.0.0.1:1/none', 1_000, 0);
    const started = Date.now();
    expect(await probe.databaseAnswers()).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    await probe.close();
  });
});

describe('/metrics', () => {
  it('answers only with the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } }))
        .status,
    ).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^# HELP samverkan_/m);
  });

  it('keeps labels bounded: anonymous callers cannot create new label values', async () => {
    const labelValues = async (): Promise<Set<string>> => {
      const text = await (
        await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      return new Set([...text.matchAll(/^samverkan_graphql_[a-z_]+\{([^}]*)\}/gm)].map((m) => m[1]!));
    };
    // Every shape an anonymous caller can send: names, aliases, combinations of root fields, invalid documents.
    const roots = ['me { id }', 'areas { id }', 'places { id }', 'courses { id }', '__typename', 'indicators { code }'];
    const queries: string[] = [];
    for (let i = 0; i < roots.length; i++) {
      for (let j = i + 1; j < roots.length; j++) queries.push(`query N${i}x${j} { ${roots[i]} ${roots[j]} }`);
      queries.push(`query Only${i} { x${i}: ${roots[i]} }`);
    }
    for (let i = 0; i < 10; i++) queries.push(`{ unknownField${i} }`, `{ ${'__typename '.repeat(i + 1)}}`);
    const seen = new Set<string>();
    for (const query of queries) {
      await server.gql(query);
      for (const v of await labelValues()) seen.add(v);
    }
    const operations = new Set([...seen].flatMap((v) => [...v.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]!)));
    for (const op of operations)
      expect(op, op).toMatch(/^(Query\.[a-zA-Z_]+|Mutation\.[a-zA-Z]+|multiple|none|other)$/);
    expect(operations.has('multiple')).toBe(true);
    expect(operations.has('none')).toBe(true);
    // At most one series per root field and outcome: 20 more distinct documents add no operation label.
    const before = (await labelValues()).size;
    for (let i = 0; i < 20; i++) await server.gql(`query Another${i} { a${i}: me { id } b${i}: areas { id } }`);
    expect((await labelValues()).size).toBe(before);
    const codes = new Set([...seen].flatMap((v) => [...v.matchAll(/code="([^"]*)"/g)].map((m) => m[1]!)));
    for (const code of codes) expect(code).toMatch(/^[A-Z_]+$/);
  });

  it('is served on METRICS_PORT only when set, and not at all in production without a port or token', async () => {
    const metrics = new Metrics(() => undefined);
    const production = Fastify();
    expect(
      registerMetricsEndpoint(
        production,
        loadConfig({
          ...PRODUCTION_TEST_SECRETS,
          DATABASE_URL: 'postgres://app@db.example:5432/samverkan',
          NODE_ENV: 'production',
        }),
        metrics,
      ),
    ).toBeUndefined();
    expect((await production.inject({ url: '/metrics' })).statusCode).toBe(404);
    const development = Fastify();
    registerMetricsEndpoint(development, loadConfig({ NODE_ENV: 'development' }), metrics);
    expect((await development.inject({ url: '/metrics' })).statusCode).toBe(200);
    const api = Fastify();
    const separate = registerMetricsEndpoint(
      api,
      loadConfig({
        ...PRODUCTION_TEST_SECRETS,
        DATABASE_URL: 'postgres://app@db.example:5432/samverkan',
        NODE_ENV: 'production',
        METRICS_PORT: '9464',
      }),
      metrics,
    );
    expect((await api.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await separate!.inject({ url: '/metrics' })).statusCode).toBe(200);
    await Promise.all([production.close(), development.close(), api.close(), separate!.close()]);
  });
});

describe('/metrics on its own port, and readiness while shutting down', () => {
  let other: TestServer;
  beforeAll(async () => {
    other = await startTestServer({ env: { METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await other?.stop();
  });

  it('serves /metrics on the metrics port and not on the API port', async () => {
    expect(other.runtime.metricsUrl).toBeDefined();
    expect(other.runtime.metricsUrl).not.toBe(other.url);
    expect((await fetch(`${other.url}/metrics`)).status).toBe(404);
    const metrics = await fetch(`${other.runtime.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP samverkan_/m);
  });

  it('/readyz answers 503 once shutdown begins, while /livez stays 200', async () => {
    expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
    other.runtime.app.beginShutdown();
    const readyz = await fetch(`${other.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'shutting-down' });
    expect((await fetch(`${other.url}/livez`)).status).toBe(200);
  });
});
