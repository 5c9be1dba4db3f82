import { describe, expect, it } from 'vitest';
import { DANDERYD_ADMIN, DANDERYD_AUDITOR, PL, POLICE_ADMIN, SW, seededCasesFixture } from '../helpers/cases';

/**
 * "Min översikt" (`myTasks`): the caller's own tasks across every case it may see now, ordered by
 * due date, in due windows by Swedish calendar date. Allowed and denied, audited.
 */

const f = seededCasesFixture();

const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const MY = `query M($filter: MyTasksFilter, $first: Int, $after: String) {
  myTasks(filter: $filter, first: $first, after: $after) {
    edges { cursor node { kind id title dueOn due status caseId assignedUserId assignedOrganisationId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const TASK = 'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id } }';

interface Item {
  kind: string;
  id: string;
  title: string;
  dueOn: string;
  due: string;
  caseId: string;
}
interface Page {
  myTasks: { edges: { cursor: string; node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function my(email: string, filter?: Record<string, unknown>, first = 100, after?: string): Promise<Item[]> {
  return (await f.ok<Page>(email, MY, { filter, first, after })).myTasks.edges.map((e) => e.node);
}

async function taskFor(
  caseId: string,
  assignedOrganisationId: string,
  assignedUserId: string | null,
  dueOn: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  return (
    await f.ok<{ createCaseTask: { id: string } }>(SW, TASK, {
      input: { caseId, title: `Uppgift ${dueOn}`, assignedOrganisationId, assignedUserId, dueOn, ...extra },
    })
  ).createCaseTask.id;
}

describe('myTasks', () => {
  it("a kommunpolis's task due in three days appears under NEXT_7_DAYS; windows and order by due date", async () => {
    const { statutory } = await f.seeded();
    const police = await f.orgId('police');
    const pl = await f.userId(PL);
    const soon = await taskFor(statutory, police, pl, inDays(3));
    const later = await taskFor(statutory, police, pl, inDays(20));
    const overdue = await taskFor(statutory, police, pl, inDays(0));
    await f.server.sql(`UPDATE case_task SET due_on = current_date - 2 WHERE id = $1`, [overdue]);

    const next = await my(PL, { due: 'NEXT_7_DAYS' });
    expect(next.find((t) => t.id === soon)).toMatchObject({
      kind: 'CASE_TASK',
      due: 'NEXT_7_DAYS',
      dueOn: inDays(3),
      caseId: statutory,
    });
    expect(next.map((t) => t.id)).not.toContain(later);
    expect(next.every((t) => t.due === 'NEXT_7_DAYS')).toBe(true);
    expect((await my(PL, { due: 'LATER' })).map((t) => t.id)).toEqual(expect.arrayContaining([later]));
    expect((await my(PL, { due: 'LATER' })).map((t) => t.id)).not.toContain(soon);
    expect((await my(PL, { due: 'OVERDUE' })).map((t) => t.id)).toContain(overdue);

    const all = await my(PL);
    const ids = all.map((t) => t.id);
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(soon));
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
    const dues = all.map((t) => t.dueOn);
    expect(dues).toEqual([...dues].sort());

    // Done: gone from the default list, found with status DONE
    await f.ok(PL, 'mutation U($id: ID!) { updateCaseTask(id: $id, input: { status: DONE }) { id } }', { id: soon });
    expect((await my(PL)).map((t) => t.id)).not.toContain(soon);
    expect((await my(PL, { status: 'DONE' })).map((t) => t.id)).toContain(soon);
  });

  it('pages by due date with a cursor', async () => {
    const all = await my(PL);
    expect(all.length).toBeGreaterThan(1);
    const first = await f.ok<Page>(PL, MY, { first: 1 });
    expect(first.myTasks.pageInfo.hasNextPage).toBe(true);
    const second = await f.ok<Page>(PL, MY, { first: 1, after: first.myTasks.pageInfo.endCursor });
    expect([first.myTasks.edges[0].node.id, second.myTasks.edges[0].node.id]).toEqual([all[0].id, all[1].id]);
  });

  it("lists nobody else's tasks: a colleague's, the other organisation's own, and none after the legal basis ends", async () => {
    const { statutory, statutoryShare } = await f.seeded();
    const danderyd = await f.orgId('danderyd');
    const police = await f.orgId('police');
    const sw = await f.userId(SW);
    const pl = await f.userId(PL);
    const mine = await taskFor(statutory, danderyd, sw, inDays(2));
    const danderydOnly = await taskFor(statutory, danderyd, null, inDays(2), { audience: 'OWN_ORGANISATION' });
    const police2 = await taskFor(statutory, police, pl, inDays(4));
    const plIds = (await my(PL)).map((t) => t.id);
    expect(plIds).toContain(police2);
    expect(plIds).not.toContain(mine);
    expect(plIds).not.toContain(danderydOnly);
    const swIds = (await my(SW)).map((t) => t.id);
    expect(swIds).toEqual(expect.arrayContaining([mine, danderydOnly]));
    expect(swIds).not.toContain(police2);

    // The partner's access ends with the share: its tasks leave its list at once.
    await f.ok(SW, 'mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { id } }', { id: statutoryShare });
    expect((await my(PL)).map((t) => t.caseId)).not.toContain(statutory);
  });

  it('a read is audited with the ids of the tasks returned', async () => {
    const since = await f.lastEventId();
    const items = await my(SW);
    expect(items.length).toBeGreaterThan(0);
    const events = await f.server.sql<{ entity_type: string; entity_ids: string[]; outcome: string }>(
      `SELECT entity_type, entity_ids, outcome FROM audit_event WHERE id > $1 AND operation_name = 'M'`,
      [since],
    );
    const audited = events.filter((e) => e.entity_type === 'CaseTask').flatMap((e) => e.entity_ids);
    expect(audited).toEqual(expect.arrayContaining(items.map((t) => t.id)));
    expect(events.every((e) => e.outcome === 'ALLOWED')).toBe(true);
  });

  it('is refused to administrators and auditors: FORBIDDEN, nothing changed, audited as DENIED', async () => {
    for (const email of [DANDERYD_ADMIN, POLICE_ADMIN, DANDERYD_AUDITOR]) {
      await f.expectDenied(email, MY, {}, 'FORBIDDEN');
    }
  });
});
