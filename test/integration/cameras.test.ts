import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInSweden } from '../../src/modules/training/certification-status';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

/**
 * Camera surveillance at Vendevägen as a measure of its own (issue #25): the safety function's
 * cameras with their permits and outages, the police's footage requests and the owner's decisions,
 * the history both sides and their auditors see, and the yearly follow-up.
 */

const PL = 'kommunpolis@polisen.example';
const SC = 'trygghet@danderyd.example';
const SW = 'socialsekreterare@danderyd.example';
const POLICE_AUDITOR = 'loggkontroll@polisen.example';
const DANDERYD_AUDITOR = 'loggkontroll@danderyd.example';
const TABY_SW = 'socialsekreterare@taby.example';

let server: TestServer;
const tokens = new Map<string, string>();
const token = async (who: string): Promise<string> => {
  if (!who.includes('@')) return who;
  if (!tokens.has(who)) tokens.set(who, await server.login(who));
  return tokens.get(who)!;
};
const as = async <T = Record<string, unknown>>(
  who: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> => server.gql<T>(query, variables, await token(who));
const ok = async <T>(who: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
  const res = await as<T>(who, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const errorOf = (res: GqlResponse): { code?: unknown; reason?: unknown; field?: unknown } => ({
  code: res.errors?.[0]?.extensions?.code,
  reason: res.errors?.[0]?.extensions?.reason,
  field: res.errors?.[0]?.extensions?.field,
});
const hours = (n: number): string => new Date(Date.now() + n * 3_600_000).toISOString();

const CAMERA = `id name coverage retentionDays operatingSince decommissionedOn status
  permit { reference decidedOn validUntil conditions status } outages { id startedOn endedOn note }
  place { name } owner { name }`;
const REQUEST = `id cameraId cameraName windowStart windowEnd reason incidentNumber caseId status requestedAt decidedAt
  decisionNote outOfOrderDuringWindow requestingOrganisation { name } ownerOrganisation { name }
  history { step status at note organisation { name } }`;
const CAMERAS = `query C($placeId: ID) { cameras(placeId: $placeId) { ${CAMERA} } }`;
const ONE_CAMERA = `query C($id: ID!) { camera(id: $id) { ${CAMERA} } }`;
const CREATE_CAMERA = `mutation C($input: CreateCameraInput!) { createCamera(input: $input) { ${CAMERA} } }`;
const UPDATE_CAMERA = `mutation U($id: ID!, $input: UpdateCameraInput!) { updateCamera(id: $id, input: $input) { ${CAMERA} } }`;
const OUTAGE = `mutation O($cameraId: ID!, $input: CameraOutageInput!) { recordCameraOutage(cameraId: $cameraId, input: $input) { ${CAMERA} } }`;
const END_OUTAGE = `mutation E($outageId: ID!, $endedOn: Date!) { endCameraOutage(outageId: $outageId, endedOn: $endedOn) { ${CAMERA} } }`;
const REQUEST_FOOTAGE = `mutation R($input: FootageRequestInput!) { requestFootage(input: $input) { ${REQUEST} } }`;
const DECIDE = `mutation D($id: ID!, $input: FootageDecisionInput!) { decideFootageRequest(id: $id, input: $input) { ${REQUEST} } }`;
const WITHDRAW = `mutation W($id: ID!) { withdrawFootageRequest(id: $id) { ${REQUEST} } }`;
const REQUESTS = `query L($filter: FootageRequestFilter) { footageRequests(filter: $filter, first: 100) { ${REQUEST} } }`;
const ONE_REQUEST = `query R($id: ID!) { footageRequest(id: $id) { ${REQUEST} } }`;
const FOLLOW_UP = `query F($id: ID!, $year: Int!) { commitmentFollowUp(commitmentId: $id, year: $year) {
  periods { activities } cameras { cameraId name daysInOperation footageRequestsReceived footageRequestsHandedOver permitValidUntil permitStatus place { name } } } }`;

interface Camera {
  id: string;
  name: string;
  status: string;
  permit: { status: string; validUntil: string };
  outages: { id: string; startedOn: string; endedOn: string | null }[];
  place: { name: string };
  owner: { name: string };
}
interface Request {
  id: string;
  cameraId: string;
  cameraName: string;
  status: string;
  caseId: string | null;
  decisionNote: string | null;
  outOfOrderDuringWindow: boolean;
  history: { step: string; status: string; note: string | null; organisation: { name: string } }[];
}
interface FollowUpCamera {
  name: string;
  daysInOperation: number;
  footageRequestsReceived: number;
  footageRequestsHandedOver: number;
  permitStatus: string;
}

async function cameraId(name: string): Promise<string> {
  return (await server.sql<{ id: string }>(`SELECT id FROM camera WHERE name = $1`, [name]))[0].id;
}
async function counts(): Promise<string> {
  const [row] = await server.sql<{ c: string }>(
    `SELECT concat_ws(':', (SELECT count(*) FROM camera), (SELECT count(*) FROM camera_outage),
       (SELECT count(*) FROM footage_request), (SELECT count(*) FROM footage_request_event),
       (SELECT md5(string_agg(md5(f::text), '' ORDER BY f.id)) FROM footage_request f)) AS c`,
  );
  return row.c;
}
async function lastEventId(): Promise<string> {
  return (await server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;
}
/** Refused with `code`: no data, nothing changed, and every event of the call DENIED with that code. */
async function expectDenied(who: string, query: string, variables: Record<string, unknown>, code: string) {
  const t = await token(who);
  const before = await counts();
  const since = await lastEventId();
  const res = await server.gql(query, variables, t);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
  expect(await counts()).toBe(before);
  const events = await server.sql<{ outcome: string; error_code: string }>(
    `SELECT outcome, error_code FROM audit_event WHERE id > $1`,
    [since],
  );
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect([e.outcome, e.error_code]).toEqual(['DENIED', code]);
}
/** A user with one role in the named organisation, able to log in with the demo password. */
async function userWithRole(organisation: string, role: string): Promise<string> {
  const email = `camera-${role.toLowerCase()}-${Date.now().toString(36)}@example.invalid`;
  const [user] = await server.sql<{ id: string }>(
    `INSERT INTO app_user (organisation_id, email, display_name, password_hash)
     SELECT o.id, $2, 'Testanvändare', (SELECT password_hash FROM app_user WHERE email = $3) FROM organisation o WHERE o.name = $1 RETURNING id`,
    [organisation, email, SC],
  );
  await server.sql(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [user.id, role]);
  return server.login(email);
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
});

afterAll(async () => {
  await server?.stop();
});

describe('cameras', () => {
  it("the police liaison and the safety coordinator see Vendevägen's two cameras with permit and status; others see nothing", async () => {
    for (const who of [PL, SC]) {
      const { cameras } = await ok<{ cameras: Camera[] }>(who, CAMERAS);
      expect(cameras.map((c) => [c.name, c.place.name, c.owner.name])).toEqual([
        ['Vendevägen, busshållplatsen', 'Vendevägen', 'Danderyds kommun trygghet och säkerhet'],
        ['Vendevägen, gångtunneln', 'Vendevägen', 'Danderyds kommun trygghet och säkerhet'],
      ]);
      const tunnel = cameras[1];
      expect(tunnel.permit.validUntil).toBe('2027-02-15');
      const today = todayInSweden();
      const daysLeft = Math.round((Date.parse('2027-02-15') - Date.parse(today)) / 86_400_000);
      expect(tunnel.permit.status).toBe(daysLeft < 0 ? 'EXPIRED' : daysLeft <= 90 ? 'EXPIRES_SOON' : 'VALID');
      expect(tunnel.outages.map((o) => [o.startedOn, o.endedOn])).toEqual([['2025-03-10', '2025-03-24']]);
    }
    for (const who of [SW, TABY_SW, DANDERYD_AUDITOR, 'admin@danderyd.example', 'utbildning@polisen.example'])
      await expectDenied(who, CAMERAS, {}, 'FORBIDDEN');
    await expectDenied(SW, ONE_CAMERA, { id: await cameraId('Vendevägen, busshållplatsen') }, 'FORBIDDEN');
  });

  it('the safety coordinator records a camera with its permit; a permit within 90 days of its end is flagged, an ended one is EXPIRED', async () => {
    const [place] = await server.sql<{ id: string }>(`SELECT id FROM place WHERE name = 'Vendevägen'`);
    const today = todayInSweden();
    const inDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
    const input = {
      placeId: place.id,
      name: 'Vendevägen, infarten',
      coverage: 'Infarten från Vendevägen till parkeringen.',
      permitReference: 'KS 2026/0012',
      permitDecidedOn: inDays(-400),
      permitValidUntil: inDays(30),
      permitConditions: 'Sparas högst 7 dagar.',
      retentionDays: 7,
      operatingSince: inDays(-300),
    };
    const { createCamera } = await ok<{ createCamera: Camera }>(SC, CREATE_CAMERA, { input });
    expect(createCamera).toMatchObject({ name: 'Vendevägen, infarten', status: 'IN_OPERATION' });
    expect(createCamera.permit.status).toBe('EXPIRES_SOON');
    // The mutation answers what a fresh read shows.
    expect((await ok<{ camera: Camera }>(SC, ONE_CAMERA, { id: createCamera.id })).camera).toEqual(createCamera);
    const expired = await ok<{ updateCamera: Camera }>(SC, UPDATE_CAMERA, {
      id: createCamera.id,
      input: { permitValidUntil: inDays(-3) },
    });
    expect(expired.updateCamera.permit.status).toBe('EXPIRED');
    // A footage request for a window when no permit covered the camera is refused: no footage may exist.
    const res = await as(PL, REQUEST_FOOTAGE, {
      input: { cameraId: createCamera.id, windowStart: hours(-26), windowEnd: hours(-25), reason: 'Misshandel.' },
    });
    expect(errorOf(res)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PERMIT_NOT_VALID_FOR_WINDOW',
      field: 'windowStart',
    });
    // Bad dates are refused with the field named.
    const bad = await as(SC, CREATE_CAMERA, { input: { ...input, name: 'X', permitValidUntil: inDays(-500) } });
    expect(errorOf(bad)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PERMIT_ENDS_BEFORE_DECISION',
      field: 'permitValidUntil',
    });
    const retention = await as(SC, CREATE_CAMERA, { input: { ...input, name: 'Y', retentionDays: 0 } });
    expect(errorOf(retention)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'retentionDays' });
  });

  it('only the owner manages a camera: the police may not, and a camera of another organisation is NOT_FOUND', async () => {
    const id = await cameraId('Vendevägen, busshållplatsen');
    await expectDenied(PL, UPDATE_CAMERA, { id, input: { coverage: 'Ändrad' } }, 'FORBIDDEN');
    const otherCoordinator = await userWithRole('Polisen LPO Södra Roslagen', 'AUDITOR');
    await expectDenied(otherCoordinator, UPDATE_CAMERA, { id, input: { coverage: 'Ändrad' } }, 'FORBIDDEN');
    // A safety coordinator of another organisation (a second safety function) answers NOT_FOUND.
    await server.sql(
      `INSERT INTO organisation (name, kind) VALUES ('Täby kommun trygghet', 'SAFETY_FUNCTION') ON CONFLICT DO NOTHING`,
    );
    const taby = await userWithRole('Täby kommun trygghet', 'SAFETY_COORDINATOR');
    await expectDenied(taby, UPDATE_CAMERA, { id, input: { coverage: 'Ändrad' } }, 'NOT_FOUND');
    await expectDenied(taby, ONE_CAMERA, { id }, 'NOT_FOUND');
  });

  it('an outage makes the camera OUT_OF_ORDER, is flagged on requests whose window it covers, and ends', async () => {
    const id = await cameraId('Vendevägen, gångtunneln');
    const today = todayInSweden();
    const future = await as(SC, OUTAGE, {
      cameraId: id,
      input: { startedOn: '2099-01-01', note: 'Planerat' },
    });
    expect(errorOf(future)).toMatchObject({ reason: 'OUTAGE_IN_FUTURE', field: 'startedOn' });
    const started = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const { recordCameraOutage } = await ok<{ recordCameraOutage: Camera }>(SC, OUTAGE, {
      cameraId: id,
      input: { startedOn: started, note: 'Kameran svarar inte.' },
    });
    expect(recordCameraOutage.status).toBe('OUT_OF_ORDER');
    const open = recordCameraOutage.outages.find((o) => o.endedOn === null)!;
    const second = await as(SC, OUTAGE, { cameraId: id, input: { startedOn: started, note: 'Igen' } });
    expect(errorOf(second)).toMatchObject({ reason: 'OUTAGE_ALREADY_OPEN' });
    const { requestFootage } = await ok<{ requestFootage: Request }>(PL, REQUEST_FOOTAGE, {
      input: { cameraId: id, windowStart: hours(-30), windowEnd: hours(-28), reason: 'Rån i gångtunneln.' },
    });
    expect(requestFootage.outOfOrderDuringWindow).toBe(true);
    const { endCameraOutage } = await ok<{ endCameraOutage: Camera }>(SC, END_OUTAGE, {
      outageId: open.id,
      endedOn: today,
    });
    expect(endCameraOutage.outages.find((o) => o.id === open.id)!.endedOn).toBe(today);
    const again = await as(SC, END_OUTAGE, { outageId: open.id, endedOn: today });
    expect(errorOf(again)).toMatchObject({ reason: 'OUTAGE_ALREADY_ENDED' });
    await ok(PL, WITHDRAW, { id: requestFootage.id });
  });
});

