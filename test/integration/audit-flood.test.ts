import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { AUDIT_FIELD_BOUNDS, TRUNCATION_MARKER } from '../../src/modules/audit/audit.bounds';
import { startRuntime, type Runtime } from '../../src/runtime';
import { startTestServer, TEST_AUDIT_HMAC_KEY, type TestServer } from '../helpers/test-server';

/**
 * The audit log against an anonymous flood: every stored field is bounded, requests without a valid
 * session are rate-limited per client address before GraphQL runs (counted in PostgreSQL, so two API
 * processes agree), and what the limit refuses is counted, not stored row by row.
 */

const LIMIT = 30;
const HUGE_NAME = `Q${'x'.repeat(255_000)}`;

interface Raw {
  status: number;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

async function post(url: string, query: string, token?: string, extra: Record<string, unknown> = {}): Promise<Raw> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as Raw['body'] };
}

describe('bounded audit events and the anonymous rate limit', () => {
  let server: TestServer;
  let second: Runtime | undefined;
  let token: string;

  beforeAll(async () => {
    const env = { ANONYMOUS_REQUESTS_PER_MINUTE: String(LIMIT) };
    server = await startTestServer({ seed: true, env });
    token = await server.login('socialsekreterare@danderyd.example');
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_ANCHOR_FILE: server.anchorFile,
      ...env,
    });
    second = await startRuntime(config, createLogger(config.logLevel), {
      location: {
        appUrl: server.db.url,
        migrationUrl: server.db.url,
        embedded: undefined,
        stop: async () => undefined,
      },
      runSealer: false,
    });
  });

  afterAll(async () => {
    await second?.stop();
    await server?.stop();
  });

  const resetWindow = () => server.sql(`DELETE FROM request_rate_window`);

  it('a 255,000-letter operation name is stored cut to its bound, with a marker', async () => {
    await resetWindow();
    const res = await post(server.url, `query ${HUGE_NAME} { __typename }`);
    expect(res.status).toBe(200);
    const [row] = await server.sql<{ operation_name: string; n: number }>(
      `SELECT operation_name, octet_length(operation_name) AS n FROM audit_event WHERE operation_name LIKE 'Qxxx%' ORDER BY id DESC LIMIT 1`,
    );
    expect(row.n).toBeLessThanOrEqual(AUDIT_FIELD_BOUNDS.operationName * 3);
    expect([...row.operation_name].length).toBe(AUDIT_FIELD_BOUNDS.operationName);
    expect(row.operation_name.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('an invalid document records the operation name the client sent (bounded)', async () => {
    await resetWindow();
    const invalid = await post(server.url, `query FindMe { noSuchField }`);
    expect(invalid.status).toBe(400);
    const broken = await post(server.url, `query BrokenOne { me {`);
    expect(broken.status).toBe(400);
    const rows = await server.sql<{ operation_name: string; operation_type: string; outcome: string }>(
      `SELECT operation_name, operation_type, outcome FROM audit_event WHERE operation_name IN ('FindMe', 'BrokenOne') ORDER BY id`,
    );
    expect(rows).toEqual([
      { operation_name: 'FindMe', operation_type: 'invalid', outcome: 'ERROR' },
      { operation_name: 'BrokenOne', operation_type: 'invalid', outcome: 'ERROR' },
    ]);
  });

  it('past the limit, anonymous requests to either process are refused with 429, counted, and not stored', async () => {
    await resetWindow();
    const eventsBefore = (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    const refusedBefore = (
      await server.sql<{ n: number }>(`SELECT coalesce(sum(refused), 0)::int AS n FROM request_refusal_count`)
    )[0].n;
    const urls = [server.url, second!.url];
    const statuses: number[] = [];
    for (let i = 0; i < 3 * LIMIT; i++)
      statuses.push((await post(urls[i % 2], `query ${HUGE_NAME} { __typename }`)).status);
    const admitted = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    // Shared in PostgreSQL: the two processes together admit LIMIT, not LIMIT each.
    expect(admitted).toBe(LIMIT);
    expect(limited).toBe(2 * LIMIT);
    const eventsAfter = (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    expect(eventsAfter - eventsBefore).toBe(admitted);
    const refusedAfter = (
      await server.sql<{ n: number }>(`SELECT coalesce(sum(refused), 0)::int AS n FROM request_refusal_count`)
    )[0].n;
    expect(refusedAfter - refusedBefore).toBe(limited);
    const limitedBody = await post(server.url, `{ __typename }`);
    expect(limitedBody.status).toBe(429);
    expect(limitedBody.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('past the limit, a request with an invalid token is refused the same way, and a valid session is not limited', async () => {
    const eventsBefore = (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    const bad = await post(server.url, `query WithBadToken { me { id } }`, 'not-a-real-token');
    expect(bad.status).toBe(429);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBe(eventsBefore);
    const good = await post(server.url, `query WithGoodToken { me { id } }`, token);
    expect(good.status).toBe(200);
    expect(good.body.errors).toBeUndefined();
  });

  it('each anonymous request adds a bounded number of bytes to the audit table', async () => {
    await resetWindow();
    await server.sql(`VACUUM ANALYZE audit_event`);
    const size = async () =>
      // Every partition with its indexes and TOAST (a partitioned table has no storage of its own).
      Number(
        (
          await server.sql<{ n: string }>(
            `SELECT sum(pg_total_relation_size(relid))::text AS n FROM pg_partition_tree('audit_event')`,
          )
        )[0].n,
      );
    const before = await size();
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < LIMIT; i++) await post(server.url, `query ${HUGE_NAME}${i} { __typename }`);
    const grown = (await size()) - before;
    // Before the bounds, each of these stored about 265 kB; now a row and its index entries stay
    // within a few kB (page granularity makes the measure coarse for a small number of rows).
    expect(grown / LIMIT).toBeLessThan(4096);
  });

  it('OPTIONS with a bearer token does not touch the session', async () => {
    await server.sql(`UPDATE user_session SET last_seen_at = now() - interval '10 minutes'`);
    const [before] = await server.sql<{ t: string }>(`SELECT max(last_seen_at)::text AS t FROM user_session`);
    // With the headers that pass CSRF prevention, so that the request would reach the context.
    const res = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(res.status).toBeLessThan(500);
    const [after] = await server.sql<{ t: string }>(`SELECT max(last_seen_at)::text AS t FROM user_session`);
    expect(after.t).toBe(before.t);
    // A GraphQL request with the same token does (so the test above could have failed).
    expect((await post(server.url, `query Touch { me { id } }`, token)).status).toBe(200);
    const [touched] = await server.sql<{ t: string }>(`SELECT max(last_seen_at)::text AS t FROM user_session`);
    expect(touched.t).not.toBe(before.t);
  });
});
