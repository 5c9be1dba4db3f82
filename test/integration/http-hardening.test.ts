import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * HTTP hardening through the public API: security headers, CORS allow-list, a neutral 404, slow
 * clients closed by the timeouts, deeply nested JSON refused, the cost limit with page sizes given as
 * variables, limits that name themselves and what to do, and invisible characters in names and titles.
 */
const SW = 'socialsekreterare@danderyd.example';
const AUDITOR = 'loggkontroll@danderyd.example';
const COORDINATOR = 'utbildning@danderyd.example';
const ALLOWED_ORIGIN = 'https://intranet.danderyd.example';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    seed: true,
    env: {
      CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
      HTTP_REQUEST_TIMEOUT_MS: '1500',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
    },
  });
});
afterAll(async () => {
  await server?.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

describe('security headers', () => {
  it('every answer carries headers suited to an API, and names no framework', async () => {
    const response = await post({ query: '{ __typename }' });
    expect(response.status).toBe(200);
    const h = response.headers;
    expect(h.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(h.get('cache-control')).toBe('no-store');
    expect(h.get('x-powered-by')).toBeNull();
    expect(h.get('server')).toBeNull();
  });

  it('an unknown path answers a neutral 404 in the API error shape', async () => {
    const response = await fetch(`${server.url}/wp-admin/setup.php?x=1`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    expect(text).not.toMatch(/fastify|Route|wp-admin/i);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('CORS allow-list', () => {
  it('answers a preflight from an allowed origin, with the headers a browser client needs', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives an origin not on the list no CORS headers, so a browser withholds the answer', async () => {
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(500);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const request = await post({ query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an allowed origin reads the answer and the request id', async () => {
    const response = await post({ query: '{ __typename }' }, { origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});

/** Sends `payload` on a raw socket and waits until the server closes it (at most `limitMs`). */
function untilClosed(payload: string, limitMs: number): Promise<{ afterMs: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const url = new URL(server.url);
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(payload));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after ${limitMs} ms`));
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ afterMs: Date.now() - started, received });
    });
  });
}

describe('slow clients', () => {
  it('closes connections that sent the headers and part of the body (request timeout 1.5 s here)', async () => {
    const partial = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ __typ`;
    const results = await Promise.all(Array.from({ length: 20 }, () => untilClosed(partial, 8_000)));
    for (const r of results) {
      expect(r.afterMs).toBeGreaterThanOrEqual(1_400);
      expect(r.afterMs).toBeLessThan(5_000);
      expect(r.received).toMatch(/^HTTP\/1\.1 408 /);
    }
  });

  it('closes connections that never finish their headers (headers timeout 1 s here)', async () => {
    const r = await untilClosed('GET /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ', 8_000);
    expect(r.afterMs).toBeLessThan(4_000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408 |^$/);
  });

  it('still serves a complete request', async () => {
    const response = await post({ query: '{ __typename }' });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('deeply nested JSON', () => {
  const deep = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('refuses variables nested 5,000 levels deep (500 in a GET, whose URL is shorter) with 400 naming the limit', async () => {
    const body = `{"query":"query Q($v: String) { __typename }","variables":{"v":${deep(5000)}}}`;
    const response = await post(body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as Body;
    expect(json.errors).toEqual([
      {
        message: 'JSON is nested more than 32 levels deep (the JSON depth limit); send flatter variables.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    const get = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('query Q($v: String) { __typename }')}&variables=${encodeURIComponent(`{"v":${deep(500)}}`)}`,
    );
    expect(get.status).toBe(400);
    expect(((await get.json()) as Body).errors?.[0]?.message).toMatch(/JSON depth limit/);
    // Nesting at the limit is parsed (and then judged by GraphQL as usual).
    const fits = await post(`{"query":"query Q($v: String) { __typename }","variables":{"v":${deep(30)}}}`);
    expect(fits.status).toBe(400);
    const fitsError = ((await fits.json()) as Body).errors?.[0];
    expect(fitsError?.message).not.toMatch(/JSON depth limit/);
    expect(fitsError?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('request limits', () => {
  const activities = (first: string): string =>
    Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: preventionActivities(first: ${first}) { edges { node { id title type status startsAt endsAt peopleReached description outcomeNotes createdAt updatedAt visibility owner { id name kind } area { id name } } } }`,
    ).join(' ');

  it('counts a page size given as a variable exactly like the literal', async () => {
    const token = await server.login(SW);
    const auth = { authorization: `Bearer ${token}` };
    const literal = (await (await post({ query: `{ ${activities('100')} }` }, auth)).json()) as Body;
    const variable = (await (
      await post({ query: `query Q($n: Int) { ${activities('$n')} }`, variables: { n: 100 } }, auth)
    ).json()) as Body;
    const byDefault = (await (
      await post({ query: `query Q($n: Int = 100) { ${activities('$n')} }` }, auth)
    ).json()) as Body;
    for (const body of [literal, variable, byDefault]) {
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(literal.errors?.[0]?.message).toMatch(
      /^Query's estimated cost is \d+; the cost limit is 25000\. Ask for smaller pages \(first\)/,
    );
    expect(variable.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
    expect(byDefault.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
    // The same document with small pages is served.
    const small = (await (
      await post({ query: `query Q($n: Int) { ${activities('$n')} }`, variables: { n: 10 } }, auth)
    ).json()) as Body;
    expect(small.errors).toBeUndefined();
  });

  it('accepts the documented largest pages with their relations', async () => {
    const sw = { authorization: `Bearer ${await server.login(SW)}` };
    const page = (await (
      await post(
        {
          query: `{ preventionActivities(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title type status startsAt
            owner { id name kind } area { id name } place { id name } commitment { id title } } } }
            cases(first: 100) { totalCount edges { node { id riskLevel status openedAt owner { name } tasks { id title status dueOn } latestAssessment { id assessedOn } } } } }`,
        },
        sw,
      )
    ).json()) as Body;
    expect(page.errors).toBeUndefined();
    expect((page.data?.preventionActivities as { edges: unknown[] }).edges).toHaveLength(100);

    const auditor = { authorization: `Bearer ${await server.login(AUDITOR)}` };
    const events = (await (
      await post(
        {
          query: `{ auditEvents(first: 500) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id occurredAt requestId actorId
            actorOrganisationId actorRoles clientAddress operationType operationName fields entityType entityIds entityOrganisationIds action
            outcome errorCode purpose } } } }`,
        },
        auditor,
      )
    ).json()) as Body;
    expect(events.errors).toBeUndefined();
  });

  it('names the token limit and what to do, not a bare syntax error', async () => {
    const body = (await (await post({ query: `{ ${'__typename '.repeat(2100)} }` })).json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0]?.message).toBe(
      'Query has more than 2000 tokens; the token limit is 2000. Send a shorter document (fewer fields and arguments), or split it into several requests.',
    );
  });
});

describe('zero-width and direction-override characters in names and titles', () => {
  it('refuses them in place names and activity titles, as variables and as literals, and stores nothing', async () => {
    const token = await server.login(SW);
    const areas = await server.gql<{ areas: { id: string; name: string }[] }>('{ areas { id name } }', {}, token);
    const areaId = areas.data!.areas.find((a) => a.name === 'Danderyd')!.id;
    const before = await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM place');
    for (const ch of ['\u200B', '\u200D', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\uFEFF']) {
      const name = `Vende${ch}vägen`;
      const byVariable = await server.gql(
        'mutation P($input: CreatePlaceInput!) { createPlace(input: $input) { id } }',
        { input: { areaId, name } },
        token,
      );
      expect(byVariable.errors?.[0]?.extensions, `U+${ch.charCodeAt(0).toString(16)}`).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'ARGUMENT_CONSTRAINT',
      });
      const byLiteral = await server.gql(
        `mutation { createPlace(input: { areaId: "${areaId}", name: ${JSON.stringify(name)} }) { id } }`,
        {},
        token,
      );
      expect(byLiteral.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const title = await server.gql(
      'mutation A($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }',
      {
        input: {
          title: 'Trygghetsvandring \u202Egnivdnav',
          type: 'SAFETY_WALK',
          areaId,
          startsAt: '2026-01-10T17:00:00Z',
        },
      },
      token,
    );
    expect(title.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM place')).toEqual(before);
    // Ordinary Swedish text passes.
    const ok = await server.gql<{ createPlace: { id: string } }>(
      'mutation P($input: CreatePlaceInput!) { createPlace(input: $input) { id } }',
      { input: { areaId, name: 'Östra Ängbyvägen – torget' } },
      token,
    );
    expect(ok.errors).toBeUndefined();
  });

  it('refuses them in names and titles of a staff CSV import, naming the line', async () => {
    const token = await server.login(COORDINATOR);
    const csv = 'name,unit,title\nAnna Andersson,Enhet A,Socialsekreterare\nBo\u200B Berg,Enhet A,Socialsekreterare\n';
    const res = await server.gql<{
      importStaffMembers: { imported: number; rejected: { line: number; reason: string }[] };
    }>(
      'mutation I($csv: String!) { importStaffMembers(csv: $csv) { imported rejected { line reason } } }',
      { csv },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importStaffMembers.imported).toBe(0);
    expect(res.data!.importStaffMembers.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^name must not contain zero-width or text-direction characters/) },
    ]);
  });
});
