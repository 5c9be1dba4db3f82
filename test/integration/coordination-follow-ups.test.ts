import { beforeAll, describe, expect, it } from 'vitest';
import { PL, SW, seededCasesFixture } from '../helpers/cases';
import type { GqlResponse } from '../helpers/test-server';

/**
 * Issue #22 and #24 across coordination work: a finding's action is on its owner organisation's list
 * (`myTasks`, FINDING_ACTION) and a meeting action owned by an organisation on that organisation's;
 * a coordination meeting takes decisions only once it is held (not in the future); the identity-number
 * guard on every shared text of meetings, findings and cameras; and the answer of every meeting and
 * finding mutation equals a fresh read.
 */

const f = seededCasesFixture();
const SC = 'trygghet@danderyd.example';
const NUMBER = 'Gäller 19121212-1212.';

const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const ITEM = `id position carriedOver visible caseId decision
  actions { id title ownerOrganisationId ownerUserId dueOn status caseId }
  carriedActions { id title status }`;
const MEETING = `id partnershipId meetingOn place organiserOrganisationId attendees { organisationId userId } agenda { ${ITEM} }`;
const GET_MEETING = `query G($id: ID!) { coordinationMeeting(id: $id) { ${MEETING} } }`;
const CREATE_MEETING = `mutation C($input: CreateCoordinationMeetingInput!) { createCoordinationMeeting(input: $input) { ${MEETING} } }`;
const ADD_CASE = `mutation M($m: ID!, $c: ID!) { addMeetingAgendaCase(meetingId: $m, caseId: $c) { ${MEETING} } }`;
const DECIDE = `mutation D($id: ID!, $d: String!) { recordAgendaDecision(agendaItemId: $id, decision: $d) { ${ITEM} } }`;
const ACTION_FIELDS = 'id title ownerOrganisationId ownerUserId dueOn status caseId';
const ACTION = `mutation A($input: AddMeetingActionInput!) { addMeetingAction(input: $input) { ${ACTION_FIELDS} } }`;
const ACTION_STATUS = `mutation U($id: ID!, $s: CaseTaskStatus!) { updateMeetingAction(id: $id, status: $s) { ${ACTION_FIELDS} } }`;

const FINDING =
  'id activityId placeId description suggestedMeasure ownerOrganisationId dueOn status followedUpInActivityId';
const RAISE = `mutation R($input: RaisePreventionFindingInput!) { raisePreventionFinding(input: $input) { ${FINDING} } }`;
const UPDATE_FINDING = `mutation U($id: ID!, $input: UpdatePreventionFindingInput!) { updatePreventionFinding(id: $id, input: $input) { ${FINDING} } }`;
const FINDINGS = `query F($id: ID!) { preventionFindings(activityId: $id) { ${FINDING} } }`;
const MY_TASKS = `query T($filter: MyTasksFilter) { myTasks(filter: $filter, first: 100) { edges { node { kind id title dueOn due status assignedOrganisationId assignedUserId caseId activityId } } } }`;

interface Item {
  id: string;
  position: number;
  caseId: string | null;
  decision: string | null;
  actions: { id: string; title: string; status: string }[];
}
interface Meeting {
  id: string;
  agenda: Item[];
}
interface WorkItem {
  kind: string;
  id: string;
  title: string;
  status: string;
  caseId: string | null;
  activityId: string | null;
  assignedOrganisationId: string;
  assignedUserId: string | null;
}

let partnershipId: string;
let police: string;
let danderyd: string;
let sharedCase: string;

async function newCase(email: string): Promise<string> {
  return (
    await f.ok<{ createCase: { id: string } }>(email, 'mutation { createCase(input: { riskLevel: HIGH }) { id } }')
  ).createCase.id;
}

async function meeting(id: string, email = SW): Promise<Meeting> {
  return (await f.ok<{ coordinationMeeting: Meeting }>(email, GET_MEETING, { id })).coordinationMeeting;
}

async function myTasks(email: string): Promise<WorkItem[]> {
  return (await f.ok<{ myTasks: { edges: { node: WorkItem }[] } }>(email, MY_TASKS, {})).myTasks.edges.map(
    (e) => e.node,
  );
}

/** Refused as BAD_USER_INPUT with the field and reason; nothing of the cases, meetings or findings changed. */
async function refused(
  email: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
  reason: string,
): Promise<GqlResponse> {
  const snapshot = async (): Promise<string> => {
    const [row] = await f.server.sql<{ d: string }>(
      `SELECT concat_ws('|', ${[
        'coordination_meeting',
        'coordination_agenda_item',
        'coordination_action',
        'prevention_finding',
        'camera',
        'camera_outage',
      ]
        .map(
          (t) =>
            `(SELECT count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') FROM "${t}" x)`,
        )
        .join(', ')}) AS d`,
    );
    return `${await f.digest()}#${row.d}`;
  };
  const before = await snapshot();
  const res = await f.server.gql(query, variables, await f.token(email));
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field,
    reason,
  });
  expect(res.errors?.[0]?.message).not.toContain('1212');
  expect(await snapshot()).toBe(before);
  return res;
}