describe('footage requests', () => {
  it('the police request footage for a window last week, the safety coordinator hands it over, both see the history, the auditors each step, the follow-up counts it', async () => {
    const camera = await cameraId('Vendevägen, busshållplatsen');
    const [commitment] = await server.sql<{ id: string }>(
      `SELECT id FROM commitment WHERE title = 'Kamerabevakning vid Vendevägen'`,
    );
    const year = Number(todayInSweden().slice(0, 4));
    const before = (
      await ok<{ commitmentFollowUp: { cameras: FollowUpCamera[] } }>(SW, FOLLOW_UP, {
        id: commitment.id,
        year,
      })
    ).commitmentFollowUp.cameras.find((c) => c.name === 'Vendevägen, busshållplatsen')!;

    const { requestFootage } = await ok<{ requestFootage: Request }>(PL, REQUEST_FOOTAGE, {
      input: {
        cameraId: camera,
        windowStart: hours(-7 * 24 - 3),
        windowEnd: hours(-7 * 24),
        reason: 'Misshandel vid busshållplatsen, gärningspersonens flyktväg.',
        incidentNumber: '5000-K12345-26',
      },
    });
    expect(requestFootage).toMatchObject({
      cameraName: 'Vendevägen, busshållplatsen',
      status: 'REQUESTED',
      outOfOrderDuringWindow: false,
    });
    expect(requestFootage.history.map((h) => [h.step, h.organisation.name])).toEqual([
      ['REQUESTED', 'Polisen LPO Södra Roslagen'],
    ]);
    // The owner finds it among the requests awaiting a decision.
    const waiting = await ok<{ footageRequests: Request[] }>(SC, REQUESTS, { filter: { statuses: ['REQUESTED'] } });
    expect(waiting.footageRequests.map((r) => r.id)).toContain(requestFootage.id);
    // The police may not decide; another safety function does not see it.
    await expectDenied(PL, DECIDE, { id: requestFootage.id, input: { outcome: 'HANDED_OVER' } }, 'FORBIDDEN');

    const { decideFootageRequest } = await ok<{ decideFootageRequest: Request }>(SC, DECIDE, {
      id: requestFootage.id,
      input: { outcome: 'HANDED_OVER', note: 'Överlämnat på USB-minne till kommunpolisen.' },
    });
    expect(decideFootageRequest.status).toBe('HANDED_OVER');
    const history = decideFootageRequest.history.map((h) => [h.step, h.status, h.organisation.name]);
    expect(history).toEqual([
      ['REQUESTED', 'REQUESTED', 'Polisen LPO Södra Roslagen'],
      ['DECIDED', 'HANDED_OVER', 'Danderyds kommun trygghet och säkerhet'],
    ]);
    // Both sides read the same request and history; the answer equals a fresh read.
    for (const who of [PL, SC]) {
      const { footageRequest } = await ok<{ footageRequest: Request }>(who, ONE_REQUEST, { id: requestFootage.id });
      expect(footageRequest).toEqual(decideFootageRequest);
    }
    // Deciding twice is refused.
    const twice = await as(SC, DECIDE, { id: requestFootage.id, input: { outcome: 'REFUSED', note: 'Nej' } });
    expect(errorOf(twice)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_ALREADY_DECIDED' });

    // The auditors of both organisations see each step: the police's, and the safety function's.
    const safetyAuditor = await userWithRole('Danderyds kommun trygghet och säkerhet', 'AUDITOR');
    const TRAIL = `query T($id: ID!) { auditTrail(entityType: "FootageRequest", entityId: $id, first: 50) {
      nodes { action outcome operationName actorOrganisationId } } }`;
    for (const auditor of [POLICE_AUDITOR, safetyAuditor]) {
      const trail = await ok<{ auditTrail: { nodes: { action: string; outcome: string; operationName: string }[] } }>(
        auditor,
        TRAIL,
        { id: requestFootage.id },
      );
      const steps = trail.auditTrail.nodes.filter((n) => n.outcome === 'ALLOWED').map((n) => n.action);
      expect(steps).toEqual(expect.arrayContaining(['CREATE', 'UPDATE', 'READ']));
      const { footageRequest } = await ok<{ footageRequest: Request }>(auditor, ONE_REQUEST, { id: requestFootage.id });
      expect(footageRequest.history.map((h) => h.step)).toEqual(['REQUESTED', 'DECIDED']);
    }
    // An auditor of an organisation on neither side sees nothing of it.
    await expectDenied(DANDERYD_AUDITOR, ONE_REQUEST, { id: requestFootage.id }, 'NOT_FOUND');

    // The yearly follow-up counts it, for every reader of the follow-up alike.
    for (const who of [SW, PL, SC]) {
      const after = (
        await ok<{ commitmentFollowUp: { cameras: FollowUpCamera[] } }>(who, FOLLOW_UP, {
          id: commitment.id,
          year,
        })
      ).commitmentFollowUp.cameras.find((c) => c.name === 'Vendevägen, busshållplatsen')!;
      expect(after.footageRequestsReceived).toBe(before.footageRequestsReceived + 1);
      expect(after.footageRequestsHandedOver).toBe(before.footageRequestsHandedOver + 1);
    }
  });

  it('footage past its retention period, a window in the future and a window of more than a week are refused, and nothing is stored', async () => {
    const camera = await cameraId('Vendevägen, busshållplatsen');
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ windowStart: hours(-15 * 24), windowEnd: hours(-15 * 24 + 2) }, 'FOOTAGE_PAST_RETENTION', 'windowStart'],
      [{ windowStart: hours(-2), windowEnd: hours(2) }, 'WINDOW_IN_FUTURE', 'windowEnd'],
      [{ windowStart: hours(-10 * 24), windowEnd: hours(-2) }, 'WINDOW_TOO_LONG', 'windowEnd'],
      [{ windowStart: hours(-2), windowEnd: hours(-3) }, 'WINDOW_EMPTY', 'windowEnd'],
    ];
    for (const [window, reason, field] of cases) {
      const res = await as(PL, REQUEST_FOOTAGE, { input: { cameraId: camera, reason: 'Misshandel.', ...window } });
      expect(errorOf(res), reason).toEqual({ code: 'BAD_USER_INPUT', reason, field });
      expect(res.errors![0].message).not.toMatch(/\d{6}/);
    }
    expect(await counts()).toBe(before);
    // Both organisations read the reason: a personal identity number in it is refused, never echoed.
    const named = await as(PL, REQUEST_FOOTAGE, {
      input: { cameraId: camera, windowStart: hours(-5), windowEnd: hours(-4), reason: 'Misshandel av 121212-1212.' },
    });
    expect(errorOf(named)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'IDENTITY_NUMBER_IN_SHARED_TEXT',
      field: 'reason',
    });
    expect(named.errors![0].message).not.toContain('1212');
    expect(await counts()).toBe(before);
  });

  it('a social worker may not request footage; a request names a case only to the organisation that made it', async () => {
    const camera = await cameraId('Vendevägen, busshållplatsen');
    const input = { cameraId: camera, windowStart: hours(-5), windowEnd: hours(-4), reason: 'Hot.' };
    await expectDenied(SW, REQUEST_FOOTAGE, { input }, 'FORBIDDEN');
    await expectDenied(SC, REQUEST_FOOTAGE, { input }, 'FORBIDDEN');
    // A case the kommunpolis is a member of.
    const { createCase } = await ok<{ createCase: { id: string } }>(
      PL,
      `mutation { createCase(input: { riskLevel: HIGH }) { id } }`,
    );
    const { requestFootage } = await ok<{ requestFootage: Request }>(PL, REQUEST_FOOTAGE, {
      input: { ...input, caseId: createCase.id },
    });
    expect(requestFootage.caseId).toBe(createCase.id);
    const owner = await ok<{ footageRequest: Request }>(SC, ONE_REQUEST, { id: requestFootage.id });
    expect(owner.footageRequest.caseId).toBeNull();
    // A case id the caller is no member of is refused like one that does not exist.
    const [foreign] = await server.sql<{ id: string }>(
      `SELECT c.id FROM case_file c JOIN organisation o ON o.id = c.owner_organisation_id WHERE o.kind = 'SOCIAL_SERVICES' LIMIT 1`,
    );
    const refused = await as(PL, REQUEST_FOOTAGE, { input: { ...input, caseId: foreign.id } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    // Refusing needs a reason; the police withdraw a request not yet decided, not the owner.
    const noNote = await as(SC, DECIDE, { id: requestFootage.id, input: { outcome: 'REFUSED' } });
    expect(errorOf(noNote)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    await expectDenied(SC, WITHDRAW, { id: requestFootage.id }, 'FORBIDDEN');
    const { withdrawFootageRequest } = await ok<{ withdrawFootageRequest: Request }>(PL, WITHDRAW, {
      id: requestFootage.id,
    });
    expect(withdrawFootageRequest.history.map((h) => h.step)).toEqual(['REQUESTED', 'WITHDRAWN']);
  });

  it("the demo's follow-up shows the cameras instead of empty camera activities", async () => {
    const [commitment] = await server.sql<{ id: string }>(
      `SELECT id FROM commitment WHERE title = 'Kamerabevakning vid Vendevägen'`,
    );
    const { commitmentFollowUp } = await ok<{
      commitmentFollowUp: { periods: { activities: number }[]; cameras: FollowUpCamera[] };
    }>(PL, FOLLOW_UP, { id: commitment.id, year: 2025 });
    expect(commitmentFollowUp.periods.at(-1)!.activities).toBe(0);
    expect(
      commitmentFollowUp.cameras.map((c) => [
        c.name,
        c.daysInOperation,
        c.footageRequestsReceived,
        c.footageRequestsHandedOver,
      ]),
    ).toEqual([
      // 365 days; the tunnel camera was out of order 10–24 March (15 days).
      ['Vendevägen, busshållplatsen', 365, 1, 1],
      ['Vendevägen, gångtunneln', 350, 2, 2],
    ]);
  });
});
