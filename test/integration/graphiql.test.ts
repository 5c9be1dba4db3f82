import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The page's src/href references (inline `data:` ones apart), and any absolute URL anywhere in it. */
function references(html: string): { local: string[]; inline: string[]; external: string[] } {
  const all = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1].replace(/&#38;/g, '&'));
  const external = [...html.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi)].map((m) => m[0]);
  return {
    local: all.filter((r) => !r.startsWith('data:')),
    inline: all.filter((r) => r.startsWith('data:')),
    external,
  };
}

describe('GraphiQL IDE in development', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the IDE page at GET /graphql to a browser, referencing only local assets', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');
    const { local, inline, external } = references(html);
    expect(external).toEqual([]);
    expect(inline).toEqual(['data:,']); // the empty favicon, so that the browser asks for no /favicon.ico
    expect(local.length).toBeGreaterThanOrEqual(5);
    for (const ref of local) expect(ref).toMatch(/^\/graphiql\/assets\/[a-z0-9.-]+\.(js|css)\?v=[\w.-]+$/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline script: the CSP allows none
  });

  it('serves each referenced asset with its content type and a long cache lifetime', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
    const { local } = references(html);
    const names = local.map((ref) => new URL(ref, server.url).pathname.split('/').pop());
    expect(names).toEqual(
      expect.arrayContaining([
        'graphiql.min.css',
        'react.production.min.js',
        'react-dom.production.min.js',
        'graphiql.min.js',
        'samverkan-graphiql.js',
      ]),
    );
    for (const ref of local) {
      const response = await fetch(new URL(ref, server.url));
      expect(response.status, ref).toBe(200);
      const type = response.headers.get('content-type') ?? '';
      if (ref.includes('.css')) expect(type).toMatch(/^text\/css/);
      else expect(type).toMatch(/^text\/javascript/);
      expect(response.headers.get('cache-control')).toContain('max-age=31536000');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
    }
  });

  it('the boot script points GraphiQL at /graphql with an editable Authorization header', async () => {
    const body = await (await fetch(`${server.url}/graphiql/assets/samverkan-graphiql.js`)).text();
    expect(body).toContain("createFetcher({ url: '/graphql' })");
    expect(body).toContain('Authorization');
    expect(body).toContain('isHeadersEditorEnabled: true');
  });

  it('serves nothing outside the allow-list', async () => {
    for (const name of [
      'graphiql.min.js.map',
      'package.json',
      '..%2F..%2Fpackage.json',
      '%2E%2E%2Fsrc%2Fmain.ts',
      'index.js',
    ]) {
      const response = await fetch(`${server.url}/graphiql/assets/${name}`);
      expect(response.status, name).toBe(404);
    }
  });

  it('still answers GraphQL at /graphql (a JSON GET query and POST) next to the page', async () => {
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await server.gql('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
  });
});

describe.each(['production', 'test'])('GraphiQL IDE with NODE_ENV=%s', (nodeEnv) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: nodeEnv } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('does not serve the IDE page or its assets', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    const body = await response.text();
    expect(body).not.toContain('graphiql');
    expect(response.status).toBeGreaterThanOrEqual(400);
    const asset = await fetch(`${server.url}/graphiql/assets/graphiql.min.js`);
    expect(asset.status).toBe(404);
  });
});
