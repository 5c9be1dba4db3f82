import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** Capacity under concurrent enrolment, the waitlist, cancellation and attendance. */

let server: TestServer;
let coordinator: string;
let orgId: string;
let courseId: string;

const ENROL = 'mutation E($s: ID!, $m: ID!) { enrol(sessionId: $s, staffMemberId: $m) { id status } }';
const CANCEL = 'mutation C($id: ID!) { cancelEnrolment(enrolmentId: $id) { id status } }';

async function createSession(
  capacity: number,
  startsAt = '2026-10-01T08:00:00.000Z',
  endsAt = '2026-10-01T15:00:00.000Z',
): Promise<string> {
  const res = await server.gql<{ createTrainingSession: { id: string } }>(
    'mutation S($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }',
    { input: { courseId, startsAt, endsAt, place: 'Mörby centrum', capacity, instructor: 'Test', joint: false } },
    coordinator,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createTrainingSession.id;
}

async function createStaff(n: number, unit: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await server.gql<{ createStaffMember: { id: string } }>(
      'mutation C($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }',
      { input: { name: `${unit} ${String(i).padStart(2, '0')}`, unit, title: 'Socialsekreterare' } },
      coordinator,
    );
    expect(res.errors).toBeUndefined();
    ids.push(res.data!.createStaffMember.id);
  }
  return ids;
}