async function walk(): Promise<string> {
  const [row] = await f.server.sql<{ area: string; place: string; commitment: string }>(
    `SELECT a.id AS area, p.id AS place, c.id AS commitment FROM area a JOIN place p ON p.area_id = a.id
       JOIN commitment c ON c.title = 'Trygghetsvandringar' WHERE a.name = 'Danderyd' AND p.name = 'Mörby centrum'`,
  );
  return (
    await f.ok<{ createPreventionActivity: { id: string } }>(
      SW,
      'mutation W($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }',
      {
        input: {
          title: 'Trygghetsvandring Mörby centrum',
          type: 'SAFETY_WALK',
          areaId: row.area,
          placeId: row.place,
          commitmentId: row.commitment,
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          status: 'DONE',
          peopleReached: 9,
          visibility: 'PARTNERSHIP',
        },
      },
    )
  ).createPreventionActivity.id;
}

beforeAll(async () => {
  danderyd = await f.orgId('danderyd');
  police = await f.orgId('police');
  [{ partnershipId }] = await f.server.sql<{ partnershipId: string }>(
    `SELECT a.partnership_id AS "partnershipId" FROM partnership_organisation a JOIN partnership_organisation b
      ON a.partnership_id = b.partnership_id WHERE a.organisation_id = $1 AND b.organisation_id = $2 LIMIT 1`,
    [danderyd, police],
  );
  sharedCase = await newCase(SW);
  const share = await f.ok<{ shareCase: { id: string } }>(
    SW,
    'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }',
    {
      input: {
        caseId: sharedCase,
        organisationId: police,
        legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
      },
    },
  );
  await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: share.shareCase.id });
});

describe('coordination meetings', () => {
  it('every mutation answers as a fresh read; an organisation’s action is on its list; no decision before the day', async () => {
    const own = await newCase(SW);
    const created = (
      await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE_MEETING, {
        input: {
          partnershipId,
          meetingOn: inDays(0),
          place: 'Danderyds kommunhus',
          attendeeOrganisationIds: [police],
          caseIds: [sharedCase],
        },
      })
    ).createCoordinationMeeting;
    expect(created).toEqual(await meeting(created.id));
    const added = (await f.ok<{ addMeetingAgendaCase: Meeting }>(SW, ADD_CASE, { m: created.id, c: own }))
      .addMeetingAgendaCase;
    expect(added).toEqual(await meeting(created.id));
    const item = added.agenda.find((i) => i.caseId === sharedCase)!;
    const decided = (await f.ok<{ recordAgendaDecision: Item }>(SW, DECIDE, { id: item.id, d: 'Skyddsplan.' }))
      .recordAgendaDecision;
    expect(decided).toEqual((await meeting(created.id)).agenda.find((i) => i.id === item.id));

    // An action owned by the police without a person: on every police liaison's list.
    const action = (
      await f.ok<{ addMeetingAction: { id: string; status: string } }>(SW, ACTION, {
        input: { agendaItemId: item.id, title: 'Kontakta åklagaren', ownerOrganisationId: police, dueOn: inDays(5) },
      })
    ).addMeetingAction;
    const readAction = async (): Promise<unknown> =>
      (await meeting(created.id)).agenda.find((i) => i.id === item.id)!.actions.find((a) => a.id === action.id);
    expect(action).toEqual(await readAction());
    expect(await myTasks(PL)).toContainEqual(
      expect.objectContaining({
        kind: 'MEETING_ACTION',
        id: action.id,
        assignedOrganisationId: police,
        assignedUserId: null,
        caseId: sharedCase,
      }),
    );
    expect((await myTasks(SW)).map((t) => t.id)).not.toContain(action.id);
    const done = (
      await f.ok<{ updateMeetingAction: { status: string } }>(PL, ACTION_STATUS, { id: action.id, s: 'DONE' })
    ).updateMeetingAction;
    expect(done).toEqual(await readAction());
    expect((await myTasks(PL)).map((t) => t.id)).not.toContain(action.id);

    // A meeting planned for next week is not held yet: no decision until its day.
    const planned = (
      await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE_MEETING, {
        input: {
          partnershipId,
          meetingOn: inDays(7),
          place: 'Polishuset',
          attendeeOrganisationIds: [police],
          caseIds: [own],
        },
      })
    ).createCoordinationMeeting;
    await refused(SW, DECIDE, { id: planned.agenda[0].id, d: 'För tidigt.' }, 'decision', 'MEETING_IN_FUTURE');
  });

  it('refuses identity numbers in the place, a decision and an action title (all attendees read them)', async () => {
    const m = (
      await f.ok<{ createCoordinationMeeting: Meeting }>(SW, CREATE_MEETING, {
        input: {
          partnershipId,
          meetingOn: inDays(0),
          place: 'Kommunhuset',
          attendeeOrganisationIds: [police],
          caseIds: [sharedCase],
        },
      })
    ).createCoordinationMeeting;
    const input = {
      partnershipId,
      meetingOn: inDays(0),
      place: `Hemma hos ${NUMBER}`,
      attendeeOrganisationIds: [police],
    };
    await refused(SW, CREATE_MEETING, { input }, 'place', 'IDENTITY_NUMBER_IN_SHARED_TEXT');
    await refused(SW, DECIDE, { id: m.agenda[0].id, d: NUMBER }, 'decision', 'IDENTITY_NUMBER_IN_SHARED_TEXT');
    await refused(
      SW,
      ACTION,
      { input: { agendaItemId: m.agenda[0].id, title: NUMBER, ownerOrganisationId: police, dueOn: inDays(3) } },
      'title',
      'IDENTITY_NUMBER_IN_SHARED_TEXT',
    );
  });
});

