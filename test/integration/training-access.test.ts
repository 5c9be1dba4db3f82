import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainingService } from '../../src/modules/training/training.service';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

/**
 * Training access beyond the generated matrix: records of another organisation answer NOT_FOUND
 * and change nothing, joint sessions accept partner staff enrolled by their own coordinator, and
 * every user reads their own training record. Also the cases module's certificate gate.
 */

const POLICE = 'Polisen LPO Södra Roslagen';
const DANDERYD = 'Danderyds kommun socialtjänst';
const TABY = 'Täby kommun socialtjänst';

let server: TestServer;
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function token(email: string): Promise<string> {
  tokens[email] ??= await server.login(email);
  return tokens[email];
}

/** A digest of every training table: a denied call must leave it unchanged. */
async function trainingDigest(): Promise<string> {
  const [row] = await server.sql<{ digest: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM staff_member t),
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM course t),
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM training_requirement t),
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM training_session t),
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM enrolment t),
       (SELECT string_agg(t::text, ',' ORDER BY t.id) FROM training_completion t))) AS digest`,
  );
  return row.digest;
}

async function lastEventId(): Promise<string> {
  const [row] = await server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`);
  return row.id;
}

async function staffId(organisation: string, name: string): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `SELECT s.id FROM staff_member s JOIN organisation o ON o.id = s.organisation_id WHERE o.name = $1 AND s.name = $2`,
    [organisation, name],
  );
  return row.id;
}

async function sessionId(organisation: string, code: string): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `SELECT t.id FROM training_session t JOIN organisation o ON o.id = t.organisation_id JOIN course c ON c.id = t.course_id WHERE o.name = $1 AND c.code = $2`,
    [organisation, code],
  );
  return row.id;
}

