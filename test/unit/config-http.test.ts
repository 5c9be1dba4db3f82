import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { isProxyEntry, isOrigin } from '../../src/config/http';
import { SECRET_SETTINGS } from '../../src/config/secrets';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'samverkan-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function secretFile(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

describe('TRUST_PROXY', () => {
  it('refuses 999.1.1.1 at config time, naming the variable and the bad entry', () => {
    const problems = problemsOf({ TRUST_PROXY: '10.0.0.1,999.1.1.1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY must list IP addresses or CIDR ranges/);
    expect(problems[0]).toContain('999.1.1.1');
  });

  it('refuses prefixes out of range, hostnames and stray slashes', () => {
    for (const bad of ['10.0.0.0/33', '::1/129', 'proxy.example', '10.0.0.1/8/1', '1.2.3', ':::', '10.0.0.0/']) {
      expect(isProxyEntry(bad), bad).toBe(false);
    }
  });

  it('accepts IPv4, IPv6, CIDR ranges and the proxy-addr keywords', () => {
    for (const good of ['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '2001:db8::1/128', 'loopback', 'uniquelocal']) {
      expect(isProxyEntry(good), good).toBe(true);
    }
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.1 , 10.0.1.0/24 ' }).trustProxy).toEqual(['10.0.0.1', '10.0.1.0/24']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});

describe('CORS_ORIGINS', () => {
  it('reads a list of origins and refuses paths, wildcards and other schemes', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://intranet.example.se, http://localhost:5173' }).http.corsOrigins).toEqual(
      ['https://intranet.example.se', 'http://localhost:5173'],
    );
    expect(loadConfig({}).http.corsOrigins).toEqual([]);
    for (const bad of ['*', 'https://a.example/path', 'ftp://a.example', 'intranet.example.se', 'https://a.example/'])
      expect(isOrigin(bad), bad).toBe(false);
    expect(problemsOf({ CORS_ORIGINS: 'https://ok.example,*' })[0]).toMatch(/^CORS_ORIGINS must list origins/);
  });
});

describe('timeouts, metrics and tracing settings', () => {
  it('has the documented defaults', () => {
    const { http } = loadConfig({});
    expect(http.requestTimeoutMs).toBe(30_000);
    expect(http.headersTimeoutMs).toBe(10_000);
    expect(http.keepAliveTimeoutMs).toBe(65_000);
    expect(http.metricsPort).toBeUndefined();
    expect(http.metricsToken).toBeUndefined();
    expect(http.tracesExporter).toBe('none');
  });

  it('refuses a headers timeout longer than the request timeout, a short metrics token and an unknown exporter', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN must be at least 16 characters']);
    expect(problemsOf({ OTEL_TRACES_EXPORTER: 'jaeger' })[0]).toMatch(
      /^OTEL_TRACES_EXPORTER must be one of none, otlp, console/,
    );
  });
});

describe('<NAME>_FILE secrets', () => {
  it('covers every secret setting', () => {
    expect([...SECRET_SETTINGS].sort()).toEqual([
      'AUDIT_SEALER_DATABASE_URL',
      'DATABASE_URL',
      'INDICATOR_CELL_KEY_SECRET',
      'METRICS_TOKEN',
      'MIGRATION_DATABASE_URL',
      'SEED_PASSWORD',
      'SMTP_URL',
    ]);
  });

  it('reads each secret from its file, trimming one trailing newline', () => {
    const config = loadConfig({
      DATABASE_URL_FILE: secretFile('db', 'postgres://api:p%40ss@db.example:5432/samverkan\n'),
      MIGRATION_DATABASE_URL_FILE: secretFile('owner', 'postgres://owner:x@db.example:5432/samverkan\r\n'),
      SEED_PASSWORD_FILE: secretFile('seed', 'a seed password with spaces \n'),
      METRICS_TOKEN_FILE: secretFile('metrics', 'metrics-token-0123456789'),
    });
    expect(config.databaseUrl).toBe('postgres://api:p%40ss@db.example:5432/samverkan');
    expect(config.migrationDatabaseUrl).toBe('postgres://owner:x@db.example:5432/samverkan');
    expect(config.seedPassword).toBe('a seed password with spaces ');
    expect(config.http.metricsToken).toBe('metrics-token-0123456789');
  });

  it('refuses both <NAME> and <NAME>_FILE, a missing file and an empty one, without echoing a value', () => {
    const file = secretFile('seed2', 'secret-seed-password-1\n');
    const both = problemsOf({ SEED_PASSWORD: 'other-secret-password', SEED_PASSWORD_FILE: file });
    expect(both).toEqual(['SEED_PASSWORD and SEED_PASSWORD_FILE are both set; set only one of them']);
    const missing = problemsOf({ DATABASE_URL_FILE: path.join(dir, 'nope') });
    expect(missing).toEqual([`DATABASE_URL_FILE: cannot read ${path.join(dir, 'nope')} (ENOENT)`]);
    expect(problemsOf({ METRICS_TOKEN_FILE: secretFile('empty', '\n') })).toEqual([
      `METRICS_TOKEN_FILE: ${path.join(dir, 'empty')} is empty`,
    ]);
    expect(JSON.stringify(both)).not.toContain('secret-seed-password-1');
  });
});
