import { describe, expect, it } from 'vitest';
import { seededCasesFixture, PL, SW } from '../helpers/cases';
import type { GqlResponse } from '../helpers/test-server';
import { spyOnStatements } from '../helpers/statement-spy';

/**
 * Working a case: tasks, meetings, notes, risk assessments behind the training gate, the
 * timeline, overdue tasks per user, input bounds, and a fixed number of SQL statements per list.
 * Note text and external references never reach the audit log or the timeline.
 */

const f = seededCasesFixture();

const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const ASSESS =
  'mutation A($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { id method level assessorId } }';
const NOTE = 'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id text } }';

async function newCase(email = SW): Promise<string> {
  return (
    await f.ok<{ createCase: { id: string } }>(
      email,
      'mutation { createCase(input: { riskLevel: LOW, externalReference: "SOC-2026-9001" }) { id } }',
    )
  ).createCase.id;
}

describe('the training gate on risk assessments', () => {
  it('records a FREDA danger assessment for a holder of a valid FREDA farlighetsbedömning', async () => {
    const caseId = await newCase();
    const res = await f.ok<{ recordRiskAssessment: { method: string; level: string; assessorId: string } }>(
      SW,
      ASSESS,
      {
        input: { caseId, method: 'FREDA_DANGER_ASSESSMENT', assessedOn: today(), level: 'HIGH' },
      },
    );
    expect(res.recordRiskAssessment).toMatchObject({
      method: 'FREDA_DANGER_ASSESSMENT',
      level: 'HIGH',
      assessorId: await f.userId(SW),
    });
    const latest = await f.ok<{ case: { latestAssessment: { level: string } } }>(
      SW,
      'query C($id: ID!) { case(id: $id) { latestAssessment { level } } }',
      { id: caseId },
    );
    expect(latest.case.latestAssessment.level).toBe('HIGH');
  });

  it('refuses SARA:SV to the social worker without that certificate: FORBIDDEN naming the course, nothing recorded, audited', async () => {
    const caseId = await newCase();
    const res = await f.expectDenied(
      SW,
      ASSESS,
      { input: { caseId, method: 'SARA_SV', assessedOn: today(), level: 'HIGH' } },
      'FORBIDDEN',
    );
    expect(res.errors![0].extensions).toMatchObject({
      reason: 'NO_TRAINING_GATE',
      course: expect.stringContaining('SARA:SV'),
    });
    const patriark = await f.expectDenied(
      SW,
      ASSESS,
      { input: { caseId, method: 'PATRIARK', assessedOn: today(), level: 'HIGH' } },
      'FORBIDDEN',
    );
    expect(patriark.errors![0].extensions).toMatchObject({
      reason: 'NO_TRAINING_GATE',
      course: expect.stringContaining('PATRIARK'),
    });
    // OTHER needs no course
    await f.ok(SW, ASSESS, { input: { caseId, method: 'OTHER', assessedOn: today(), level: 'LOW' } });
  });

  it('the police liaison records SARA:SV on a shared case; an expired certificate closes the gate', async () => {
    const { statutory } = await f.seeded();
    await f.ok(PL, ASSESS, { input: { caseId: statutory, method: 'SARA_SV', assessedOn: today(), level: 'SEVERE' } });
    // Expire the social worker's FREDA certificate (24 months validity): completed three years ago
    await f.server.sql(
      `UPDATE training_completion SET completed_on = current_date - interval '3 years'
        WHERE staff_member_id = (SELECT id FROM staff_member WHERE user_id = $1) AND course_id = (SELECT id FROM course WHERE code = 'FREDA-FARLIG')`,
      [await f.userId(SW)],
    );
    const res = await f.expectDenied(
      SW,
      ASSESS,
      { input: { caseId: statutory, method: 'FREDA_DANGER_ASSESSMENT', assessedOn: today(), level: 'HIGH' } },
      'FORBIDDEN',
    );
    expect(res.errors![0].extensions).toMatchObject({
      reason: 'CERTIFICATE_MISSING',
      course: expect.stringContaining('FREDA-FARLIG'),
    });
  });

  it('the gate is checked after access: a case the caller may not see answers NOT_FOUND', async () => {
    const { own } = await f.seeded();
    await f.expectDenied(
      PL,
      ASSESS,
      { input: { caseId: own, method: 'SARA_SV', assessedOn: today(), level: 'HIGH' } },
      'NOT_FOUND',
    );
  });
});

