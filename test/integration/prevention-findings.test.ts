import { describe, expect, it } from 'vitest';
import { DANDERYD_ADMIN, PL, SW, TABY_SW, seededCasesFixture } from '../helpers/cases';

/**
 * Findings of safety walks: raised in a walk (place, description, suggested measure) as an action with
 * an owner organisation, due date and status; shown for follow-up in the next walk at the place;
 * counted in the commitment's yearly follow-up. Allowed and denied.
 */

const f = seededCasesFixture();

const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const WALK =
  'mutation W($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id startsAt } }';
const RAISE = `mutation R($input: RaisePreventionFindingInput!) { raisePreventionFinding(input: $input) {
  id activityId placeId description suggestedMeasure ownerOrganisationId dueOn status followedUpInActivityId } }`;
const FINDINGS =
  'query F($id: ID!) { preventionFindings(activityId: $id) { id activityId description status raisedHere dueOn } }';
const UPDATE =
  'mutation U($id: ID!, $input: UpdatePreventionFindingInput!) { updatePreventionFinding(id: $id, input: $input) { id status followedUpInActivityId } }';
const FOLLOW_UP =
  'query Y($id: ID!, $year: Int!) { commitmentFollowUp(commitmentId: $id, year: $year) { periods { period findingsRaised findingsDone findingsOpen } } }';

async function ids(): Promise<{ area: string; place: string; commitment: string }> {
  const [row] = await f.server.sql<{ area: string; place: string; commitment: string }>(
    `SELECT a.id AS area, p.id AS place, c.id AS commitment FROM area a JOIN place p ON p.area_id = a.id
       JOIN commitment c ON c.title = 'Trygghetsvandringar'
      WHERE a.name = 'Danderyd' AND p.name = 'Mörby centrum'`,
  );
  return row;
}

async function walk(hoursAgo: number): Promise<{ id: string; startsAt: string }> {
  const { area, place, commitment } = await ids();
  return (
    await f.ok<{ createPreventionActivity: { id: string; startsAt: string } }>(SW, WALK, {
      input: {
        title: 'Trygghetsvandring Mörby centrum',
        type: 'SAFETY_WALK',
        areaId: area,
        placeId: place,
        commitmentId: commitment,
        startsAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
        status: 'DONE',
        peopleReached: 12,
        visibility: 'PARTNERSHIP',
      },
    })
  ).createPreventionActivity;
}

describe('findings of safety walks', () => {
  it('a finding becomes an action, is followed up in the next walk and counted in the follow-up', async () => {
    const { commitment } = await ids();
    const first = await walk(48);
    const year = Number(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(
        new Date(first.startsAt),
      ),
    );
    const yearOf = async (email: string) =>
      (
        await f.ok<{
          commitmentFollowUp: {
            periods: { period: string; findingsRaised: number; findingsDone: number; findingsOpen: number }[];
          };
        }>(email, FOLLOW_UP, { id: commitment, year })
      ).commitmentFollowUp.periods.find((p) => p.period === String(year))!;
    const before = await yearOf(SW);

    const police = await f.orgId('police');
    const raised = (
      await f.ok<{
        raisePreventionFinding: { id: string; status: string; ownerOrganisationId: string; placeId: string };
      }>(SW, RAISE, {
        input: {
          activityId: first.id,
          description: 'Trasig belysning i gångtunneln mot stationen.',
          suggestedMeasure: 'Byt armaturer och beskär buskage.',
          ownerOrganisationId: police,
          dueOn: inDays(10),
        },
      })
    ).raisePreventionFinding;
    expect(raised).toMatchObject({ status: 'OPEN', ownerOrganisationId: police, placeId: (await ids()).place });
    expect(await yearOf(SW)).toMatchObject({
      findingsRaised: before.findingsRaised + 1,
      findingsOpen: before.findingsOpen + 1,
    });

    // The next walk at the place shows the open finding to follow up; the police partner sees it too.
    const second = await walk(1);
    const open = (
      await f.ok<{ preventionFindings: { id: string; raisedHere: boolean }[] }>(SW, FINDINGS, { id: second.id })
    ).preventionFindings;
    expect(open).toContainEqual(expect.objectContaining({ id: raised.id, raisedHere: false }));
    const plSees = (await f.ok<{ preventionFindings: { id: string }[] }>(PL, FINDINGS, { id: first.id }))
      .preventionFindings;
    expect(plSees.map((x) => x.id)).toContain(raised.id);

    // The owner organisation records the follow-up.
    const done = (
      await f.ok<{ updatePreventionFinding: { status: string; followedUpInActivityId: string } }>(PL, UPDATE, {
        id: raised.id,
        input: { status: 'DONE', followedUpInActivityId: second.id },
      })
    ).updatePreventionFinding;
    expect(done).toEqual({ id: raised.id, status: 'DONE', followedUpInActivityId: second.id });
    expect(await yearOf(SW)).toMatchObject({
      findingsRaised: before.findingsRaised + 1,
      findingsDone: before.findingsDone + 1,
      findingsOpen: before.findingsOpen,
    });
    const third = await walk(0.5);
    const after = (await f.ok<{ preventionFindings: { id: string }[] }>(SW, FINDINGS, { id: third.id }))
      .preventionFindings;
    expect(after.map((x) => x.id)).not.toContain(raised.id);
  });

  it('refuses others: a due date in the past, another organisation’s walk, Täby, administrators', async () => {
    const first = await walk(24);
    const danderyd = await f.orgId('danderyd');
    const input = { activityId: first.id, description: 'Klotter.', ownerOrganisationId: danderyd, dueOn: inDays(5) };
    const past = await f.server.gql(RAISE, { input: { ...input, dueOn: inDays(-1) } }, await f.token(SW));
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUE_BEFORE_CREATION' });
    const count = async (): Promise<string> =>
      (await f.server.sql<{ n: string }>('SELECT count(*)::text AS n FROM prevention_finding'))[0].n;
    const n = await count();
    const byPolice = await f.server.gql(RAISE, { input }, await f.token(PL));
    expect(byPolice.errors?.[0]?.extensions?.code, JSON.stringify(byPolice.errors)).toBe('NOT_FOUND');
    const byAdmin = await f.server.gql(RAISE, { input }, await f.token(DANDERYD_ADMIN));
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(n);
    const raised = (await f.ok<{ raisePreventionFinding: { id: string } }>(SW, RAISE, { input }))
      .raisePreventionFinding;
    const taby = await f.server.gql(UPDATE, { id: raised.id, input: { status: 'DONE' } }, await f.token(TABY_SW));
    expect(taby.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tabyRead = await f.server.gql(FINDINGS, { id: first.id }, await f.token(TABY_SW));
    expect(tabyRead.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const denied = await f.server.sql<{ outcome: string }>(
      `SELECT outcome FROM audit_event WHERE operation_name IN ('R', 'U', 'F') AND outcome = 'DENIED'`,
    );
    expect(denied.length).toBeGreaterThanOrEqual(4);
    const [{ status }] = await f.server.sql<{ status: string }>('SELECT status FROM prevention_finding WHERE id = $1', [
      raised.id,
    ]);
    expect(status).toBe('OPEN');
  });
});