describe('findings of safety walks', () => {
  it('a finding’s action is on its owner organisation’s list until done; both mutations answer as a fresh read', async () => {
    const activity = await walk();
    const raised = (
      await f.ok<{ raisePreventionFinding: { id: string; status: string } }>(SW, RAISE, {
        input: {
          activityId: activity,
          description: 'Mörk gångtunnel.',
          suggestedMeasure: 'Sätt upp belysning.',
          ownerOrganisationId: police,
          dueOn: inDays(4),
        },
      })
    ).raisePreventionFinding;
    const fresh = async (): Promise<unknown> =>
      (await f.ok<{ preventionFindings: { id: string }[] }>(SW, FINDINGS, { id: activity })).preventionFindings.find(
        (x) => x.id === raised.id,
      );
    expect(raised).toEqual(await fresh());
    expect(await myTasks(PL)).toContainEqual({
      kind: 'FINDING_ACTION',
      id: raised.id,
      title: 'Sätt upp belysning.',
      dueOn: inDays(4),
      due: 'NEXT_7_DAYS',
      status: 'OPEN',
      assignedOrganisationId: police,
      assignedUserId: null,
      caseId: null,
      activityId: activity,
    });
    // The walk's organisation is not the owner: not on its list.
    expect((await myTasks(SW)).map((t) => t.id)).not.toContain(raised.id);
    // Read from the list: audited with the walk's organisation as the record's owner.
    const [{ n }] = await f.server.sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_event WHERE entity_type = 'PreventionFinding' AND action = 'READ' AND $1 = ANY(entity_ids)`,
      [raised.id],
    );
    expect(Number(n)).toBeGreaterThan(0);

    const updated = (
      await f.ok<{ updatePreventionFinding: { status: string } }>(PL, UPDATE_FINDING, {
        id: raised.id,
        input: { status: 'DONE' },
      })
    ).updatePreventionFinding;
    expect(updated).toEqual(await fresh());
    expect((await myTasks(PL)).map((t) => t.id)).not.toContain(raised.id);
    expect(
      (
        await f.ok<{ myTasks: { edges: { node: WorkItem }[] } }>(PL, MY_TASKS, { filter: { status: 'DONE' } })
      ).myTasks.edges.map((e) => e.node.id),
    ).toContain(raised.id);
  });

  it('refuses identity numbers in the description and the suggested measure', async () => {
    const activity = await walk();
    const input = { activityId: activity, description: 'Klotter.', ownerOrganisationId: police, dueOn: inDays(4) };
    await refused(
      SW,
      RAISE,
      { input: { ...input, description: NUMBER } },
      'description',
      'IDENTITY_NUMBER_IN_SHARED_TEXT',
    );
    await refused(
      SW,
      RAISE,
      { input: { ...input, suggestedMeasure: NUMBER } },
      'suggestedMeasure',
      'IDENTITY_NUMBER_IN_SHARED_TEXT',
    );
  });
});

describe('camera texts', () => {
  it('refuses identity numbers in every text of a camera and of an outage (the partner police read them)', async () => {
    const [{ id }] = await f.server.sql<{ id: string }>(
      `SELECT c.id FROM camera c JOIN app_user u ON u.organisation_id = c.organisation_id WHERE u.email = $1 ORDER BY c.name LIMIT 1`,
      [SC],
    );
    const UPDATE = 'mutation U($id: ID!, $input: UpdateCameraInput!) { updateCamera(id: $id, input: $input) { id } }';
    for (const field of ['name', 'coverage', 'permitReference', 'permitConditions'])
      await refused(SC, UPDATE, { id, input: { [field]: NUMBER } }, field, 'IDENTITY_NUMBER_IN_SHARED_TEXT');
    await refused(
      SC,
      'mutation O($cameraId: ID!, $input: CameraOutageInput!) { recordCameraOutage(cameraId: $cameraId, input: $input) { id } }',
      { cameraId: id, input: { startedOn: inDays(0), note: NUMBER } },
      'note',
      'IDENTITY_NUMBER_IN_SHARED_TEXT',
    );
  });
});