describe('tasks, meetings, notes and the timeline', () => {
  it('tasks are assigned to an organisation of the case and one of its members; overdue tasks are listed per user', async () => {
    const { statutory } = await f.seeded();
    const police = await f.orgId('police');
    const plId = await f.userId(PL);
    const CREATE =
      'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id status dueOn assignedUserId } }';
    const task = await f.ok<{ createCaseTask: { id: string; status: string } }>(SW, CREATE, {
      input: {
        caseId: statutory,
        title: 'Följ upp kontaktförbud',
        assignedOrganisationId: police,
        assignedUserId: plId,
        dueOn: today(),
      },
    });
    expect(task.createCaseTask.status).toBe('OPEN');
    // A due date before the day of creation is refused: make this one overdue in the database.
    await f.server.sql(`UPDATE case_task SET due_on = '2020-01-01' WHERE id = $1`, [task.createCaseTask.id]);
    const taby = await f.orgId('taby');
    const bad = await f.server.gql(
      CREATE,
      { input: { caseId: statutory, title: 'X', assignedOrganisationId: taby, dueOn: '2026-01-01' } },
      await f.token(SW),
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignedOrganisationId' });
    const overdue = await f.ok<{ myOverdueTasks: { id: string; caseId: string }[] }>(
      PL,
      'query { myOverdueTasks { id caseId title dueOn } }',
    );
    expect(overdue.myOverdueTasks.map((t) => t.id)).toContain(task.createCaseTask.id);
    const swOverdue = await f.ok<{ myOverdueTasks: { title: string }[] }>(SW, 'query { myOverdueTasks { title } }');
    expect(swOverdue.myOverdueTasks.map((t) => t.title)).toEqual(['Boka uppföljande samtal']); // the seeded one, due three days ago
    // Done: no longer overdue
    await f.ok(PL, 'mutation U($id: ID!) { updateCaseTask(id: $id, input: { status: DONE }) { status } }', {
      id: task.createCaseTask.id,
    });
    expect(
      (await f.ok<{ myOverdueTasks: { id: string }[] }>(PL, 'query { myOverdueTasks { id } }')).myOverdueTasks.map(
        (t) => t.id,
      ),
    ).not.toContain(task.createCaseTask.id);
  });

  it('a note is stored but its text never reaches the audit log or the timeline; the timeline shows who changed which field', async () => {
    const caseId = await newCase();
    const marker = `hemlig-${Date.now()}`;
    await f.ok(SW, NOTE, { input: { caseId, text: `Samtal med ${marker}.\nNästa steg bokat.` } });
    await f.ok(SW, 'mutation U($id: ID!) { updateCase(id: $id, input: { riskLevel: SEVERE }) { riskLevel } }', {
      id: caseId,
    });
    await f.ok(SW, 'mutation R($id: ID!) { setCaseExternalReference(caseId: $id, reference: "SOC-2026-9002") }', {
      id: caseId,
    });
    const data = await f.ok<{
      case: {
        notes: { text: string }[];
        history: {
          entityType: string;
          field: string | null;
          oldValue: string | null;
          newValue: string | null;
          actorUserId: string;
        }[];
      };
    }>(
      SW,
      'query C($id: ID!) { case(id: $id) { notes { text } history { entityType action field oldValue newValue actorUserId } } }',
      { id: caseId },
    );
    expect(data.case.notes[0].text).toContain(marker);
    const swId = await f.userId(SW);
    expect(data.case.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityType: 'Case',
          field: 'riskLevel',
          oldValue: 'LOW',
          newValue: 'SEVERE',
          actorUserId: swId,
        }),
        expect.objectContaining({ entityType: 'CaseNote', field: null, oldValue: null, newValue: null }),
        expect.objectContaining({
          entityType: 'CaseExternalReference',
          field: 'reference',
          oldValue: null,
          newValue: null,
        }),
      ]),
    );
    const leaked = await f.server.sql(
      `SELECT id FROM audit_event WHERE audit_event::text LIKE $1 OR audit_event::text LIKE '%SOC-2026-900%'`,
      [`%${marker}%`],
    );
    expect(leaked).toEqual([]);
    const history = await f.server.sql(
      `SELECT id FROM case_history WHERE case_history::text LIKE $1 OR case_history::text LIKE '%SOC-2026-900%'`,
      [`%${marker}%`],
    );
    expect(history).toEqual([]);
    const events = await f.server.sql<{ entity_type: string }>(
      `SELECT DISTINCT entity_type FROM audit_event WHERE operation_name = 'N' AND outcome = 'ALLOWED'`,
    );
    expect(events.map((e) => e.entity_type)).toContain('CaseNote');
  });

  it('a meeting records the participating organisations and decisions', async () => {
    const { statutory } = await f.seeded();
    const orgs = [await f.orgId('danderyd'), await f.orgId('police')];
    const res = await f.ok<{ recordCaseMeeting: { heldOn: string; participantOrganisationIds: string[] } }>(
      PL,
      'mutation M($input: RecordCaseMeetingInput!) { recordCaseMeeting(input: $input) { heldOn participantOrganisationIds decisions } }',
      {
        input: {
          caseId: statutory,
          heldOn: '2026-02-03',
          participantOrganisationIds: orgs,
          decisions: 'Skyddsplan fastställd.',
        },
      },
    );
    expect(res.recordCaseMeeting).toMatchObject({ heldOn: '2026-02-03', participantOrganisationIds: orgs });
  });

  it('texts are bounded and free of control characters (BAD_USER_INPUT, nothing stored)', async () => {
    const caseId = await newCase();
    const before = await f.digest();
    for (const text of ['', ' ', 'a'.repeat(4001), 'bell\u0007']) {
      const res = await f.server.gql(NOTE, { input: { caseId, text } }, await f.token(SW));
      expect(res.errors?.[0].extensions?.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
    }
    const ref = await f.server.gql(
      'mutation R($id: ID!) { setCaseExternalReference(caseId: $id, reference: "a\\nb") }',
      { id: caseId },
      await f.token(SW),
    );
    expect(ref.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reference' });
    expect(await f.digest()).toBe(before);
  });

  it('a closed case takes no new content until reopened', async () => {
    const caseId = await newCase();
    const closed = await f.ok<{ updateCase: { status: string; closedAt: string } }>(
      SW,
      'mutation U($id: ID!) { updateCase(id: $id, input: { status: CLOSED }) { status closedAt } }',
      { id: caseId },
    );
    expect(closed.updateCase.status).toBe('CLOSED');
    expect(closed.updateCase.closedAt).not.toBeNull();
    const res = await f.server.gql(NOTE, { input: { caseId, text: 'x' } }, await f.token(SW));
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const reopened = await f.ok<{ updateCase: { closedAt: string | null } }>(
      SW,
      'mutation U($id: ID!) { updateCase(id: $id, input: { status: OPEN }) { closedAt } }',
      { id: caseId },
    );
    expect(reopened.updateCase.closedAt).toBeNull();
  });
});

