import { describe, expect, it } from 'vitest';
import { PL, SW, seededCasesFixture } from '../helpers/cases';
import type { GqlResponse } from '../helpers/test-server';

/**
 * Dates that make sense: DONE and people reached only for activities that have started, meetings
 * not held in the future, due dates not before creation. Each refusal is BAD_USER_INPUT with the
 * field, a reason code and a Swedish/English message, and stores nothing.
 */

const f = seededCasesFixture();

const swedish = (instant: Date): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(instant);
const inDays = (days: number): string => swedish(new Date(Date.now() + days * 86_400_000));

const ACTIVITY =
  'mutation C($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }';
const UPDATE_ACTIVITY =
  'mutation U($id: ID!, $input: UpdatePreventionActivityInput!) { updatePreventionActivity(id: $id, input: $input) { id status peopleReached } }';

async function danderydArea(): Promise<string> {
  const [row] = await f.server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
  return row.id;
}

async function refused(
  email: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
  reason: string,
): Promise<void> {
  const before = await f.digest();
  const [{ n: activitiesBefore }] = await f.server.sql<{ n: string }>(
    'SELECT count(*)::text AS n FROM prevention_activity',
  );
  const res: GqlResponse = await f.server.gql(query, variables, await f.token(email));
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({
    code: 'BAD_USER_INPUT',
    field,
    reason,
  });
  // Swedish first, then English
  expect(res.errors?.[0]?.message).toMatch(/ \/ /);
  expect(await f.digest()).toBe(before);
  const [{ n: activitiesAfter }] = await f.server.sql<{ n: string }>(
    'SELECT count(*)::text AS n FROM prevention_activity',
  );
  expect(activitiesAfter).toBe(activitiesBefore);
}

describe('prevention activities: done and people reached only once started', () => {
  const walk = async (startsAt: Date, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> => ({
    title: 'Trygghetsvandring Mörby centrum',
    type: 'SAFETY_WALK',
    areaId: await danderydArea(),
    visibility: 'ORGANISATION',
    startsAt: startsAt.toISOString(),
    ...extra,
  });
  const nextWeek = (): Date => new Date(Date.now() + 7 * 86_400_000);

  it('refuses a safety walk dated next week set DONE, or with 14 people reached', async () => {
    await refused(SW, ACTIVITY, { input: await walk(nextWeek(), { status: 'DONE' }) }, 'status', 'NOT_STARTED_YET');
    await refused(
      SW,
      ACTIVITY,
      { input: await walk(nextWeek(), { peopleReached: 14 }) },
      'peopleReached',
      'PEOPLE_REACHED_BEFORE_START',
    );
  });

  it('plans a future walk, refuses to mark it done before it starts, and takes DONE with people reached once started', async () => {
    const planned = await f.ok<{ createPreventionActivity: { id: string } }>(SW, ACTIVITY, {
      input: await walk(nextWeek()),
    });
    const id = planned.createPreventionActivity.id;
    await refused(
      SW,
      UPDATE_ACTIVITY,
      { id, input: { status: 'DONE', peopleReached: 14 } },
      'status',
      'NOT_STARTED_YET',
    );
    await refused(
      SW,
      UPDATE_ACTIVITY,
      { id, input: { peopleReached: 14 } },
      'peopleReached',
      'PEOPLE_REACHED_BEFORE_START',
    );
    // Moved to yesterday: it has started and may be done.
    const done = await f.ok<{ updatePreventionActivity: { status: string; peopleReached: number } }>(
      SW,
      UPDATE_ACTIVITY,
      { id, input: { startsAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'DONE', peopleReached: 14 } },
    );
    expect(done.updatePreventionActivity).toMatchObject({ status: 'DONE', peopleReached: 14 });
  });
});

describe('case meetings and tasks', () => {
  const MEETING = 'mutation M($input: RecordCaseMeetingInput!) { recordCaseMeeting(input: $input) { id heldOn } }';
  const TASK = 'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id dueOn } }';

  async function newCase(): Promise<string> {
    return (await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: LOW }) { id } }'))
      .createCase.id;
  }

  it('refuses a meeting "held" in two weeks; today is accepted', async () => {
    const caseId = await newCase();
    const danderyd = await f.orgId('danderyd');
    const input = { caseId, participantOrganisationIds: [danderyd], decisions: 'Uppföljning.' };
    await refused(SW, MEETING, { input: { ...input, heldOn: inDays(14) } }, 'heldOn', 'MEETING_IN_FUTURE');
    const held = await f.ok<{ recordCaseMeeting: { heldOn: string } }>(SW, MEETING, {
      input: { ...input, heldOn: inDays(0) },
    });
    expect(held.recordCaseMeeting.heldOn).toBe(inDays(0));
  });

  it('refuses a due date before the day of creation, on creating and on changing a task', async () => {
    const caseId = await newCase();
    const danderyd = await f.orgId('danderyd');
    const input = { caseId, title: 'Följ upp', assignedOrganisationId: danderyd };
    await refused(SW, TASK, { input: { ...input, dueOn: inDays(-1) } }, 'dueOn', 'DUE_BEFORE_CREATION');
    const task = await f.ok<{ createCaseTask: { id: string; dueOn: string } }>(SW, TASK, {
      input: { ...input, dueOn: inDays(0) },
    });
    await refused(
      SW,
      'mutation U($id: ID!) { updateCaseTask(id: $id, input: { dueOn: "2020-01-01" }) { id } }',
      { id: task.createCaseTask.id },
      'dueOn',
      'DUE_BEFORE_CREATION',
    );
    const later = await f.ok<{ updateCaseTask: { dueOn: string } }>(
      SW,
      'mutation U($id: ID!, $d: Date!) { updateCaseTask(id: $id, input: { dueOn: $d }) { dueOn } }',
      { id: task.createCaseTask.id, d: inDays(10) },
    );
    expect(later.updateCaseTask.dueOn).toBe(inDays(10));
  });

  it('the police liaison is held to the same rules on a shared case', async () => {
    const { statutory } = await f.seeded();
    const police = await f.orgId('police');
    await refused(
      PL,
      MEETING,
      { input: { caseId: statutory, participantOrganisationIds: [police], decisions: 'X', heldOn: inDays(3) } },
      'heldOn',
      'MEETING_IN_FUTURE',
    );
  });
});