/** Runs a call that must be denied with `code`; checks nothing changed and the denial was audited. */
async function expectDenied(
  email: string,
  query: string,
  variables: Record<string, unknown>,
  code: 'NOT_FOUND' | 'FORBIDDEN',
): Promise<void> {
  const before = await trainingDigest();
  const since = await lastEventId();
  const res: GqlResponse = await server.gql(query, variables, await token(email));
  expect(
    res.errors?.map((e) => e.extensions?.code),
    JSON.stringify(res.errors),
  ).toEqual([code]);
  expect(JSON.stringify(res.errors)).not.toMatch(/Danderyd|Polis|Täby|staff_member|SELECT/);
  expect(await trainingDigest()).toBe(before);
  const events = await server.sql<{ outcome: string; error_code: string }>(
    `SELECT outcome, error_code FROM audit_event WHERE id > $1 AND error_code IS NOT NULL`,
    [since],
  );
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) {
    expect(e.outcome).toBe('DENIED');
    expect(e.error_code).toBe(code);
  }
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM organisation`))
    orgs[r.name] = r.id;
});

afterAll(async () => {
  await server?.stop();
});

const STAFF = 'query S($id: ID!) { staffMember(id: $id) { id name certificates { course { code } status } } }';
const UPDATE_STAFF = 'mutation U($id: ID!) { updateStaffMember(id: $id, input: { unit: "Annan" }) { id } }';
const DELETE_STAFF = 'mutation D($id: ID!) { deleteStaffMember(id: $id) }';
const SESSION =
  'query T($id: ID!) { trainingSession(id: $id) { id joint enrolledCount enrolments { staffMember { name } } } }';
const ENROL =
  'mutation E($s: ID!, $m: ID!) { enrol(sessionId: $s, staffMemberId: $m) { id status staffMember { name } } }';
const CANCEL = 'mutation C($id: ID!) { cancelEnrolment(enrolmentId: $id) { id status } }';
const RECORD = 'mutation R($input: RecordCompletionInput!) { recordCompletion(input: $input) { status } }';

describe("training: another organisation's records answer NOT_FOUND and change nothing", () => {
  it('staff of the police are not found by the Danderyd coordinator', async () => {
    const police = await staffId(POLICE, 'Sara Holm');
    await expectDenied('utbildning@danderyd.example', STAFF, { id: police }, 'NOT_FOUND');
    await expectDenied('utbildning@danderyd.example', UPDATE_STAFF, { id: police }, 'NOT_FOUND');
    await expectDenied('utbildning@danderyd.example', DELETE_STAFF, { id: police }, 'NOT_FOUND');
    const course = (await server.sql<{ id: string }>(`SELECT id FROM course WHERE code = 'VNR-GRUND'`))[0].id;
    await expectDenied(
      'utbildning@danderyd.example',
      RECORD,
      { input: { staffMemberId: police, courseId: course, completedOn: '2025-01-10' } },
      'NOT_FOUND',
    );
    // …exactly like an id that does not exist
    await expectDenied(
      'utbildning@danderyd.example',
      STAFF,
      { id: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    );
  });

  it("a non-joint session of the police is not found by Danderyd's coordinator; Danderyd cannot enrol police staff", async () => {
    const policeSession = await sessionId(POLICE, 'VNR-GRUND');
    await expectDenied('utbildning@danderyd.example', SESSION, { id: policeSession }, 'NOT_FOUND');
    await expectDenied(
      'utbildning@danderyd.example',
      ENROL,
      { s: policeSession, m: await staffId(DANDERYD, 'Oskar Wallin') },
      'NOT_FOUND',
    );
    const danderydSession = await sessionId(DANDERYD, 'FREDA-KORT');
    await expectDenied(
      'utbildning@danderyd.example',
      ENROL,
      { s: danderydSession, m: await staffId(POLICE, 'Sara Holm') },
      'NOT_FOUND',
    );
  });

  it("an enrolment of another organisation's staff cannot be cancelled", async () => {
    const [enrolment] = await server.sql<{ id: string }>(
      `SELECT e.id FROM enrolment e JOIN staff_member s ON s.id = e.staff_member_id WHERE s.organisation_id = $1 AND e.status = 'ENROLLED' LIMIT 1`,
      [orgs[POLICE]],
    );
    await expectDenied('utbildning@danderyd.example', CANCEL, { id: enrolment.id }, 'NOT_FOUND');
  });

  it('social workers, police liaisons, auditors and admins are FORBIDDEN, audited, nothing changed', async () => {
    const own = await staffId(DANDERYD, 'Oskar Wallin');
    for (const email of [
      'socialsekreterare@danderyd.example',
      'loggkontroll@danderyd.example',
      'admin@danderyd.example',
      'kommunpolis@polisen.example',
    ]) {
      await expectDenied(email, STAFF, { id: own }, 'FORBIDDEN');
      await expectDenied(email, UPDATE_STAFF, { id: own }, 'FORBIDDEN');
      await expectDenied(email, ENROL, { s: await sessionId(DANDERYD, 'HRV'), m: own }, 'FORBIDDEN');
      await expectDenied(email, 'query { trainingCoverage { rows { unit } } }', {}, 'FORBIDDEN');
    }
  });
});

describe('training: joint sessions and own records', () => {
  it("the Danderyd coordinator sees the police's joint session, enrols Danderyd staff, and sees only Danderyd's enrolments", async () => {
    const joint = await sessionId(POLICE, 'SARA:SV');
    const t = await token('utbildning@danderyd.example');
    const res = await server.gql<{ enrol: { status: string; staffMember: { name: string } } }>(
      ENROL,
      { s: joint, m: await staffId(DANDERYD, 'Karin Nyström') },
      t,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.enrol).toEqual({
      id: expect.any(String),
      status: 'ENROLLED',
      staffMember: { name: 'Karin Nyström' },
    });
    const view = await server.gql<{
      trainingSession: { joint: boolean; enrolledCount: number; enrolments: { staffMember: { name: string } }[] };
    }>(SESSION, { id: joint }, t);
    expect(view.data!.trainingSession.joint).toBe(true);
    expect(view.data!.trainingSession.enrolledCount).toBe(4); // three police officers and Karin
    expect(view.data!.trainingSession.enrolments.map((e) => e.staffMember.name)).toEqual(['Karin Nyström']);
    // The police coordinator sees its own staff, not Danderyd's
    const police = await server.gql<{ trainingSession: { enrolments: { staffMember: { name: string } }[] } }>(
      SESSION,
      { id: joint },
      await token('utbildning@polisen.example'),
    );
    expect(police.data!.trainingSession.enrolments.map((e) => e.staffMember.name).sort()).toEqual([
      'Johan Ek',
      'Maria Lindqvist',
      'Sara Holm',
    ]);
  });

  it("the session lists show own sessions and partners' joint ones only", async () => {
    const res = await server.gql<{
      trainingSessions: { totalCount: number; edges: { node: { organisationId: string; joint: boolean } }[] };
    }>(
      'query { trainingSessions(first: 50) { totalCount edges { node { organisationId joint } } } }',
      {},
      await token('utbildning@danderyd.example'),
    );
    const nodes = res.data!.trainingSessions.edges.map((e) => e.node);
    expect(nodes.length).toBe(res.data!.trainingSessions.totalCount);
    for (const n of nodes)
      expect(n.organisationId === orgs[DANDERYD] || (n.joint && n.organisationId === orgs[POLICE])).toBe(true);
    expect(nodes.some((n) => n.organisationId === orgs[POLICE])).toBe(true);
  });

  it('every user reads their own training record; one without a staff link gets an empty record', async () => {
    const q =
      'query { myTrainingRecord { staffMember { name } certificates { course { code } status required expiresOn } } }';
    type Rec = {
      myTrainingRecord: {
        staffMember: { name: string } | null;
        certificates: { course: { code: string }; status: string; required: boolean }[];
      };
    };
    const sw = await server.gql<Rec>(q, {}, await token('socialsekreterare@danderyd.example'));
    expect(sw.errors).toBeUndefined();
    expect(sw.data!.myTrainingRecord.staffMember?.name).toBe('Socialsekreterare Danderyd');
    expect(sw.data!.myTrainingRecord.certificates).toContainEqual(
      expect.objectContaining({ course: { code: 'FREDA-FARLIG' }, status: 'VALID', required: true }),
    );
    const lp = await server.gql<Rec>(q, {}, await token('kommunpolis@polisen.example'));
    expect(lp.data!.myTrainingRecord.certificates).toContainEqual(
      expect.objectContaining({ course: { code: 'SARA:SV' }, status: 'VALID', required: true }),
    );
    const admin = await server.gql<Rec>(q, {}, await token('admin@danderyd.example'));
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.myTrainingRecord).toEqual({ staffMember: null, certificates: [] });
  });

  it('hasValidCertificate: the gate the cases module calls', async () => {
    const service = new TrainingService(server.runtime.dataSource).certificates;
    const [sw] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`,
    );
    const [lp] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'kommunpolis@polisen.example'`,
    );
    const [admin] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = 'admin@danderyd.example'`);
    expect(await service.hasValidCertificate(sw.id, 'FREDA-FARLIG')).toBe(true);
    expect(await service.hasValidCertificate(sw.id, 'SARA:SV')).toBe(false);
    expect(await service.hasValidCertificate(lp.id, 'SARA:SV')).toBe(true);
    expect(await service.hasValidCertificate(admin.id, 'FREDA-FARLIG')).toBe(false); // no staff link
    expect(await service.hasValidCertificate(sw.id, 'NO-SUCH-COURSE')).toBe(false);
    expect(await service.hasValidCertificate('not-a-uuid', 'FREDA-FARLIG')).toBe(false);
    // on a date far ahead the 24-month certificate has expired
    expect(await service.hasValidCertificate(sw.id, 'FREDA-FARLIG', '2099-01-01')).toBe(false);
    // …and before it was taken it did not exist yet
    expect(await service.hasValidCertificate(sw.id, 'FREDA-FARLIG', '2000-01-01')).toBe(false);
  });

  it('the seed makes every status occur', async () => {
    const t = await token('utbildning@danderyd.example');
    const res = await server.gql<{
      trainingCoverage: { rows: { valid: number; expiring: number; expired: number; missing: number }[] };
    }>('query { trainingCoverage { rows { valid expiring expired missing } } }', {}, t);
    const sum = (k: 'valid' | 'expiring' | 'expired' | 'missing') =>
      res.data!.trainingCoverage.rows.reduce((n, r) => n + r[k], 0);
    for (const k of ['valid', 'expiring', 'expired', 'missing'] as const) expect(sum(k), k).toBeGreaterThan(0);
  });

  it('a staff member links only to a login of its own organisation, at most once', async () => {
    const t = await token('utbildning@danderyd.example');
    const [taby] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'socialsekreterare@taby.example'`,
    );
    const [sw] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`,
    );
    const create = 'mutation C($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }';
    const other = await server.gql(
      create,
      { input: { name: 'Ny', unit: 'Vuxenenheten', title: 'Socialsekreterare', userId: taby.id } },
      t,
    );
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const twice = await server.gql(
      create,
      { input: { name: 'Ny', unit: 'Vuxenenheten', title: 'Socialsekreterare', userId: sw.id } },
      t,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(orgs[TABY]).toBeDefined();
  });
});
