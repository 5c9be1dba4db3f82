import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, SEALER_ROLE } from '../../src/db/data-source';
import { createTestDatabase, sql, type TestDatabase } from '../helpers/database';

/**
 * DESIGN.md, audit: "the application's database role cannot UPDATE, DELETE or TRUNCATE audit
 * tables (privileges and triggers)". Both barriers are tested on their own: the role's privileges
 * (as the application role), and the triggers (as a superuser, whom privileges do not stop).
 */

const AUDIT_TABLES = ['audit_event', 'audit_checkpoint'] as const;
const PRIVILEGE_ERROR = '42501'; // insufficient_privilege

interface PgError {
  code?: string;
  message: string;
}

async function connect(url: string, asAppRole: boolean): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  if (asAppRole) await client.query(`SET ROLE ${APP_ROLE}`);
  return client;
}

async function failure(client: Client, text: string, params: unknown[] = []): Promise<PgError> {
  await client.query('SAVEPOINT attempt');
  try {
    await client.query(text, params);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT attempt');
    return error as PgError;
  }
  throw new Error(`expected the statement to fail: ${text}`);
}

const EVENT_INSERT = `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome,
    entity_ids, entity_organisation_ids, hash, key_id, tx_id)
  VALUES (now(), $1, '{}', 'query', '{Query.me}', 'READ', 'ALLOWED', '{}', '{}', 'not-a-real-hash', 'k-test', $2)
  RETURNING id::text AS id, tx_id::text AS tx_id, pg_current_xact_id()::text AS xid`;
const CHECKPOINT_INSERT = `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash, key_id)
  VALUES (now(), 1, 0, '{}', $1, 'h', 'k-test') RETURNING id::text AS id`;