async function statuses(sessionId: string): Promise<Record<string, number>> {
  const rows = await server.sql<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM enrolment WHERE session_id = $1 GROUP BY status`,
    [sessionId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  coordinator = await server.login('utbildning@danderyd.example');
  orgId = (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
  )[0].id;
  courseId = (await server.sql<{ id: string }>(`SELECT id FROM course WHERE code = 'FREDA-KORT'`))[0].id;
});

afterAll(async () => {
  await server?.stop();
});

describe('enrolment', () => {
  it('20 parallel enrolments on a capacity-5 session: exactly 5 ENROLLED, 15 WAITLISTED', async () => {
    const sessionId = await createSession(5);
    const staff = await createStaff(20, 'Parallell');
    const results = await Promise.all(
      staff.map((m) => server.gql<{ enrol: { status: string } }>(ENROL, { s: sessionId, m }, coordinator)),
    );
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const answered = results.map((r) => r.data!.enrol.status);
    expect(answered.filter((s) => s === 'ENROLLED')).toHaveLength(5);
    expect(answered.filter((s) => s === 'WAITLISTED')).toHaveLength(15);
    expect(await statuses(sessionId)).toEqual({ ENROLLED: 5, WAITLISTED: 15 });
  });

  it('a cancellation promotes the first on the waitlist (by enrolment time); cancelling a waitlisted one promotes nobody', async () => {
    const sessionId = await createSession(2);
    const [a, b, c, d] = await createStaff(4, 'Kö');
    const ids: string[] = [];
    for (const m of [a, b, c, d])
      ids.push(
        (await server.gql<{ enrol: { id: string; status: string } }>(ENROL, { s: sessionId, m }, coordinator)).data!
          .enrol.id,
      );
    expect(await statuses(sessionId)).toEqual({ ENROLLED: 2, WAITLISTED: 2 });
    // make c the later of the two on the waitlist: d must be promoted first although c enrolled before it
    await server.sql(`UPDATE enrolment SET enrolled_at = enrolled_at + interval '1 hour' WHERE id = $1`, [ids[2]]);

    const cancel = await server.gql<{ cancelEnrolment: { status: string } }>(CANCEL, { id: ids[0] }, coordinator); // a (enrolled)
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data!.cancelEnrolment.status).toBe('CANCELLED');
    const byId = async () =>
      Object.fromEntries(
        (
          await server.sql<{ id: string; status: string }>(`SELECT id, status FROM enrolment WHERE session_id = $1`, [
            sessionId,
          ])
        ).map((r) => [r.id, r.status]),
      );
    expect(await byId()).toEqual({
      [ids[0]]: 'CANCELLED',
      [ids[1]]: 'ENROLLED',
      [ids[2]]: 'WAITLISTED',
      [ids[3]]: 'ENROLLED',
    });
    const events = await server.sql<{ entity_ids: string[] }>(
      `SELECT entity_ids FROM audit_event WHERE entity_type = 'Enrolment' AND action = 'UPDATE' AND $1 = ANY(entity_ids)`,
      [ids[3]],
    );
    expect(events.length).toBeGreaterThan(0);

    // cancelling a waitlisted enrolment frees no place: nobody is promoted
    await server.gql(CANCEL, { id: ids[2] }, coordinator);
    expect(await byId()).toEqual({
      [ids[0]]: 'CANCELLED',
      [ids[1]]: 'ENROLLED',
      [ids[2]]: 'CANCELLED',
      [ids[3]]: 'ENROLLED',
    });

    // cancelling twice is refused; re-enrolling after a cancellation joins the end of the line
    expect((await server.gql(CANCEL, { id: ids[0] }, coordinator)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const again = await server.gql<{ enrol: { id: string; status: string } }>(
      ENROL,
      { s: sessionId, m: a },
      coordinator,
    );
    expect(again.data!.enrol).toEqual({ id: ids[0], status: 'WAITLISTED' });
    expect((await server.gql(ENROL, { s: sessionId, m: a }, coordinator)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("attendance: COMPLETED writes a completion dated the session's last day; the certificate follows", async () => {
    const sessionId = await createSession(3, '2025-03-10T08:00:00.000Z', '2025-03-11T15:00:00.000Z');
    const [m] = await createStaff(1, 'Närvaro');
    const enrolment = (await server.gql<{ enrol: { id: string } }>(ENROL, { s: sessionId, m }, coordinator)).data!.enrol
      .id;
    const res = await server.gql<{ recordAttendance: { status: string; completedOn: string } }>(
      'mutation A($id: ID!) { recordAttendance(enrolmentId: $id, status: COMPLETED) { status completedOn } }',
      { id: enrolment },
      coordinator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordAttendance).toEqual({ status: 'COMPLETED', completedOn: '2025-03-11' });
    const staff = await server.gql<{
      staffMember: { certificates: { course: { code: string }; status: string; expiresOn: string }[] };
    }>(
      'query S($id: ID!) { staffMember(id: $id) { certificates(on: "2026-01-01") { course { code } status expiresOn } } }',
      { id: m },
      coordinator,
    );
    expect(staff.data!.staffMember.certificates).toContainEqual({
      course: { code: 'FREDA-KORT' },
      status: 'VALID',
      expiresOn: '2028-03-11',
    });
    const [completion] = await server.sql<{ completed_on: string }>(
      `SELECT completed_on::text FROM training_completion WHERE enrolment_id = $1`,
      [enrolment],
    );
    expect(completion.completed_on).toBe('2025-03-11');
    expect(orgId).toBeDefined();
  });

  it('changing a session: capacity raised promotes the waitlist in order, not below the enrolled, partial input keeps the rest', async () => {
    const sessionId = await createSession(2);
    const staff = await createStaff(4, 'Ändring');
    for (const m of staff) expect((await server.gql(ENROL, { s: sessionId, m }, coordinator)).errors).toBeUndefined();
    expect(await statuses(sessionId)).toEqual({ ENROLLED: 2, WAITLISTED: 2 });
    const UPDATE =
      'mutation U($id: ID!, $input: UpdateTrainingSessionInput!) { updateTrainingSession(id: $id, input: $input) { capacity place instructor enrolledCount waitlistedCount cancelledAt } }';

    const low = await server.gql(UPDATE, { id: sessionId, input: { capacity: 1 } }, coordinator);
    expect(low.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CAPACITY_BELOW_ENROLLED' });
    const bad = await server.gql(UPDATE, { id: sessionId, input: { endsAt: '2026-09-30T08:00:00.000Z' } }, coordinator);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.sql(`SELECT capacity, place FROM training_session WHERE id = $1`, [sessionId])).toEqual([
      { capacity: 2, place: 'Mörby centrum' },
    ]);

    const raised = await server.gql<{ updateTrainingSession: Record<string, unknown> }>(
      UPDATE,
      { id: sessionId, input: { capacity: 3, place: 'Djursholms torg' } },
      coordinator,
    );
    expect(raised.errors).toBeUndefined();
    expect(raised.data!.updateTrainingSession).toEqual({
      capacity: 3,
      place: 'Djursholms torg',
      instructor: 'Test',
      enrolledCount: 3,
      waitlistedCount: 1,
      cancelledAt: null,
    });
    // the first waitlisted (by enrolment time) was promoted
    const [promoted] = await server.sql<{ staff_member_id: string }>(
      `SELECT staff_member_id FROM enrolment WHERE session_id = $1 AND status = 'WAITLISTED'`,
      [sessionId],
    );
    expect(promoted.staff_member_id).toBe(staff[3]);
    const audited = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE operation_name = 'U' AND action = 'UPDATE' AND entity_type = 'TrainingSession' AND $1 = ANY(entity_ids)`,
      [sessionId],
    );
    expect(audited[0].n).toBe(1);
  });

  it('cancelling a session cancels its open enrolments, keeps completed ones, and refuses further changes and enrolments', async () => {
    const sessionId = await createSession(2);
    const staff = await createStaff(3, 'Inställd');
    for (const m of staff) expect((await server.gql(ENROL, { s: sessionId, m }, coordinator)).errors).toBeUndefined();
    const CANCEL_SESSION =
      'mutation X($id: ID!) { cancelTrainingSession(id: $id) { cancelledAt enrolledCount waitlistedCount enrolments { status } } }';
    const res = await server.gql<{
      cancelTrainingSession: {
        cancelledAt: string | null;
        enrolledCount: number;
        waitlistedCount: number;
        enrolments: { status: string }[];
      };
    }>(CANCEL_SESSION, { id: sessionId }, coordinator);
    expect(res.errors).toBeUndefined();
    const out = res.data!.cancelTrainingSession;
    expect(out.cancelledAt).not.toBeNull();
    expect([out.enrolledCount, out.waitlistedCount]).toEqual([0, 0]);
    expect(out.enrolments.map((e) => e.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(await statuses(sessionId)).toEqual({ CANCELLED: 3 });

    const again = await server.gql(CANCEL_SESSION, { id: sessionId }, coordinator);
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [another] = await createStaff(1, 'Sen');
    const late = await server.gql(ENROL, { s: sessionId, m: another }, coordinator);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SESSION_CANCELLED' });
    expect(await statuses(sessionId)).toEqual({ CANCELLED: 3 });
  });

  it("another organisation's coordinator cannot change or cancel the session: NOT_FOUND, nothing changes", async () => {
    const sessionId = await createSession(4);
    const police = await server.login('utbildning@polisen.example');
    const before = await server.sql(`SELECT capacity, place, cancelled_at FROM training_session WHERE id = $1`, [
      sessionId,
    ]);
    const upd = await server.gql(
      'mutation U($id: ID!) { updateTrainingSession(id: $id, input: { capacity: 9 }) { id } }',
      { id: sessionId },
      police,
    );
    const can = await server.gql(
      'mutation X($id: ID!) { cancelTrainingSession(id: $id) { id } }',
      { id: sessionId },
      police,
    );
    expect(upd.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(can.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      await server.sql(`SELECT capacity, place, cancelled_at FROM training_session WHERE id = $1`, [sessionId]),
    ).toEqual(before);
  });

  it('a joint session stays joint while partner staff are enrolled on it', async () => {
    const res = await server.gql<{ createTrainingSession: { id: string } }>(
      'mutation S($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }',
      {
        input: {
          courseId,
          startsAt: '2026-12-01T08:00:00.000Z',
          endsAt: '2026-12-01T15:00:00.000Z',
          place: 'Täby C',
          capacity: 5,
          instructor: 'Test',
          joint: true,
        },
      },
      coordinator,
    );
    const sessionId = res.data!.createTrainingSession.id;
    const police = await server.login('utbildning@polisen.example');
    const officer = await server.gql<{ createStaffMember: { id: string } }>(
      'mutation C($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }',
      { input: { name: 'Gemensam Polis', unit: 'Närpolis', title: 'Kommunpolis' } },
      police,
    );
    expect(
      (await server.gql(ENROL, { s: sessionId, m: officer.data!.createStaffMember.id }, police)).errors,
    ).toBeUndefined();
    const off = await server.gql(
      'mutation U($id: ID!) { updateTrainingSession(id: $id, input: { joint: false }) { joint } }',
      { id: sessionId },
      coordinator,
    );
    expect(off.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.sql(`SELECT joint FROM training_session WHERE id = $1`, [sessionId])).toEqual([
      { joint: true },
    ]);
    // cancelling it cancels the partner's enrolment too
    expect(
      (
        await server.gql(
          'mutation X($id: ID!) { cancelTrainingSession(id: $id) { id } }',
          { id: sessionId },
          coordinator,
        )
      ).errors,
    ).toBeUndefined();
    expect(await statuses(sessionId)).toEqual({ CANCELLED: 1 });
  });
});