describe('the case list', () => {
  const LIST = `query L($first: Int, $after: String) { cases(first: $first, after: $after) {
    edges { cursor node { id riskLevel tasks { id title dueOn status } latestAssessment { level method assessedOn } } } pageInfo { hasNextPage endCursor } } }`;
  type ListData = {
    cases: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  };

  it('pages newest first with keyset cursors, and the number of SQL statements does not grow with the page size', async () => {
    const danderyd = await f.orgId('danderyd');
    const swId = await f.userId(SW);
    // 30 more cases, each with two tasks and an assessment, opened one minute apart
    await f.server.sql(
      `WITH c AS (INSERT INTO case_file (owner_organisation_id, risk_level, opened_at, created_by)
                  SELECT $1, 'MEDIUM', date_trunc('milliseconds', now()) - make_interval(days => 200, mins => g), $2 FROM generate_series(1, 30) g RETURNING id, opened_at),
            m AS (INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by) SELECT id, $2, $1, opened_at, $2 FROM c),
            t AS (INSERT INTO case_task (case_id, title, assigned_organisation_id, due_on, audience, author_organisation_id, created_by)
                  SELECT id, 'Uppgift ' || k, $1, current_date + k, 'OWN_ORGANISATION', $1, $2 FROM c, generate_series(1, 2) k)
       INSERT INTO risk_assessment (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id, audience) SELECT id, 'OTHER', current_date, 'LOW', $2, $1, 'OWN_ORGANISATION' FROM c`,
      [danderyd, swId],
    );
    const token = await f.token(SW);
    const all: string[] = [];
    let after: string | null = null;
    do {
      const res: GqlResponse<ListData> = await f.server.gql<ListData>(LIST, { first: 7, after }, token);
      expect(res.errors).toBeUndefined();
      all.push(...res.data!.cases.edges.map((e) => e.node.id));
      after = res.data!.cases.pageInfo.hasNextPage ? res.data!.cases.pageInfo.endCursor : null;
    } while (after);
    const [{ n }] = await f.server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM case_member WHERE user_id = $1`, [
      swId,
    ]);
    expect(all).toHaveLength(n);
    expect(new Set(all).size).toBe(n);

    const spy = spyOnStatements(f.server.runtime.dataSource);
    const count = async (first: number): Promise<number> => {
      spy.clear();
      const res = await f.server.gql<ListData>(LIST, { first }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.cases.edges).toHaveLength(first);
      return spy.count();
    };
    try {
      const small = await count(2);
      const large = await count(25);
      expect(large).toBe(small);
      // session (+ an occasional last-seen touch) + page + tasks + the cases' shares (for the audience rule) + latest assessment + the audit insert
      expect(large).toBeLessThanOrEqual(7);
    } finally {
      spy.restore();
    }
  });

  it('a forged or foreign cursor is BAD_USER_INPUT', async () => {
    const res = await f.server.gql(LIST, { first: 2, after: 'not-a-cursor' }, await f.token(SW));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
