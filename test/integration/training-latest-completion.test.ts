import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../../src/db/data-source';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * training_latest_completion (the coverage report's pre-aggregate) must equal
 * `max(completed_on) GROUP BY staff_member_id, course_id` over training_completion after every kind
 * of change the application can make (insert, update, delete; single rows and whole statements),
 * also when two transactions change the same pair at once; and the application role may not write it.
 */

let server: TestServer;
let staff: string[];
let courses: string[];
let recorder: string;

const MISMATCH = `
  SELECT coalesce(t.staff_member_id, l.staff_member_id) AS staff, coalesce(t.course_id, l.course_id) AS course,
         t.completed_on::text AS truth, l.completed_on::text AS kept
    FROM (SELECT staff_member_id, course_id, max(completed_on) AS completed_on FROM training_completion GROUP BY 1, 2) t
    FULL JOIN training_latest_completion l USING (staff_member_id, course_id)
   WHERE t.completed_on IS DISTINCT FROM l.completed_on`;

async function appClient(): Promise<Client> {
  const client = new Client({ connectionString: server.db.url });
  await client.connect();
  await client.query(`SET ROLE ${APP_ROLE}`);
  return client;
}

async function mismatches(): Promise<unknown[]> {
  return server.sql(MISMATCH);
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  staff = (await server.sql<{ id: string }>(`SELECT id FROM staff_member ORDER BY id LIMIT 3`)).map((r) => r.id);
  recorder = (
    await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = 'utbildning@danderyd.example'`)
  )[0].id;
  courses = (
    await server.sql<{ id: string }>(
      `INSERT INTO course (code, title, provider, hours, validity_months, renewal_window_days)
       SELECT 'LATEST-' || g, 'Latest ' || g, 'Test', 1, 12, 30 FROM generate_series(1, 2) g RETURNING id`,
    )
  ).map((r) => r.id);
  expect(staff).toHaveLength(3);
});

afterAll(async () => {
  await server?.stop();
});

describe('training_latest_completion', () => {
  it('matches the completions after the migration (seeded data)', async () => {
    expect(await server.sql(`SELECT count(*)::int AS n FROM training_latest_completion`)).not.toEqual([{ n: 0 }]);
    expect(await mismatches()).toEqual([]);
  });

  it('stays exact through inserts, updates and deletes made as the application role', async () => {
    const app = await appClient();
    try {
      const [s1, s2, s3] = staff;
      const [c1, c2] = courses;
      const insert = (s: string, c: string, d: string): Promise<unknown> =>
        app.query(
          `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by) VALUES ($1, $2, $3, $4)`,
          [s, c, d, recorder],
        );
      const kept = async (s: string, c: string): Promise<string | null> =>
        (
          await app.query<{ d: string }>(
            `SELECT completed_on::text AS d FROM training_latest_completion WHERE staff_member_id = $1 AND course_id = $2`,
            [s, c],
          )
        ).rows[0]?.d ?? null;

      await insert(s1, c1, '2024-05-01');
      expect(await kept(s1, c1)).toBe('2024-05-01');
      await insert(s1, c1, '2023-01-01'); // older: the latest stays
      expect(await kept(s1, c1)).toBe('2024-05-01');
      await insert(s1, c1, '2024-02-29'); // still older
      await insert(s1, c1, '2025-02-28'); // newer
      expect(await kept(s1, c1)).toBe('2025-02-28');

      // one statement, several pairs and a pair twice
      await app.query(
        `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by)
         VALUES ($1, $3, '2022-01-01', $4), ($1, $3, '2022-06-30', $4), ($2, $3, '2021-03-03', $4), ($2, $5, '2020-12-31', $4)`,
        [s2, s3, c1, recorder, c2],
      );
      expect(await kept(s2, c1)).toBe('2022-06-30');
      expect(await kept(s3, c1)).toBe('2021-03-03');
      expect(await kept(s3, c2)).toBe('2020-12-31');

      // deleting the latest falls back to the one before; deleting the last removes the pair
      await app.query(
        `DELETE FROM training_completion WHERE staff_member_id = $1 AND course_id = $2 AND completed_on = '2025-02-28'`,
        [s1, c1],
      );
      expect(await kept(s1, c1)).toBe('2024-05-01');
      await app.query(`DELETE FROM training_completion WHERE staff_member_id = $1 AND course_id = $2`, [s3, c2]);
      expect(await kept(s3, c2)).toBeNull();

      // an update that moves a completion to another date and another pair
      await app.query(
        `UPDATE training_completion SET completed_on = '2026-01-15', course_id = $3 WHERE staff_member_id = $1 AND course_id = $2 AND completed_on = '2022-06-30'`,
        [s2, c1, c2],
      );
      expect(await kept(s2, c1)).toBe('2022-01-01');
      expect(await kept(s2, c2)).toBe('2026-01-15');

      // a rolled-back change leaves nothing behind
      await app.query('BEGIN');
      await insert(s1, c2, '2026-02-02');
      await app.query('ROLLBACK');
      expect(await kept(s1, c2)).toBeNull();

      expect(await mismatches()).toEqual([]);
    } finally {
      await app.end();
    }
  });

  it('stays exact when two transactions change the same pair at once', async () => {
    const [s1] = staff;
    const [, c2] = courses;
    const a = await appClient();
    const b = await appClient();
    try {
      await a.query(
        `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by) VALUES ($1, $2, '2019-01-01', $3), ($1, $2, '2019-06-01', $3)`,
        [s1, c2, recorder],
      );
      // A deletes the latest while B deletes the other one: neither may leave its own view behind.
      await a.query('BEGIN');
      await b.query('BEGIN');
      await a.query(
        `DELETE FROM training_completion WHERE staff_member_id = $1 AND course_id = $2 AND completed_on = '2019-06-01'`,
        [s1, c2],
      );
      const bDone = b.query(
        `DELETE FROM training_completion WHERE staff_member_id = $1 AND course_id = $2 AND completed_on = '2019-01-01'`,
        [s1, c2],
      );
      await new Promise((r) => setTimeout(r, 200)); // B waits for A's lock on the pair
      await a.query('COMMIT');
      await bDone;
      await b.query('COMMIT');
      expect(
        await server.sql(`SELECT 1 FROM training_latest_completion WHERE staff_member_id = $1 AND course_id = $2`, [
          s1,
          c2,
        ]),
      ).toEqual([]);

      // A inserts a newer one while B deletes an older one
      await a.query(
        `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by) VALUES ($1, $2, '2018-01-01', $3)`,
        [s1, c2, recorder],
      );
      await a.query('BEGIN');
      await b.query('BEGIN');
      await b.query(
        `DELETE FROM training_completion WHERE staff_member_id = $1 AND course_id = $2 AND completed_on = '2018-01-01'`,
        [s1, c2],
      );
      const aDone = a.query(
        `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by) VALUES ($1, $2, '2020-02-20', $3)`,
        [s1, c2, recorder],
      );
      await new Promise((r) => setTimeout(r, 200));
      await b.query('COMMIT');
      await aDone;
      await a.query('COMMIT');
      expect(
        await server.sql(
          `SELECT completed_on::text AS d FROM training_latest_completion WHERE staff_member_id = $1 AND course_id = $2`,
          [s1, c2],
        ),
      ).toEqual([{ d: '2020-02-20' }]);
      expect(await mismatches()).toEqual([]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('cannot be written by the application role', async () => {
    const app = await appClient();
    try {
      for (const statement of [
        `INSERT INTO training_latest_completion (staff_member_id, course_id, completed_on) VALUES ('${staff[0]}', '${courses[0]}', '2030-01-01')`,
        `UPDATE training_latest_completion SET completed_on = '2030-01-01'`,
        `DELETE FROM training_latest_completion`,
        `TRUNCATE training_latest_completion`,
      ]) {
        await expect(app.query(statement)).rejects.toMatchObject({ code: '42501' });
      }
      expect(await mismatches()).toEqual([]);
    } finally {
      await app.end();
    }
  });
});
