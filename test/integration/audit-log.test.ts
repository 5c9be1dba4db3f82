import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * DESIGN.md, audit: every GraphQL operation writes audit data before its response leaves —
 * queries, mutations, introspection, failed validation, unauthenticated and denied calls, logins
 * that succeed or fail — and never holds passwords, tokens or variables' values. Fail closed: when
 * the audit write fails, the operation fails and returns no data; a mutation and its audit data
 * commit in one transaction.
 *
 * "Before its response" is checked by reading the events right after each response arrives,
 * without waiting or polling.
 */

interface EventRow {
  id: string;
  request_id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_roles: string[];
  session_hash: string | null;
  client_address: string | null;
  operation_type: string;
  operation_name: string | null;
  fields: string[];
  action: string;
  outcome: string;
  error_code: string | null;
  entity_type: string | null;
  entity_ids: string[];
  entity_organisation_ids: string[];
  purpose: string | null;
  tx_id: string | null;
  hash: string;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('audit log: every request writes an event before its response', () => {
  let server: TestServer;
  let lastId = '0';
  let swToken: string;
  let sw: { id: string; organisation_id: string };
  let admin: { id: string; organisation_id: string };
  /** Strings that must never be found in any audit column. */
  const secrets = new Set<string>([DEMO_PASSWORD]);

  /** The events written since the previous call (this file's server has no other traffic). */
  async function newEvents(): Promise<EventRow[]> {
    const rows = await server.sql<EventRow>(
      `SELECT id::text AS id, request_id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, session_hash,
              client_address, operation_type, operation_name, fields, action, outcome, error_code, entity_type, entity_ids,
              entity_organisation_ids, purpose, tx_id::text AS tx_id, hash
         FROM audit_event WHERE id > $1 ORDER BY audit_event.id`,
      [lastId],
    );
    if (rows.length > 0) lastId = rows[rows.length - 1].id;
    return rows;
  }

  async function one(): Promise<EventRow> {
    const events = await newEvents();
    expect(events, 'exactly one audit event for the request').toHaveLength(1);
    return events[0];
  }

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    [sw] = await server.sql<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`,
    );
    [admin] = await server.sql<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM app_user WHERE email = 'admin@danderyd.example'`,
    );
    swToken = await server.login('socialsekreterare@danderyd.example');
    secrets.add(swToken);
    await newEvents();
  });

  afterAll(async () => {
    await server?.sql(`GRANT INSERT ON audit_event TO samverkan_app`).catch(() => undefined);
    await server?.stop();
  });

  it('a query: operation, fields, actor, session, entities', async () => {
    const res = await server.gql<{ me: { id: string } }>(
      'query WhoAmI { me { id email organisation { id name } } }',
      {},
      swToken,
    );
    expect(res.errors).toBeUndefined();
    const events = await newEvents();
    expect(events.length).toBeGreaterThanOrEqual(1);
    for (const e of events) {
      expect(e).toMatchObject({
        operation_type: 'query',
        operation_name: 'WhoAmI',
        actor_user_id: sw.id,
        actor_organisation_id: sw.organisation_id,
        actor_roles: ['SOCIAL_WORKER'],
        session_hash: sha256(swToken),
        outcome: 'ALLOWED',
        action: 'READ',
        error_code: null,
      });
      expect(e.fields).toEqual(
        expect.arrayContaining(['Query.me', 'User.id', 'User.email', 'User.organisation', 'Organisation.name']),
      );
      expect(e.request_id).toBe(events[0].request_id);
      expect(e.client_address).toBeTruthy();
      expect(Math.abs(e.occurred_at.getTime() - Date.now())).toBeLessThan(60_000);
      expect(e.tx_id).toMatch(/^\d+$/);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const byType = Object.fromEntries(events.map((e) => [e.entity_type, e]));
    expect(byType.User.entity_ids).toEqual([sw.id]);
    expect(byType.User.entity_organisation_ids).toEqual([sw.organisation_id]);
    expect(byType.Organisation.entity_ids).toEqual([sw.organisation_id]);
  });

  it('a list query records every record returned', async () => {
    const res = await server.gql<{ areas: { id: string }[] }>('query Areas { areas { id name } }', {}, swToken);
    expect(res.errors).toBeUndefined();
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'query',
      operation_name: 'Areas',
      entity_type: 'Area',
      outcome: 'ALLOWED',
    });
    expect([...e.entity_ids].sort()).toEqual(res.data!.areas.map((a) => a.id).sort());
    // "who touched record X" is one indexed lookup
    const lookup = await server.sql<{ id: string }>(
      `SELECT id::text AS id FROM audit_event WHERE entity_ids @> ARRAY[$1]::text[]`,
      [e.entity_ids[0]],
    );
    expect(lookup.map((r) => r.id)).toContain(e.id);
  });

  it('a mutation: action, entity type and id of the changed record; variables not stored', async () => {
    const adminToken = await server.login('admin@danderyd.example');
    secrets.add(adminToken);
    await newEvents();
    const input = {
      email: 'audit-probe-7f3a@example.invalid',
      displayName: 'Probe Displayname 7f3a',
      password: 'unusual-passphrase-7f3a-xyz',
      roles: ['TRAINING_COORDINATOR'],
    };
    for (const v of [input.email, input.displayName, input.password]) secrets.add(v);
    const res = await server.gql<{ createUser: { id: string } }>(
      'mutation AddUser($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input },
      adminToken,
    );
    expect(res.errors).toBeUndefined();
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'mutation',
      operation_name: 'AddUser',
      actor_user_id: admin.id,
      actor_roles: ['ADMIN'],
      action: 'CREATE',
      outcome: 'ALLOWED',
      entity_type: 'User',
      entity_ids: [res.data!.createUser.id],
      entity_organisation_ids: [admin.organisation_id],
    });
    expect(e.fields).toEqual(expect.arrayContaining(['Mutation.createUser', 'User.id']));
  });

  it('introspection', async () => {
    const res = await server.gql('query Intro { __schema { queryType { name } } }');
    expect(res.errors).toBeUndefined();
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'query',
      operation_name: 'Intro',
      outcome: 'ALLOWED',
      actor_user_id: null,
      session_hash: null,
    });
    expect(e.fields).toEqual(expect.arrayContaining(['Query.__schema']));
  });

  it('a document that fails validation', async () => {
    const res = await server.gql('query Broken { me { noSuchField } }', {}, swToken);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const e = await one();
    expect(e).toMatchObject({
      outcome: 'ERROR',
      error_code: 'GRAPHQL_VALIDATION_FAILED',
      actor_user_id: sw.id,
      session_hash: sha256(swToken),
    });
    expect(e.entity_ids).toEqual([]);
  });

  it('a parse error (a client error: 400, not 500)', async () => {
    const res = await server.gql('query Unfinished { me { id ', {}, swToken);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.status).toBe(400);
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'invalid',
      outcome: 'ERROR',
      error_code: 'GRAPHQL_PARSE_FAILED',
      actor_user_id: sw.id,
    });
  });

  it('a document over the token limit is refused as a parse error, and audited', async () => {
    const huge = `query Huge { ${Array.from({ length: 1200 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const res = await server.gql(huge, {}, swToken);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(await one()).toMatchObject({ outcome: 'ERROR', error_code: 'GRAPHQL_PARSE_FAILED', actor_user_id: sw.id });
  });

  it('a mutation sent with GET is refused, and audited', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('mutation ViaGet { logout }')}`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${swToken}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
    const body = (await res.json()) as { data?: unknown };
    expect(body.data ?? null).toBeNull();
    expect(await one()).toMatchObject({
      operation_type: 'mutation',
      operation_name: 'ViaGet',
      outcome: 'ERROR',
      actor_user_id: sw.id,
    });
    expect((await server.gql<{ me: { id: string } }>('{ me { id } }', {}, swToken)).data?.me.id).toBe(sw.id); // not logged out
    await newEvents();
  });

  it('an operation name the document does not contain', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${swToken}` },
      body: JSON.stringify({ query: 'query A { me { id } } query B { areas { id } }', operationName: 'C' }),
    });
    expect(res.status).toBe(400);
    const e = await one();
    expect(e).toMatchObject({ outcome: 'ERROR', actor_user_id: sw.id });
    expect(e.error_code).toBeTruthy();
  });

  it('an unauthenticated call (no token, and an unknown token)', async () => {
    const anonymous = await server.gql('query Anon { me { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
    expect(await one()).toMatchObject({
      operation_name: 'Anon',
      outcome: 'DENIED',
      error_code: 'UNAUTHENTICATED',
      actor_user_id: null,
      session_hash: null,
    });

    const forged = 'x'.repeat(43);
    secrets.add(forged);
    const unknown = await server.gql('query Forged { me { id } }', {}, forged);
    expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await one()).toMatchObject({
      operation_name: 'Forged',
      outcome: 'DENIED',
      error_code: 'UNAUTHENTICATED',
      actor_user_id: null,
    });
  });

  it('a denied call: FORBIDDEN, nothing changed, recorded as DENIED with the actor', async () => {
    const users = await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`);
    const input = {
      email: 'denied-probe-91c2@example.invalid',
      displayName: 'Denied Probe 91c2',
      password: 'denied-passphrase-91c2-q',
      roles: ['TRAINING_COORDINATOR'],
    };
    for (const v of [input.email, input.displayName, input.password]) secrets.add(v);
    const res = await server.gql(
      'mutation Sneaky($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input },
      swToken,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'mutation',
      operation_name: 'Sneaky',
      outcome: 'DENIED',
      error_code: 'FORBIDDEN',
      actor_user_id: sw.id,
    });
    expect(e.fields).toContain('Mutation.createUser');
    expect((await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(users[0].n);
  });

  it('a successful login', async () => {
    const res = await server.gql<{ login: { token: string } }>(
      'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } } }',
      { email: 'socialsekreterare@danderyd.example', password: DEMO_PASSWORD },
    );
    const token = res.data!.login.token;
    secrets.add(token);
    const e = await one();
    expect(e).toMatchObject({
      operation_type: 'mutation',
      operation_name: 'SignIn',
      action: 'LOGIN',
      outcome: 'ALLOWED',
      actor_user_id: sw.id,
      actor_organisation_id: sw.organisation_id,
      actor_roles: ['SOCIAL_WORKER'],
      session_hash: sha256(token),
      entity_type: 'User',
      entity_ids: [sw.id],
    });
  });

  it('failed logins: wrong password for a known account, and an unknown account', async () => {
    const wrong = 'definitely-the-wrong-password-5d1';
    secrets.add(wrong);
    const bad = await server.gql(
      'mutation BadPw($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      {
        email: 'utbildning@danderyd.example',
        password: wrong,
      },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [tc] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'utbildning@danderyd.example'`,
    );
    expect(await one()).toMatchObject({
      operation_name: 'BadPw',
      action: 'LOGIN_FAILED',
      outcome: 'DENIED',
      actor_user_id: tc.id,
      session_hash: null,
    });

    const ghost = 'ghost-account-0b7e@example.invalid';
    secrets.add(ghost);
    const unknown = await server.gql(
      'mutation Ghost($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      {
        email: ghost,
        password: wrong,
      },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(bad.errors?.[0].message);
    expect(await one()).toMatchObject({
      operation_name: 'Ghost',
      action: 'LOGIN_FAILED',
      outcome: 'DENIED',
      actor_user_id: null,
      session_hash: null,
    });
  });

  it('a logout', async () => {
    const token = await server.login('utbildning@polisen.example');
    secrets.add(token);
    await newEvents();
    const res = await server.gql('mutation Bye { logout }', {}, token);
    expect(res.errors).toBeUndefined();
    expect(await one()).toMatchObject({
      operation_name: 'Bye',
      action: 'LOGOUT',
      outcome: 'ALLOWED',
      session_hash: sha256(token),
    });
  });

  it('no password, token or variable value appears in any audit column', async () => {
    expect(secrets.size).toBeGreaterThan(8);
    for (const secret of secrets) {
      const hits = await server.sql<{ id: string }>(
        `SELECT id::text AS id FROM audit_event e WHERE strpos(lower(e::text), lower($1)) > 0
         UNION ALL SELECT id::text FROM audit_checkpoint c WHERE strpos(lower(c::text), lower($1)) > 0`,
        [secret],
      );
      expect(hits, `audit rows containing a secret (${secret.slice(0, 6)}…)`).toEqual([]);
    }
  });

  describe('fail closed: the audit write fails', () => {
    let adminToken: string;
    beforeAll(async () => {
      adminToken = await server.login('admin@danderyd.example');
    });

    afterAll(async () => {
      await server.sql(`GRANT INSERT ON audit_event TO samverkan_app`);
    });

    it('a query fails with INTERNAL_SERVER_ERROR, HTTP 500 and no data; a mutation changes nothing', async () => {
      const eventsBefore = (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
      await server.sql(`REVOKE INSERT ON audit_event FROM samverkan_app`);
      try {
        const me = await server.gql('query MeWhileBroken { me { id email } }', {}, swToken);
        expect(me.status).toBe(500);
        expect(me.data ?? null).toBeNull();
        expect(me.errors).toHaveLength(1);
        expect(me.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(me)).not.toContain('socialsekreterare');
        expect(JSON.stringify(me)).not.toMatch(/permission|audit_event|samverkan_app/);

        const email = 'fail-closed-probe@example.invalid';
        const created = await server.gql(
          'mutation AddWhileBroken($input: CreateUserInput!) { createUser(input: $input) { id email } }',
          {
            input: {
              email,
              displayName: 'Fail Closed Probe',
              password: 'fail-closed-passphrase-1',
              roles: ['TRAINING_COORDINATOR'],
            },
          },
          adminToken,
        );
        expect(created.status).toBe(500);
        expect(created.data ?? null).toBeNull();
        expect(created.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(await server.sql(`SELECT id FROM app_user WHERE email = $1`, [email])).toEqual([]);

        const denied = await server.gql('query DeniedWhileBroken { me { id } }');
        expect(denied.status).toBe(500);
        expect(denied.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');

        const countSessions = async (): Promise<number> =>
          (
            await server.sql<{ n: number }>(
              `SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'kommunpolis@polisen.example'`,
            )
          )[0].n;
        const sessionsBefore = await countSessions();
        const loginWhileBroken = await server.gql<{ login: { token: string } | null }>(
          'mutation LoginWhileBroken($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
          { email: 'kommunpolis@polisen.example', password: DEMO_PASSWORD },
        );
        expect(loginWhileBroken.status).toBe(500);
        expect(loginWhileBroken.data ?? null).toBeNull(); // no token handed out without an audit record

        // The session commits with the login's audit event: no orphan session row either.
        expect(await countSessions()).toBe(sessionsBefore);

        // Logout likewise: the revocation rolls back with the failed audit write, the session lives on.
        const logout = await server.gql('mutation LogoutWhileBroken { logout }', {}, adminToken);
        expect(logout.status).toBe(500);
        expect(logout.data ?? null).toBeNull();
        const live = await server.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM user_session WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND revoked_at IS NULL`,
          [adminToken],
        );
        expect(live[0].n).toBe(1);
      } finally {
        await server.sql(`GRANT INSERT ON audit_event TO samverkan_app`);
      }
      expect((await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBe(eventsBefore);
      lastId = (await server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;

      // Service resumes once the audit log can be written again.
      const again = await server.gql<{ me: { id: string } }>('query MeAgain { me { id } }', {}, swToken);
      expect(again.status).toBe(200);
      expect(again.data?.me.id).toBe(sw.id);
      expect(await one()).toMatchObject({ operation_name: 'MeAgain', outcome: 'ALLOWED' });
      const email = 'after-restore-probe@example.invalid';
      const created = await server.gql<{ createUser: { id: string } }>(
        'mutation AddAfter($input: CreateUserInput!) { createUser(input: $input) { id } }',
        {
          input: {
            email,
            displayName: 'After Restore',
            password: 'after-restore-passphrase-2',
            roles: ['TRAINING_COORDINATOR'],
          },
        },
        adminToken,
      );
      expect(created.errors).toBeUndefined();
      expect(await server.sql(`SELECT id FROM app_user WHERE email = $1`, [email])).toHaveLength(1);
      expect(await one()).toMatchObject({
        operation_name: 'AddAfter',
        action: 'CREATE',
        entity_ids: [created.data!.createUser.id],
      });
    });

    it('a mutation whose audit event cannot be written leaves its changes uncommitted (same transaction)', async () => {
      // Make the audit INSERT fail inside the mutation's transaction only for this request: a
      // CHECK constraint that refuses the probe operation name (NOT VALID: existing rows untouched).
      await server.sql(
        `ALTER TABLE audit_event ADD CONSTRAINT test_refuse_probe CHECK (operation_name IS DISTINCT FROM 'RefusedAudit') NOT VALID`,
      );
      try {
        const [target] = await server.sql<{ id: string }>(
          `SELECT id FROM app_user WHERE email = 'utbildning@danderyd.example'`,
        );
        const res = await server.gql(
          'mutation RefusedAudit($input: SetUserRolesInput!) { setUserRoles(input: $input) { id roles } }',
          { input: { userId: target.id, roles: ['AUDITOR'] } },
          adminToken,
        );
        expect(res.status).toBe(500);
        expect(res.data ?? null).toBeNull();
        const roles = await server.sql<{ role: string }>(
          `SELECT role::text AS role FROM user_role WHERE user_id = $1`,
          [target.id],
        );
        expect(roles.map((r) => r.role)).toEqual(['TRAINING_COORDINATOR']);
      } finally {
        await server.sql(`ALTER TABLE audit_event DROP CONSTRAINT test_refuse_probe`);
      }
      await newEvents();
    });
  });
});
