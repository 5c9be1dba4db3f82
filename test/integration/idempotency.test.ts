import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { seedDemoData } from '../../src/db/seed/demo-seed';
import { startRuntime, type Runtime } from '../../src/runtime';
import { createTestDatabase, sql, type TestDatabase } from '../helpers/database';
import { startPgProxy, type PgProxy } from '../helpers/pg-proxy';
import { DEMO_PASSWORD } from '../helpers/test-server';

const CREATE_COURSE = 'mutation ($i: CreateCourseInput!) { createCourse(input: $i) { id code } }';

interface Answer {
  status: number;
  replayed: string | null;
  requestId: string | null;
  body: {
    data?: { createCourse?: { id: string; code: string } } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

/**
 * Writes that survive uncertainty, through the public API: the API's pool reaches PostgreSQL
 * through a proxy that can lose a COMMIT's acknowledgement after the server carried it out.
 */
describe('Idempotency-Key and an unknown COMMIT outcome', () => {
  let db: TestDatabase;
  let proxy: PgProxy;
  let runtime: Runtime;
  let coordinator: string;
  let policeCoordinator: string;

  const post = async (
    query: string,
    variables: Record<string, unknown>,
    token?: string,
    key?: string,
  ): Promise<Answer> => {
    const response = await fetch(`${runtime.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed'),
      requestId: response.headers.get('x-request-id'),
      body: (await response.json()) as Answer['body'],
    };
  };
  const login = async (email: string): Promise<string> => {
    const res = await post('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: email,
      p: DEMO_PASSWORD,
    });
    return (res.body.data as unknown as { login: { token: string } }).login.token;
  };
  const course = (code: string) => ({
    i: { code, title: 'FREDA-kortfrågor', provider: 'Socialstyrelsen', hours: 3, validityMonths: 24 },
  });
  const coursesWith = async (code: string) =>
    sql<{ id: string }>(db.url, 'SELECT id FROM course WHERE code = $1', [code]);

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await startPgProxy(db.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      DB_POOL_SIZE: '4',
    });
    runtime = await startRuntime(config, createLogger('silent'), {
      location: { appUrl: proxy.url, migrationUrl: db.url, embedded: undefined, stop: async () => undefined },
      runSealer: false,
    });
    await seedDemoData(runtime.dataSource, { nodeEnv: 'test', password: DEMO_PASSWORD });
    coordinator = await login('utbildning@danderyd.example');
    policeCoordinator = await login('utbildning@polisen.example');
  });

  afterAll(async () => {
    await runtime?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it('a COMMIT whose acknowledgement is lost answers COMMIT_OUTCOME_UNKNOWN (never "not carried out"); the retry with the key answers the stored outcome without writing again', async () => {
    const key = randomUUID();
    const code = `IDEM-${key.slice(0, 8)}`;
    proxy.loseNextCommitAfter('INSERT INTO "course"');
    const first = await post(CREATE_COURSE, course(code), coordinator, key);
    expect(proxy.lost).toBe(1);
    expect(first.status).toBe(500);
    expect(first.body.errors?.[0]?.extensions?.code).toBe('COMMIT_OUTCOME_UNKNOWN');
    expect(first.body.errors?.[0]?.message).toMatch(/may or may not have been stored/);
    expect(first.body.errors?.[0]?.message).not.toMatch(/not carried out/);
    expect(first.body.data ?? null).toBeNull();

    // The write was stored, with its audit event, although the client was not told.
    const stored = await coursesWith(code);
    expect(stored).toHaveLength(1);
    const [audited] = await sql<{ n: string }>(
      db.url,
      `SELECT count(*)::text AS n FROM audit_event WHERE entity_type = 'Course' AND $1 = ANY(entity_ids) AND outcome = 'ALLOWED'`,
      [stored[0].id],
    );
    expect(audited.n).toBe('1');

    const retry = await post(CREATE_COURSE, course(code), coordinator, key);
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBe('true');
    expect(retry.body.data?.createCourse).toEqual({ id: stored[0].id, code });
    expect(await coursesWith(code)).toHaveLength(1);
    // The repeated answer is audited as a read of the record it names.
    const replayEvents = await sql<{ action: string; entity_type: string; entity_ids: string[]; outcome: string }>(
      db.url,
      'SELECT action, entity_type, entity_ids, outcome FROM audit_event WHERE request_id = $1',
      [retry.requestId],
    );
    expect(replayEvents).toEqual([
      { action: 'READ', entity_type: 'Course', entity_ids: [stored[0].id], outcome: 'ALLOWED' },
    ]);
  });

  it('a repeated key answers the first outcome; the same key for another request is refused; keys are per user', async () => {
    const key = randomUUID();
    const code = `IDEM-${key.slice(0, 8)}`;
    const first = await post(CREATE_COURSE, course(code), coordinator, key);
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    const again = await post(CREATE_COURSE, course(code), coordinator, key);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.replayed).toBe('true');
    expect(await coursesWith(code)).toHaveLength(1);

    const other = await post(CREATE_COURSE, course(`${code}-B`), coordinator, key);
    expect(other.status).toBe(400);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'KEY_REUSED' });
    expect(await coursesWith(`${code}-B`)).toHaveLength(0);

    // Another user's identical key is their own: their request runs.
    const police = await post(CREATE_COURSE, course(`${code}-P`), policeCoordinator, key);
    expect(police.body.errors).toBeUndefined();
    expect(police.replayed).toBeNull();
    expect(await coursesWith(`${code}-P`)).toHaveLength(1);
  });

  it('two concurrent requests with one key write once and answer the same outcome', async () => {
    const key = randomUUID();
    const code = `IDEM-${key.slice(0, 8)}`;
    const [a, b] = await Promise.all([
      post(CREATE_COURSE, course(code), coordinator, key),
      post(CREATE_COURSE, course(code), coordinator, key),
    ]);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.errors).toBeUndefined();
    expect(a.body.data).toEqual(b.body.data);
    expect(await coursesWith(code)).toHaveLength(1);
  });

  it('never stores a session token: login ignores the key, even from a logged-in caller', async () => {
    const key = randomUUID();
    const query = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    const variables = { e: 'utbildning@danderyd.example', p: DEMO_PASSWORD };
    const first = await post(query, variables, coordinator, key);
    const second = await post(query, variables, coordinator, key);
    const tokens = [first, second].map((r) => (r.body.data as unknown as { login: { token: string } }).login.token);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(second.replayed).toBeNull();
    expect(await sql(db.url, 'SELECT 1 FROM idempotency_record WHERE key = $1', [key])).toHaveLength(0);
  });

  it('refuses a malformed key with BAD_USER_INPUT, writing nothing, and audits the refusal', async () => {
    const code = `IDEM-${randomUUID().slice(0, 8)}`;
    const res = await post(CREATE_COURSE, course(code), coordinator, 'not a key!');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await coursesWith(code)).toHaveLength(0);
    const [event] = await sql<{ outcome: string; error_code: string }>(
      db.url,
      `SELECT outcome, error_code FROM audit_event WHERE 'Mutation.createCourse' = ANY(fields) ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ outcome: 'ERROR', error_code: 'BAD_USER_INPUT' });
  });
});
