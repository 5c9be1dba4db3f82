import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseWriteWatcher, type Snapshot } from '../helpers/db-snapshot';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The write watcher is how the access matrix, the fresh-records sweep and the hostile-input tests
 * prove that a refused call changed nothing: it must see every committed write and nothing else.
 */
describe('the database write watcher of the refusal tests', () => {
  let db: TestDatabase;
  let client: Client;
  let snapshot: () => Promise<Snapshot>;
  const q = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query(text, params)).rows as T[];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    snapshot = await databaseWriteWatcher(q);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('sees an insert, a changing update and a delete, each as a write to its table', async () => {
    const before = await snapshot();
    const [org] = await q<{ id: string }>(
      `INSERT INTO organisation (name, kind) VALUES ('Watcher Kommun', 'SOCIAL_SERVICES') RETURNING id`,
    );
    const afterInsert = await snapshot();
    expect(afterInsert).not.toEqual(before);
    expect(afterInsert.organisation).toBe((before.organisation ?? 0) + 1);
    await q(`UPDATE organisation SET name = 'Watcher Kommun 2' WHERE id = $1`, [org.id]);
    const afterUpdate = await snapshot();
    expect(afterUpdate.organisation).toBe(afterInsert.organisation + 1);
    await q(`DELETE FROM organisation WHERE id = $1`, [org.id]);
    expect((await snapshot()).organisation).toBe(afterUpdate.organisation + 1);
  });

  it('does not count a rolled-back write, an update that changes no value, or the tables it ignores', async () => {
    const [org] = await q<{ id: string }>(
      `INSERT INTO organisation (name, kind) VALUES ('Unchanged Kommun', 'SOCIAL_SERVICES') RETURNING id`,
    );
    const before = await snapshot();
    await q('BEGIN');
    await q(`INSERT INTO organisation (name, kind) VALUES ('Rolled back', 'SOCIAL_SERVICES')`);
    await q('ROLLBACK');
    await q(`UPDATE organisation SET name = name WHERE id = $1`, [org.id]);
    await q(`UPDATE user_session SET last_seen_at = now()`);
    expect(await snapshot()).toEqual(before);
  });

  it('sees a write made by the application role through its own connection', async () => {
    const before = await snapshot();
    const app = new Client({ connectionString: db.url, options: '-c role=samverkan_app' });
    await app.connect();
    try {
      await app.query(`INSERT INTO organisation (name, kind) VALUES ('Written by the app role', 'POLICE')`);
    } finally {
      await app.end();
    }
    expect((await snapshot()).organisation).toBe((before.organisation ?? 0) + 1);
  });
});
