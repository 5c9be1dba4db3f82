import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { spyOnStatements } from '../helpers/statement-spy';

/**
 * The lists with relation fields resolve them through the request's loader registry: the number of
 * SQL statements per request does not grow with the page size (as for the activities list in
 * prevention-activities.test.ts). Each list is asked for with every relation field it has.
 */

let server: TestServer;
let danderyd: string;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  danderyd = (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
  )[0].id;
});

afterAll(async () => {
  await server?.stop();
});

async function userId(email: string): Promise<string> {
  return (await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
}

/** Statements of one request, for a small and a large page. */
async function statements(
  query: string,
  token: string,
  edges: (data: Record<string, { edges: unknown[] }>) => number,
  small: number,
  large: number,
): Promise<{ small: number; large: number }> {
  const spy = spyOnStatements(server.runtime.dataSource);
  const count = async (first: number): Promise<number> => {
    spy.clear();
    const res = await server.gql<Record<string, { edges: unknown[] }>>(query, { first }, token);
    expect(res.errors).toBeUndefined();
    expect(edges(res.data!)).toBe(first);
    return spy.count();
  };
  try {
    return { small: await count(small), large: await count(large) };
  } finally {
    spy.restore();
  }
}

describe('the number of SQL statements per request does not grow with the page size', () => {
  it('staffMembers with their certificates', async () => {
    // 30 more staff members, each with a completion of every course.
    await server.sql(
      `WITH s AS (INSERT INTO staff_member (organisation_id, name, unit, title)
                  SELECT $1, 'Räknad ' || g, 'Räkneenheten', 'Socialsekreterare' FROM generate_series(1, 30) g RETURNING id)
       INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by)
       SELECT s.id, c.id, current_date - 30, $2 FROM s, course c`,
      [danderyd, await userId('utbildning@danderyd.example')],
    );
    const token = await server.login('utbildning@danderyd.example');
    const { small, large } = await statements(
      `query S($first: Int) { staffMembers(first: $first) { edges { node { id name certificates { status required completedOn course { id code } } } } } }`,
      token,
      (d) => d.staffMembers.edges.length,
      2,
      30,
    );
    expect(large).toBe(small);
    // 6 when measured (9 for 2 and 93 for 30 staff before the loader): session, page and count, completions,
    // requirements and catalogue (one each for the whole page), the audit insert; + an occasional last-seen touch
    expect(large).toBeLessThanOrEqual(7);
  });

  it('trainingSessions with their course and enrolments', async () => {
    const [course] = await server.sql<{ id: string }>(`SELECT id FROM course WHERE code = 'FREDA-KORT'`);
    // 30 more sessions, each with two enrolments.
    await server.sql(
      `WITH t AS (INSERT INTO training_session (course_id, organisation_id, starts_at, ends_at, place, capacity, instructor, joint)
                  SELECT $2, $1, now() + make_interval(days => g), now() + make_interval(days => g, hours => 6), 'Mörby', 20, 'Test', false
                    FROM generate_series(1, 30) g RETURNING id),
            s AS (SELECT id FROM staff_member WHERE organisation_id = $1 ORDER BY id LIMIT 2)
       INSERT INTO enrolment (session_id, staff_member_id, status, enrolled_at, enrolled_by)
       SELECT t.id, s.id, 'ENROLLED', now(), $3 FROM t, s`,
      [danderyd, course.id, await userId('utbildning@danderyd.example')],
    );
    const token = await server.login('utbildning@danderyd.example');
    const { small, large } = await statements(
      `query T($first: Int) { trainingSessions(first: $first) { edges { node { id course { id code } enrolledCount waitlistedCount
         enrolments { id status course { id } staffMember { id name } } } } } }`,
      token,
      (d) => d.trainingSessions.edges.length,
      2,
      30,
    );
    expect(large).toBe(small);
    // 4 when measured (the page reads courses and the own organisation's enrolments with the sessions);
    // + an occasional last-seen touch
    expect(large).toBeLessThanOrEqual(5);
  });

  it('cases with every relation field', async () => {
    const sw = await userId('socialsekreterare@danderyd.example');
    // 30 more cases, each with two tasks, a meeting, a note and an assessment.
    await server.sql(
      `WITH c AS (INSERT INTO case_file (owner_organisation_id, risk_level, opened_at, created_by)
                  SELECT $1, 'MEDIUM', date_trunc('milliseconds', now()) - make_interval(days => 300, mins => g), $2 FROM generate_series(1, 30) g RETURNING id, opened_at),
            m AS (INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by) SELECT id, $2, $1, opened_at, $2 FROM c),
            t AS (INSERT INTO case_task (case_id, title, assigned_organisation_id, due_on, audience, author_organisation_id, created_by)
                  SELECT id, 'Uppgift ' || k, $1, current_date + k, 'OWN_ORGANISATION', $1, $2 FROM c, generate_series(1, 2) k),
            n AS (INSERT INTO case_note (case_id, text, audience, author_id, author_organisation_id) SELECT id, 'Anteckning', 'OWN_ORGANISATION', $2, $1 FROM c),
            g AS (INSERT INTO case_meeting (case_id, held_on, participant_organisation_ids, decisions, audience, author_organisation_id, created_by)
                  SELECT id, current_date, ARRAY[$1::uuid], 'Beslut', 'OWN_ORGANISATION', $1, $2 FROM c)
       INSERT INTO risk_assessment (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id, audience) SELECT id, 'OTHER', current_date, 'LOW', $2, $1, 'OWN_ORGANISATION' FROM c`,
      [danderyd, sw],
    );
    const token = await server.login('socialsekreterare@danderyd.example');
    const { small, large } = await statements(
      `query C($first: Int) { cases(first: $first) { edges { node { id riskLevel externalReference owner { id name }
         members { userId displayName } legalBases { id } tasks { id title } meetings { id } notes { id }
         riskAssessments { id level } latestAssessment { level } history { id action } } } } }`,
      token,
      (d) => d.cases.edges.length,
      2,
      25,
    );
    expect(large).toBe(small);
    // 11 when measured: session, page and count, one per relation loader, the audit insert; + an occasional
    // last-seen touch
    expect(large).toBeLessThanOrEqual(12);
  });
});
