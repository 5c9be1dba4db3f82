import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot, type Config } from '../config/config';

/**
 * The web console (`web/`, built by `npm run web:build` into `web/dist`), served by the API's own
 * server at `/`. Hashed files under `/assets/` are cached for a year; every other GET that is not
 * an API route (`/graphql`, `/health`, `/metrics` are registered as routes of their own and always
 * win over this wildcard) answers the console's page, whose router shows the client route.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

interface StaticFile {
  body: Buffer;
  /** The body gzip-compressed once at start, when that is smaller. */
  gzip: Buffer | undefined;
  contentType: string;
  immutable: boolean;
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/** Every file of the build, read once at start (the build is a few hundred kB). */
function readBuild(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) {
        const contentType = CONTENT_TYPES[path.extname(entry.name)];
        if (!contentType) continue;
        const body = fs.readFileSync(path.join(dir, rel));
        const packed =
          COMPRESSIBLE.test(contentType) && body.length > 1024 ? zlib.gzipSync(body, { level: 9 }) : undefined;
        files.set(`/${rel}`, {
          body,
          gzip: packed && packed.length < body.length ? packed : undefined,
          contentType,
          immutable: rel.startsWith('assets/'),
        });
      }
    }
  };
  if (fs.existsSync(dir)) walk('');
  return files;
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/** The API's neutral 404 (src/http/hardening.ts), for anything that is not a console page or file. */
const NOT_FOUND = { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] };

export function registerConsole(
  fastify: FastifyInstance,
  config: Config,
  distDir = path.join(projectRoot(), 'web', 'dist'),
): void {
  const files = readBuild(distDir);
  const index = files.get('/index.html');
  // The page learns the idle timeout from a meta element (no inline script under the CSP).
  const page = index
    ? index.body.toString('utf8').replace('__SESSION_IDLE_TIMEOUT_SECONDS__', String(config.sessionIdleTimeoutSeconds))
    : '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Samverkan</title><p>Konsolen är inte byggd: kör <code>npm run web:build</code>.</p></html>';

  fastify.get('/*', async (request, reply) => {
    const url = request.url.split('?')[0];
    const file = files.get(url);
    if (file && url !== '/index.html') {
      void securityHeaders(reply)
        .type(file.contentType)
        .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
        .header('vary', 'accept-encoding');
      if (file.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
        return reply.header('content-encoding', 'gzip').send(file.gzip);
      return reply.send(file.body);
    }
    // A missing hashed file is a 404, not the page (an old tab after a deploy must not get HTML as JS).
    if (url.startsWith('/assets/') || path.extname(url) !== '') {
      return securityHeaders(reply).code(404).header('cache-control', 'no-store').send(NOT_FOUND);
    }
    // Only a browser asking for a page gets the console; any other client gets the API's neutral 404.
    if (!String(request.headers.accept ?? '').includes('text/html')) return reply.code(404).send(NOT_FOUND);
    return securityHeaders(reply)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      .header('cache-control', 'no-store')
      .send(page);
  });
}
