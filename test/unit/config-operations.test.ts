import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** Production also requires the cell-key secret of indicator tables; these tests are about the database. */
const CELL_KEY = 'c'.repeat(40);

describe('configuration for operations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses NODE_ENV=production without DATABASE_URL (no embedded database in production)', () => {
    const problems = problemsOf({ NODE_ENV: 'production', INDICATOR_CELL_KEY_SECRET: CELL_KEY });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/DATABASE_URL .*required with NODE_ENV=production/);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        INDICATOR_CELL_KEY_SECRET: CELL_KEY,
        DATABASE_URL: 'postgres://api@db:5432/samverkan',
      }).databaseUrl,
    ).toBe('postgres://api@db:5432/samverkan');
  });

  it('defaults MIGRATE_ON_START to on in development and test, off in production, and validates it', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).migrateOnStart).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', INDICATOR_CELL_KEY_SECRET: CELL_KEY, DATABASE_URL: 'postgres://a@b/c' })
        .migrateOnStart,
    ).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(problemsOf({ MIGRATE_ON_START: 'sometimes' })[0]).toContain('MIGRATE_ON_START must be true or false');
  });

  it('reads DATABASE_URL_FILE and MIGRATION_DATABASE_URL_FILE, never echoing their contents', () => {
    const app = path.join(dir, 'app-url');
    const owner = path.join(dir, 'owner-url');
    fs.writeFileSync(app, 'postgres://samverkan_api:s%40cret@db:5432/samverkan\n');
    fs.writeFileSync(owner, 'postgres://samverkan_owner:other@db:5432/samverkan');
    const config = loadConfig({
      NODE_ENV: 'production',
      INDICATOR_CELL_KEY_SECRET: CELL_KEY,
      DATABASE_URL_FILE: app,
      MIGRATION_DATABASE_URL_FILE: owner,
    });
    expect(config.databaseUrl).toBe('postgres://samverkan_api:s%40cret@db:5432/samverkan');
    expect(config.migrationDatabaseUrl).toBe('postgres://samverkan_owner:other@db:5432/samverkan');

    const both = problemsOf({ DATABASE_URL: 'postgres://a@b/c', DATABASE_URL_FILE: app });
    expect(both[0]).toContain('DATABASE_URL and DATABASE_URL_FILE are both set');
    const missing = problemsOf({ DATABASE_URL_FILE: path.join(dir, 'absent') });
    expect(missing[0]).toMatch(/DATABASE_URL_FILE: cannot read .*\(ENOENT\)/);
    fs.writeFileSync(app, 'not a url with s3cret');
    const bad = problemsOf({ DATABASE_URL_FILE: app });
    expect(bad.join('\n')).not.toContain('s3cret');
  });
});
