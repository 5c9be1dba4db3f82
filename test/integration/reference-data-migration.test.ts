import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/database';
import { createTestDatabase, sql, type TestDatabase } from '../helpers/database';

/**
 * The indicator definitions are reference data installed by the migration InstallIndicatorDefinitions.
 * Databases seeded before it existed already hold them (the demo seed inserted them, maybe with a
 * rule changed since): the migration must run there without error and leave every row as it was.
 */
let db: TestDatabase;
const MIGRATION = 'InstallIndicatorDefinitions1796133035461';

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const state = (): Promise<unknown[]> =>
  sql(
    db.url,
    `SELECT d.code, d.name_sv, d.reported_by, v.valid_from::text, v.threshold, v.rounding_base FROM indicator_definition d LEFT JOIN indicator_rule_version v ON v.indicator_code = d.code ORDER BY 1, 4`,
  );

describe('InstallIndicatorDefinitions', () => {
  it('a migrated database holds the seven definitions, each with the default rule from 2000-01-01', async () => {
    const rows = (await state()) as { code: string; threshold: number; rounding_base: number; valid_from: string }[];
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.code)).size).toBe(7);
    expect(rows.every((r) => r.threshold === 5 && r.rounding_base === 5 && r.valid_from === '2000-01-01')).toBe(true);
  });

  it('runs again over rows that are already there (as the demo seed left them) and changes none of them', async () => {
    // What a database seeded earlier may look like: a renamed definition and a stricter rule added later.
    await sql(
      db.url,
      `UPDATE indicator_definition SET name_sv = 'Kontaktförbud (lokalt namn)' WHERE code = 'POL_RESTRAINING_ORDERS'`,
    );
    await sql(
      db.url,
      `INSERT INTO indicator_rule_version (indicator_code, valid_from, threshold, rounding_base) VALUES ('SOC_PROTECTED_HOUSING', '2025-01-01', 7, 10)`,
    );
    await sql(db.url, `DELETE FROM migrations WHERE name = $1`, [MIGRATION]);
    const before = await state();
    expect(await runMigrations(db.url)).toEqual([MIGRATION]);
    expect(await state()).toEqual(before);
  });
});
