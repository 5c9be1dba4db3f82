import { beforeAll, describe, expect, it } from 'vitest';
import { DANDERYD_ADMIN, PL, SW, TABY_SW, seededCasesFixture } from '../helpers/cases';

/**
 * Multi-agency meetings: a meeting with three cases for two organisations shows each attendee only
 * what they may see (a matrix), decisions and actions per item, open actions carried to the next
 * meeting, minutes without case content for a reader not entitled to it. Allowed and denied, audited.
 */

const f = seededCasesFixture();

const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const MEETING_FIELDS = `id partnershipId meetingOn place organiserOrganisationId attendees { organisationId userId }
  agenda { id position carriedOver visible caseId decision
    actions { id title ownerOrganisationId ownerUserId dueOn status caseId }
    carriedActions { id title status } }`;
const GET = `query G($id: ID!) { coordinationMeeting(id: $id) { ${MEETING_FIELDS} } }`;
const CREATE = `mutation C($input: CreateCoordinationMeetingInput!) { createCoordinationMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const DECIDE =
  'mutation D($id: ID!, $d: String!) { recordAgendaDecision(agendaItemId: $id, decision: $d) { id visible decision } }';
const ACTION =
  'mutation A($input: AddMeetingActionInput!) { addMeetingAction(input: $input) { id title ownerOrganisationId ownerUserId dueOn status caseId } }';

interface Item {
  id: string;
  position: number;
  carriedOver: boolean;
  visible: boolean;
  caseId: string | null;
  decision: string | null;
  actions: { id: string; title: string; status: string }[];
  carriedActions: { id: string; title: string; status: string }[];
}
interface Meeting {
  id: string;
  agenda: Item[];
}

let partnershipId: string;
let caseA: string; // Danderyd's, shared with the police under OSL 10:18 c; both members
let caseB: string; // Danderyd's own
let caseC: string; // the police's own
let meeting: Meeting;

async function newCase(email: string): Promise<string> {
  return (
    await f.ok<{ createCase: { id: string } }>(email, 'mutation { createCase(input: { riskLevel: HIGH }) { id } }')
  ).createCase.id;
}

async function get(email: string, id: string): Promise<Meeting> {
  return (await f.ok<{ coordinationMeeting: Meeting }>(email, GET, { id })).coordinationMeeting;
}

const itemOf = (m: Meeting, position: number): Item => m.agenda.find((i) => i.position === position)!;

beforeAll(async () => {
  const danderyd = await f.orgId('danderyd');
  const police = await f.orgId('police');
  [{ partnershipId }] = await f.server.sql<{ partnershipId: string }>(
    `SELECT a.partnership_id AS "partnershipId" FROM partnership_organisation a JOIN partnership_organisation b
      ON a.partnership_id = b.partnership_id WHERE a.organisation_id = $1 AND b.organisation_id = $2 LIMIT 1`,
    [danderyd, police],
  );
  caseA = await newCase(SW);
  const share = await f.ok<{ shareCase: { id: string } }>(
    SW,
    'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }',
    {
      input: {
        caseId: caseA,
        organisationId: police,
        legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
      },
    },
  );
  await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: share.shareCase.id });
  caseB = await newCase(SW);
  caseC = await newCase(PL);
  meeting = (
    await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE, {
      input: {
        partnershipId,
        meetingOn: inDays(0),
        place: 'Polishuset Täby, rum 3',
        attendeeOrganisationIds: [police],
        attendeeUserIds: [await f.userId(SW), await f.userId(PL)],
        caseIds: [caseA, caseB],
      },
    })
  ).createCoordinationMeeting;
  await f.ok(PL, 'mutation M($m: ID!, $c: ID!) { addMeetingAgendaCase(meetingId: $m, caseId: $c) { id } }', {
    m: meeting.id,
    c: caseC,
  });
});

describe('a meeting with three cases for two organisations', () => {
  it('shows each attendee only the cases it may see (matrix)', async () => {
    const expected: Record<string, Record<string, boolean>> = {
      [SW]: { A: true, B: true, C: false },
      [PL]: { A: true, B: false, C: true },
    };
    const ids: Record<string, string> = { A: caseA, B: caseB, C: caseC };
    const positions: Record<string, number> = { A: 1, B: 2, C: 3 };
    for (const [email, row] of Object.entries(expected)) {
      const seen = await get(email, meeting.id);
      expect(seen.agenda.map((i) => i.position)).toEqual([1, 2, 3]);
      for (const [name, visible] of Object.entries(row)) {
        const item = itemOf(seen, positions[name]);
        expect({ who: email, name, visible: item.visible }).toEqual({ who: email, name, visible });
        expect(item.caseId).toBe(visible ? ids[name] : null);
        if (!visible) expect(item).toMatchObject({ decision: null, actions: [], carriedActions: [] });
      }
    }
  });

  it('decisions and actions per item; a decision on an item the caller may not see answers NOT_FOUND', async () => {
    const sw = await get(SW, meeting.id);
    const pl = await get(PL, meeting.id);
    await f.ok(SW, DECIDE, { id: itemOf(sw, 1).id, d: 'Gemensam skyddsplan A.' });
    await f.ok(SW, DECIDE, { id: itemOf(sw, 2).id, d: 'Socialtjänsten utreder B.' });
    await f.ok(PL, DECIDE, { id: itemOf(pl, 3).id, d: 'Polisen följer upp C.' });
    const refused = await f.server.gql(DECIDE, { id: itemOf(pl, 2).id, d: 'X' }, await f.token(PL));
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.data?.recordAgendaDecision ?? null).toBeNull();
    const [{ decision }] = await f.server.sql<{ decision: string }>(
      'SELECT decision FROM coordination_agenda_item WHERE id = $1',
      [itemOf(pl, 2).id],
    );
    expect(decision).toBe('Socialtjänsten utreder B.');

    const police = await f.orgId('police');
    const action = await f.ok<{ addMeetingAction: { ownerOrganisationId: string; dueOn: string; status: string } }>(
      SW,
      ACTION,
      {
        input: {
          agendaItemId: itemOf(sw, 1).id,
          title: 'Kontakta målsägandebiträdet',
          ownerOrganisationId: police,
          ownerUserId: await f.userId(PL),
          dueOn: inDays(3),
        },
      },
    );
    expect(action.addMeetingAction).toMatchObject({ ownerOrganisationId: police, dueOn: inDays(3), status: 'OPEN' });
    // The police may not own an action on a case it cannot see.
    const wrongOwner = await f.server.gql(
      ACTION,
      { input: { agendaItemId: itemOf(sw, 2).id, title: 'X', ownerOrganisationId: police, dueOn: inDays(3) } },
      await f.token(SW),
    );
    expect(wrongOwner.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerOrganisationId' });
    const past = await f.server.gql(
      ACTION,
      { input: { agendaItemId: itemOf(sw, 1).id, title: 'X', ownerOrganisationId: police, dueOn: inDays(-2) } },
      await f.token(SW),
    );
    expect(past.errors?.[0]?.extensions).toMatchObject({ field: 'dueOn', reason: 'DUE_BEFORE_CREATION' });

    // The police liaison finds the action in "Min översikt", due within a week.
    const mine = await f.ok<{ myTasks: { edges: { node: { kind: string; title: string; due: string } }[] } }>(
      PL,
      'query { myTasks(filter: { due: NEXT_7_DAYS }) { edges { node { kind title due } } } }',
    );
    expect(mine.myTasks.edges.map((e) => e.node)).toContainEqual({
      kind: 'MEETING_ACTION',
      title: 'Kontakta målsägandebiträdet',
      due: 'NEXT_7_DAYS',
    });
    // Both attendees see the action on the shared case; the answer equals a fresh read.
    for (const email of [SW, PL]) {
      const item = itemOf(await get(email, meeting.id), 1);
      expect(item.decision).toBe('Gemensam skyddsplan A.');
      expect(item.actions.map((a) => a.title)).toEqual(['Kontakta målsägandebiträdet']);
    }
  });

  it('exports minutes without case content for a reader not entitled to it', async () => {
    const minutes = async (email: string): Promise<string> =>
      (
        await f.ok<{ exportMeetingMinutes: string }>(email, 'query E($id: ID!) { exportMeetingMinutes(id: $id) }', {
          id: meeting.id,
        })
      ).exportMeetingMinutes;
    const sw = await minutes(SW);
    const pl = await minutes(PL);
    expect(sw).toContain('Protokoll från samverkansmöte');
    expect(sw).toContain('Gemensam skyddsplan A.');
    expect(sw).toContain('Socialtjänsten utreder B.');
    expect(sw).toContain(caseB);
    expect(sw).not.toContain('Polisen följer upp C.');
    expect(sw).not.toContain(caseC);
    expect(pl).toContain('Gemensam skyddsplan A.');
    expect(pl).toContain('Polisen följer upp C.');
    expect(pl).not.toContain('Socialtjänsten utreder B.');
    expect(pl).not.toContain(caseB);
    expect(pl).toContain('innehållet visas inte');
    const exports = await f.server.sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_event WHERE action = 'EXPORT' AND entity_type = 'CoordinationMeeting' AND $1 = ANY(entity_ids)`,
      [meeting.id],
    );
    expect(Number(exports[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('carries open actions to the next meeting until they are done', async () => {
    const police = await f.orgId('police');
    const next = (
      await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE, {
        input: {
          partnershipId,
          meetingOn: inDays(14),
          place: 'Danderyds kommunhus',
          attendeeOrganisationIds: [police],
        },
      })
    ).createCoordinationMeeting;
    const carried = next.agenda.find((i) => i.caseId === caseA)!;
    expect(carried).toMatchObject({ carriedOver: true, visible: true });
    expect(carried.carriedActions.map((a) => a.title)).toEqual(['Kontakta målsägandebiträdet']);
    expect(next).toEqual(await get(SW, next.id));
    // The police liaison sees the carried case; nothing of Danderyd's own case B was carried.
    const plView = await get(PL, next.id);
    expect(plView.agenda.map((i) => i.caseId)).toEqual([caseA]);

    await f.ok(PL, 'mutation U($id: ID!) { updateMeetingAction(id: $id, status: DONE) { status } }', {
      id: carried.carriedActions[0].id,
    });
    const third = (
      await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE, {
        input: {
          partnershipId,
          meetingOn: inDays(28),
          place: 'Danderyds kommunhus',
          attendeeOrganisationIds: [police],
        },
      })
    ).createCoordinationMeeting;
    expect(third.agenda).toEqual([]);
  });

  it('refuses a non-attending organisation (NOT_FOUND) and roles without meetings (FORBIDDEN), audited', async () => {
    await f.expectDenied(TABY_SW, GET, { id: meeting.id }, 'NOT_FOUND');
    await f.expectDenied(
      TABY_SW,
      'query E($id: ID!) { exportMeetingMinutes(id: $id) }',
      { id: meeting.id },
      'NOT_FOUND',
    );
    await f.expectDenied(DANDERYD_ADMIN, GET, { id: meeting.id }, 'FORBIDDEN');
    await f.expectDenied(
      DANDERYD_ADMIN,
      CREATE,
      { input: { partnershipId, meetingOn: inDays(0), place: 'X', attendeeOrganisationIds: [] } },
      'FORBIDDEN',
    );
    // A case the caller may not see cannot be put on an agenda.
    const [{ n: before }] = await f.server.sql<{ n: string }>(
      'SELECT count(*)::text AS n FROM coordination_agenda_item',
    );
    await f.expectDenied(
      PL,
      'mutation M($m: ID!, $c: ID!) { addMeetingAgendaCase(meetingId: $m, caseId: $c) { id } }',
      { m: meeting.id, c: caseB },
      'NOT_FOUND',
    );
    const [{ n: after }] = await f.server.sql<{ n: string }>(
      'SELECT count(*)::text AS n FROM coordination_agenda_item',
    );
    expect(after).toBe(before);
  });
});
