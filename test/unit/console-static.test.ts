import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { registerConsole } from '../../src/web/console';

describe('console static files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="sv"><meta name="samverkan-idle-timeout" content="__SESSION_IDLE_TIMEOUT_SECONDS__"><script type="module" src="/assets/index-abc123.js"></script></html>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1);\n'.repeat(500));
  const app = Fastify();
  app.get('/graphql', async () => ({ api: true }));
  registerConsole(app, loadConfig({ NODE_ENV: 'test', SESSION_IDLE_TIMEOUT_SECONDS: '900' }), dir);
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hashed assets are cached for a year, as JavaScript', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('console.log(1);\n'.repeat(500));
  });

  it('sends assets gzip-compressed to a browser that accepts gzip', async () => {
    const res = await app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.rawPayload.length).toBeLessThan(200);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe('console.log(1);\n'.repeat(500));
  });

  it('client routes get the page with the idle timeout filled in; API routes are not shadowed', async () => {
    const page = await app.inject({ url: '/forebyggande/123/andra', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('content="900"');
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ url: '/graphql' })).json()).toEqual({ api: true });
  });

  it('a missing asset or file is a 404, never the page', async () => {
    expect((await app.inject({ url: '/assets/index-old999.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/favicon.png' })).statusCode).toBe(404);
  });
});
