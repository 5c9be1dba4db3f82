import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPoolSize, loadConfig, projectRoot } from '../../src/config/config';

/** The problems loadConfig reports for `env`; fails the test when it does not throw a ConfigError. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('the cell-key secret of indicator tables', () => {
  const DB = 'postgres://app@db.example:5432/samverkan';
  const secret = 'x'.repeat(40);

  it('production refuses to start without one, naming the variables and never a value', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db.example:5432/samverkan' });
    expect(problems).toEqual(['INDICATOR_CELL_KEY_SECRET or INDICATOR_CELL_KEY_SECRET_FILE must be set in production']);
    const short = problemsOf({
      NODE_ENV: 'production',
      DATABASE_URL: DB,
      INDICATOR_CELL_KEY_SECRET: 'too-short-secret',
    });
    expect(short.join(' ')).toContain('at least 32 characters');
    expect(short.join(' ')).not.toContain('too-short-secret');
  });

  it('reads it from INDICATOR_CELL_KEY_SECRET or from the file INDICATOR_CELL_KEY_SECRET_FILE, not both', () => {
    expect(
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: DB,
        INDICATOR_CELL_KEY_SECRET: secret,
      }).indicatorCellKeySecret?.toString(),
    ).toBe(secret);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cell-key-'));
    try {
      const file = path.join(dir, 'secret');
      fs.writeFileSync(file, `${secret}\n`);
      expect(
        loadConfig({
          NODE_ENV: 'production',
          DATABASE_URL: DB,
          INDICATOR_CELL_KEY_SECRET_FILE: file,
        }).indicatorCellKeySecret?.toString(),
      ).toBe(secret);
      expect(
        problemsOf({
          NODE_ENV: 'production',
          DATABASE_URL: DB,
          INDICATOR_CELL_KEY_SECRET_FILE: file,
          INDICATOR_CELL_KEY_SECRET: secret,
        })[0],
      ).toContain('both set');
      expect(
        problemsOf({
          NODE_ENV: 'production',
          DATABASE_URL: DB,
          INDICATOR_CELL_KEY_SECRET_FILE: path.join(dir, 'missing'),
        })[0],
      ).toContain('cannot read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('development generates one beside the embedded data and keeps it; tests without one get a fixed test-only value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cell-key-'));
    try {
      const data = path.join(dir, 'data');
      const first = loadConfig({ EMBEDDED_DATA_DIR: data }).indicatorCellKeySecret;
      expect(first?.length).toBe(64);
      expect(fs.statSync(`${data}.cell-key`).mode & 0o777).toBe(0o600);
      expect(loadConfig({ EMBEDDED_DATA_DIR: data }).indicatorCellKeySecret).toEqual(first);
      const test = loadConfig({ NODE_ENV: 'test', EMBEDDED_DATA_DIR: path.join(dir, 'other') }).indicatorCellKeySecret;
      expect(test?.toString()).toContain('test-only');
      expect(fs.existsSync(path.join(dir, 'other.cell-key'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publication delay and re-publication interval: defaults 15 days and 3 months; the interval divides 12', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect([config.indicatorPublicationDelayDays, config.indicatorRepublishEveryMonths]).toEqual([15, 3]);
    expect(problemsOf({ NODE_ENV: 'test', INDICATOR_REPUBLISH_EVERY_MONTHS: '5' })[0]).toContain('divide 12');
  });
});

describe('loadConfig', () => {
  it('applies the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.migrationDatabaseUrl).toBeUndefined();
    expect(config.seedPassword).toBe('samverkan-demo-2026');
    expect(config.sessionIdleTimeoutSeconds).toBe(30 * 60);
    expect(config.sessionAbsoluteTimeoutSeconds).toBe(12 * 3600);
    expect(config.logLevel).toBe('info');
    expect(config.embeddedDataDir).toBe(path.join(projectRoot(), '.data'));
    expect(config.embeddedPort).toBeUndefined();
    expect(config.dbPoolSize).toBe(defaultPoolSize());
  });

  it('sizes the default pool by the cores (twice the cores plus two, at least 10) and takes DB_POOL_SIZE over it', () => {
    expect(defaultPoolSize(1)).toBe(10);
    expect(defaultPoolSize(2)).toBe(10);
    expect(defaultPoolSize(4)).toBe(10);
    expect(defaultPoolSize(16)).toBe(34);
    expect(defaultPoolSize()).toBe(Math.max(10, 2 * os.availableParallelism() + 2));
    expect(loadConfig({ DB_POOL_SIZE: '20' }).dbPoolSize).toBe(20);
    expect(problemsOf({ DB_POOL_SIZE: '1' }).join('\n')).toContain('DB_POOL_SIZE');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', NODE_ENV: '', DATABASE_URL: '' });
    expect(config.port).toBe(4000);
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads valid values', () => {
    const config = loadConfig({
      PORT: '8080',
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.example:5432/samverkan',
      SESSION_IDLE_TIMEOUT_SECONDS: '600',
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: '3600',
      LOG_LEVEL: 'warn',
      EMBEDDED_DATA_DIR: '/var/lib/samverkan',
      INDICATOR_CELL_KEY_SECRET: 'a-production-cell-key-secret-of-40-chars!',
    });
    expect(config.port).toBe(8080);
    expect(config.indicatorCellKeySecret?.toString()).toBe('a-production-cell-key-secret-of-40-chars!');
    expect(config.nodeEnv).toBe('production');
    expect(config.databaseUrl).toBe('postgres://app@db.example:5432/samverkan');
    expect(config.migrationDatabaseUrl).toBe('postgres://app@db.example:5432/samverkan');
    expect(config.sessionIdleTimeoutSeconds).toBe(600);
    expect(config.sessionAbsoluteTimeoutSeconds).toBe(3600);
    expect(config.logLevel).toBe('warn');
    expect(config.embeddedDataDir).toBe('/var/lib/samverkan');
  });

  it('defaults the log level to silent in tests', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it.each([
    ['not a number', 'abc'],
    ['negative', '-1'],
    ['too large', '65536'],
    ['fractional', '80.5'],
  ])('reports a bad PORT (%s) on one line naming PORT', (_what, value) => {
    const problems = problemsOf({ PORT: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT /);
    expect(problems[0]).not.toContain('\n');
  });

  it('reports a bad NODE_ENV, listing the allowed values', () => {
    const problems = problemsOf({ NODE_ENV: 'staging' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^NODE_ENV /);
    expect(problems[0]).toContain('development, test, production');
  });

  it('reports a bad LOG_LEVEL', () => {
    const problems = problemsOf({ LOG_LEVEL: 'verbose' });
    expect(problems).toEqual([expect.stringMatching(/^LOG_LEVEL /)]);
  });

  it('reports a DATABASE_URL with the wrong protocol', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://app@db.example:3306/samverkan' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
  });

  it('accepts the postgresql:// spelling', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db.example/samverkan' }).databaseUrl).toBe(
      'postgresql://app@db.example/samverkan',
    );
  });

  it.each([['postgres://app@db.example:5432'], ['postgres://app@db.example:5432/']])(
    'reports a DATABASE_URL without a database name: %s',
    (url) => {
      const problems = problemsOf({ DATABASE_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^DATABASE_URL must name a database/);
    },
  );

  it('reports a DATABASE_URL that is not a URL', () => {
    const problems = problemsOf({ DATABASE_URL: 'just some text' });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must be a URL/)]);
  });

  it('reports an idle timeout longer than the absolute lifetime', () => {
    const problems = problemsOf({ SESSION_IDLE_TIMEOUT_SECONDS: '7200', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '3600' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SESSION_IDLE_TIMEOUT_SECONDS');
    expect(problems[0]).toContain('SESSION_ABSOLUTE_TIMEOUT_SECONDS');
  });

  it('reports session timeouts out of range', () => {
    const problems = problemsOf({ SESSION_IDLE_TIMEOUT_SECONDS: '5' });
    expect(problems).toEqual([expect.stringMatching(/^SESSION_IDLE_TIMEOUT_SECONDS /)]);
  });

  it('reports a short SEED_PASSWORD without echoing it', () => {
    const problems = problemsOf({ SEED_PASSWORD: 'short-pw' });
    expect(problems).toEqual(['SEED_PASSWORD must be at least 12 characters']);
    expect(problems.join('\n')).not.toContain('short-pw');
  });

  it('reports several bad values at once, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x@h/db', SEED_PASSWORD: 'tiny' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(4);
    for (const variable of ['PORT', 'NODE_ENV', 'DATABASE_URL', 'SEED_PASSWORD']) {
      expect(problems.filter((p) => p.startsWith(`${variable} `))).toHaveLength(1);
    }
    // The message shows each problem on a line of its own.
    const lines = message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1)).toEqual(problems.map((p) => `  - ${p}`));
  });

  it.each([
    ['wrong protocol', 'mysql://app:Hemligt-L0senord@db.example/samverkan'],
    ['no database name', 'postgres://app:Hemligt-L0senord@db.example:5432'],
    ['not a URL', 'postgres://app:Hemligt-L0senord@db example/samverkan'],
    ['bad port in URL', 'postgres://app:Hemligt-L0senord@db.example:99999/samverkan'],
    ['scheme left out', 'app:Hemligt-L0senord@db.example/samverkan'],
  ])('never shows a DATABASE_URL password in its problems (%s)', (_what, url) => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: url, MIGRATION_DATABASE_URL: url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems.some((p) => p.startsWith('DATABASE_URL '))).toBe(true);
    expect(message).not.toContain('Hemligt-L0senord');
    expect(message).not.toContain(encodeURIComponent('Hemligt-L0senord'));
  });

  it('requires DATABASE_URL when MIGRATION_DATABASE_URL is set', () => {
    const problems = problemsOf({ MIGRATION_DATABASE_URL: 'postgres://owner@db.example/samverkan' });
    expect(problems).toEqual(['MIGRATION_DATABASE_URL needs DATABASE_URL to be set as well']);
  });
});
