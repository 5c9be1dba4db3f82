import { afterAll, beforeAll, expect } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from './test-server';

/** Helpers shared by the cases tests: tokens, seeded ids, a digest of every case table, denial checks. */
export const SW = 'socialsekreterare@danderyd.example';
export const PL = 'kommunpolis@polisen.example';
export const TABY_SW = 'socialsekreterare@taby.example';
export const DANDERYD_AUDITOR = 'loggkontroll@danderyd.example';
export const POLICE_AUDITOR = 'loggkontroll@polisen.example';
export const DANDERYD_ADMIN = 'admin@danderyd.example';
export const POLICE_ADMIN = 'admin@polisen.example';

const CASE_TABLES = [
  'case_file',
  'case_member',
  'case_external_reference',
  'case_share',
  'case_task',
  'case_meeting',
  'case_note',
  'risk_assessment',
  'case_break_glass',
  'case_history',
];

export interface CasesFixture {
  server: TestServer;
  token(email: string): Promise<string>;
  orgId(name: 'police' | 'danderyd' | 'taby'): Promise<string>;
  userId(email: string): Promise<string>;
  /** The seeded Danderyd cases: shared on a statutory ground, shared under consent, own only. */
  seeded(): Promise<{ statutory: string; consent: string; own: string; statutoryShare: string; consentShare: string }>;
  /** A new login with one role, made by the organisation's admin through the API. */
  newUser(adminEmail: string, role: string): Promise<{ email: string; id: string; token: string }>;
  digest(): Promise<string>;
  lastEventId(): Promise<string>;
  /** A call that must be refused with `code`: no data, nothing changed, every event DENIED with that code. */
  expectDenied(
    email: string,
    query: string,
    variables: Record<string, unknown>,
    code: 'NOT_FOUND' | 'FORBIDDEN',
  ): Promise<GqlResponse>;
  ok<T>(email: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

let unique = 0;

export function casesFixture(server: () => TestServer): CasesFixture {
  const tokens = new Map<string, string>();
  const f: CasesFixture = {
    get server() {
      return server();
    },
    async token(email) {
      let t = tokens.get(email);
      if (!t) {
        t = await server().login(email);
        tokens.set(email, t);
      }
      return t;
    },
    async orgId(name) {
      const full = {
        police: 'Polisen LPO Södra Roslagen',
        danderyd: 'Danderyds kommun socialtjänst',
        taby: 'Täby kommun socialtjänst',
      }[name];
      return (await server().sql<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [full]))[0].id;
    },
    async userId(email) {
      return (await server().sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
    },
    async seeded() {
      const danderyd = await f.orgId('danderyd');
      const rows = await server().sql<{
        id: string;
        risk_level: string;
        status: string;
        share_id: string | null;
        basis_kind: string | null;
      }>(
        `SELECT c.id, c.risk_level, c.status, s.id AS share_id, s.basis_kind FROM case_file c LEFT JOIN case_share s ON s.case_id = c.id
          WHERE c.owner_organisation_id = $1 ORDER BY c.opened_at`,
        [danderyd],
      );
      const statutory = rows.find((r) => r.basis_kind === 'STATUTORY')!;
      const consent = rows.find((r) => r.basis_kind === 'CONSENT')!;
      const own = rows.find((r) => r.basis_kind === null && r.status === 'OPEN' && r.risk_level === 'LOW')!;
      return {
        statutory: statutory.id,
        consent: consent.id,
        own: own.id,
        statutoryShare: statutory.share_id!,
        consentShare: consent.share_id!,
      };
    },
    async newUser(adminEmail, role) {
      const email = `case-user-${Date.now().toString(36)}-${unique++}@example.invalid`;
      const password = `case-test-passphrase-${unique}`;
      const res = await server().gql<{ createUser: { id: string } }>(
        'mutation C($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email, displayName: 'Testhandläggare', password, roles: [role] } },
        await f.token(adminEmail),
      );
      if (!res.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(res.errors)}`);
      // The administrator's password is temporary: the user sets their own before the first login.
      const own = `${password}-own`;
      const changed = await server().gql<{ changePassword: boolean }>(
        'mutation P($email: String!, $current: String!, $next: String!) { changePassword(email: $email, currentPassword: $current, newPassword: $next) }',
        { email, current: password, next: own },
      );
      const working = changed.data?.changePassword === true ? own : password;
      return { email, id: res.data.createUser.id, token: await server().login(email, working) };
    },
    async digest() {
      const parts = CASE_TABLES.map(
        (t) =>
          `(SELECT count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') FROM "${t}" x)`,
      );
      const [row] = await server().sql<{ digest: string }>(`SELECT concat_ws('|', ${parts.join(', ')}) AS digest`);
      return row.digest;
    },
    async lastEventId() {
      const [row] = await server().sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`);
      return row.id;
    },
    async expectDenied(email, query, variables, code) {
      const token = await tokenOrRaw(f, email); // a first login is an event of its own
      const before = await f.digest();
      const since = await f.lastEventId();
      const res: GqlResponse = await server().gql(query, variables, token);
      expect(
        res.errors?.map((e) => e.extensions?.code),
        JSON.stringify(res.errors),
      ).toEqual([code]);
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
      expect(await f.digest(), 'a denied call changed case data').toBe(before);
      const events = await server().sql<{ outcome: string; error_code: string }>(
        `SELECT outcome, error_code FROM audit_event WHERE id > $1`,
        [since],
      );
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect([e.outcome, e.error_code]).toEqual(['DENIED', code]);
      return res;
    },
    async ok(email, query, variables = {}) {
      const res = await server().gql(query, variables, await tokenOrRaw(f, email));
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data as never;
    },
  };
  return f;
}

/** A token by e-mail (demo users), or the value itself when it is already a token (users made in a test). */
async function tokenOrRaw(f: CasesFixture, emailOrToken: string): Promise<string> {
  return emailOrToken.includes('@') ? f.token(emailOrToken) : emailOrToken;
}

/** A fixture over a server with the demo data, started before this file's tests and stopped after them. */
export function seededCasesFixture(): CasesFixture {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return casesFixture(() => server!);
}