describe('audit tables are append-only', () => {
  let db: TestDatabase;
  let app: Client;
  let superuser: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Rows to aim UPDATE and DELETE at: row triggers only fire for rows that exist.
    await sql(db.url, EVENT_INSERT, [randomUUID(), null]);
    await sql(db.url, CHECKPOINT_INSERT, [`prev-${randomUUID()}`]);
    app = await connect(db.url, true);
    superuser = await connect(db.url, false);
    // Each attempt runs inside a transaction and is rolled back to a savepoint, so even a barrier
    // that failed could not change what the next test sees.
    await app.query('BEGIN');
    await superuser.query('BEGIN');
  });

  afterAll(async () => {
    await app?.query('ROLLBACK').catch(() => undefined);
    await superuser?.query('ROLLBACK').catch(() => undefined);
    await app?.end();
    await superuser?.end();
    await db?.drop();
  });

  it('the application role is really in effect (not a superuser)', async () => {
    const [row] = (
      await app.query(
        `SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super`,
      )
    ).rows;
    expect(row).toEqual({ who: APP_ROLE, super: false });
  });

  describe.each(AUDIT_TABLES)('%s', (table) => {
    it('as the application role: UPDATE is refused by privileges', async () => {
      const e = await failure(app, `UPDATE ${table} SET hash = 'tampered'`);
      expect(e.code).toBe(PRIVILEGE_ERROR);
      expect(e.message).toMatch(/permission denied/);
    });

    it('as the application role: DELETE is refused by privileges', async () => {
      const e = await failure(app, `DELETE FROM ${table}`);
      expect(e.code).toBe(PRIVILEGE_ERROR);
      expect(e.message).toMatch(/permission denied/);
    });

    it('as the application role: TRUNCATE is refused by privileges', async () => {
      const e = await failure(app, `TRUNCATE ${table}`);
      expect(e.code).toBe(PRIVILEGE_ERROR);
      expect(e.message).toMatch(/permission denied/);
    });

    it('as the application role: the barriers cannot be switched off', async () => {
      expect((await failure(app, `ALTER TABLE ${table} DISABLE TRIGGER ALL`)).message).toMatch(/must be owner/);
      // PostgreSQL answers a GRANT without grant option with a warning, granting nothing.
      await app.query(`GRANT UPDATE, DELETE, TRUNCATE ON ${table} TO ${APP_ROLE}`);
      expect((await failure(app, `DELETE FROM ${table}`)).code).toBe(PRIVILEGE_ERROR);
      expect((await failure(app, `DROP TABLE ${table}`)).message).toMatch(/must be owner/);
      expect((await failure(app, `SET session_replication_role = replica`)).code).toBe(PRIVILEGE_ERROR);
      // (SET ROLE back to the login role is not tested: it is decided by the session user, which
      // here is the test superuser; a deployment must log in as a non-superuser.)
    });

    it('as a superuser: the triggers refuse UPDATE', async () => {
      const e = await failure(superuser, `UPDATE ${table} SET hash = 'tampered'`);
      expect(e.code).toBe(PRIVILEGE_ERROR);
      expect(e.message).toMatch(/append-only.*UPDATE/);
    });

    it('as a superuser: the triggers refuse DELETE', async () => {
      const e = await failure(superuser, `DELETE FROM ${table}`);
      expect(e.message).toMatch(/append-only.*DELETE/);
    });

    it('as a superuser: the triggers refuse TRUNCATE', async () => {
      const e = await failure(superuser, `TRUNCATE ${table}`);
      expect(e.message).toMatch(/append-only.*TRUNCATE/);
    });

    it('nothing was changed by any of the attempts', async () => {
      const rows = await sql<{ n: number; tampered: number }>(
        db.url,
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE hash = 'tampered')::int AS tampered FROM ${table}`,
      );
      expect(rows[0]).toEqual({ n: 1, tampered: 0 });
    });
  });

  it('as the application role: INSERT works, and the trigger sets tx_id whatever the client sends', async () => {
    await app.query('SAVEPOINT insert_ok');
    const forged = '4242';
    const { rows } = await app.query(EVENT_INSERT, [randomUUID(), forged]);
    expect(rows[0].tx_id).not.toBe(forged);
    expect(rows[0].tx_id).toBe(rows[0].xid);
    const { rows: nullRows } = await app.query(EVENT_INSERT, [randomUUID(), null]);
    expect(nullRows[0].tx_id).toBe(nullRows[0].xid);
    // and the application role can read what it wrote (the sealer and the auditor API need it)
    const { rows: seen } = await app.query(`SELECT count(*)::int AS n FROM audit_event WHERE id = $1`, [rows[0].id]);
    expect(seen[0].n).toBe(1);
    await app.query('ROLLBACK TO SAVEPOINT insert_ok');
  });

  it('as the application role: INSERT into audit_checkpoint is refused (only the sealer role may seal)', async () => {
    const e = await failure(app, CHECKPOINT_INSERT, [`prev-${randomUUID()}`]);
    expect(e.code).toBe(PRIVILEGE_ERROR);
    expect(e.message).toMatch(/permission denied/);
    // A far-future horizon (the row that once stopped all sealing) is refused the same way.
    const far = await failure(
      app,
      `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash, key_id)
       VALUES (now(), 9000000000000, 0, '{}', $1, 'h', 'k-test')`,
      [`prev-${randomUUID()}`],
    );
    expect(far.code).toBe(PRIVILEGE_ERROR);
    await superuser.query('SAVEPOINT sealer_ok');
    await superuser.query(`SET LOCAL ROLE ${SEALER_ROLE}`);
    const { rows: cp } = await superuser.query(CHECKPOINT_INSERT, [`prev-${randomUUID()}`]);
    expect(cp[0].id).toMatch(/^\d+$/);
    expect((await failure(superuser, `DELETE FROM audit_checkpoint`)).code).toBe(PRIVILEGE_ERROR);
    expect(
      (
        await failure(
          superuser,
          `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome,
      entity_ids, entity_organisation_ids, hash, key_id) VALUES (now(), '${randomUUID()}', '{}', 'query', '{}', 'READ', 'ALLOWED', '{}', '{}', 'h', 'k')`,
        )
      ).code,
    ).toBe(PRIVILEGE_ERROR);
    await superuser.query('ROLLBACK TO SAVEPOINT sealer_ok');
  });

  it('new events must carry a key id and stay within the field bounds, whoever inserts them', async () => {
    const noKey = await failure(
      app,
      `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, hash)
       VALUES (now(), $1, '{}', 'query', '{}', 'READ', 'ALLOWED', '{}', '{}', 'h')`,
      [randomUUID()],
    );
    expect(noKey.message).toMatch(/key id/);
    const longName = await failure(
      superuser,
      `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, operation_name, fields, action, outcome, entity_ids, entity_organisation_ids, hash, key_id)
       VALUES (now(), $1, '{}', 'query', $2, '{}', 'READ', 'ALLOWED', '{}', '{}', 'h', 'k')`,
      [randomUUID(), 'Q'.repeat(129)],
    );
    expect(longName.message).toMatch(/field bounds/);
    const longPurpose = await failure(
      superuser,
      `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, purpose, hash, key_id)
       VALUES (now(), $1, '{}', 'query', '{}', 'READ', 'ALLOWED', '{}', '{}', $2, 'h', 'k')`,
      [randomUUID(), 'p'.repeat(8001)],
    );
    expect(longPurpose.message).toMatch(/field bounds/);
  });

  it('the application role cannot supply an id of its own (identity GENERATED ALWAYS)', async () => {
    const e = await failure(
      app,
      `INSERT INTO audit_event (id, occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, hash)
       VALUES (1, now(), $1, '{}', 'query', '{}', 'READ', 'ALLOWED', '{}', '{}', 'h')`,
      [randomUUID()],
    );
    expect(e.message).toMatch(/cannot insert a non-DEFAULT value into column "id"|GENERATED ALWAYS/i);
  });

  it("an application connection made like the server's (-c role=...) has the same limits", async () => {
    const client = new Client({ connectionString: db.url, options: `-c role=${APP_ROLE}` });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT current_user AS who');
      expect(rows[0].who).toBe(APP_ROLE);
      await expect(client.query('DELETE FROM audit_event')).rejects.toMatchObject({ code: PRIVILEGE_ERROR });
      await expect(client.query('UPDATE audit_checkpoint SET hash = hash')).rejects.toMatchObject({
        code: PRIVILEGE_ERROR,
      });
    } finally {
      await client.end();
    }
  });
});
