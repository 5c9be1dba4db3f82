import { Pool } from 'pg';

/**
 * The case list at scale: 20,000 cases of Danderyd's social services, each with three tasks and
 * two risk assessments. The demo social worker is a member of every other case (10,000), a
 * synthetic colleague of the rest; one case in four is shared with the police on a statutory
 * ground. Inserted in a few set-based statements as the superuser, then ANALYZE.
 */
export const CASES_MEMBER_EMAIL = 'socialsekreterare@danderyd.example';
export const BENCH_CASES = 20_000;

/** The benchmark's list query: one page of 20 with each case's tasks and latest assessment (no totalCount). */
export const CASES_QUERY = `query Cases {
  cases(first: 20) {
    edges { cursor node { id riskLevel status openedAt tasks { id title dueOn status } latestAssessment { id method level assessedOn } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The `Type.field`s the API records for CASES_QUERY (checked against its audit event before measuring). */
export const CASES_FIELDS = [
  'Case.id',
  'Case.latestAssessment',
  'Case.openedAt',
  'Case.riskLevel',
  'Case.status',
  'Case.tasks',
  'CaseConnection.edges',
  'CaseConnection.pageInfo',
  'CaseEdge.cursor',
  'CaseEdge.node',
  'CaseTask.dueOn',
  'CaseTask.id',
  'CaseTask.status',
  'CaseTask.title',
  'PageInfo.endCursor',
  'PageInfo.hasNextPage',
  'Query.cases',
  'RiskAssessment.assessedOn',
  'RiskAssessment.id',
  'RiskAssessment.level',
  'RiskAssessment.method',
];

export interface CasesPage {
  cases: {
    edges: { cursor: string; node: { id: string; tasks: unknown[]; latestAssessment: unknown } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export async function insertBenchCases(
  superUrl: string,
  count: number,
): Promise<{ seconds: number; memberOf: number; tasks: number; assessments: number }> {
  const pool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-cases' });
  const started = Date.now();
  try {
    const member = (
      await pool.query<{ id: string; organisation_id: string }>(
        'SELECT id, organisation_id FROM app_user WHERE email = $1',
        [CASES_MEMBER_EMAIL],
      )
    ).rows[0];
    if (!member) throw new Error(`the demo data has no ${CASES_MEMBER_EMAIL}`);
    const police = (
      await pool.query<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'POLICE' ORDER BY name LIMIT 1`)
    ).rows[0];
    const colleague = (
      await pool.query<{ id: string }>(
        `INSERT INTO app_user (organisation_id, email, display_name, password_hash) VALUES ($1, 'bench-colleague@danderyd.example', 'Socialsekreterare (bench)', 'not-a-hash')
         RETURNING id`,
        [member.organisation_id],
      )
    ).rows[0];
    await pool.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'SOCIAL_WORKER')`, [colleague.id]);
    const levels = `(ARRAY['LOW','MEDIUM','HIGH','SEVERE']::case_risk_level[])`;
    await pool.query('BEGIN');
    // Opened one per 37 minutes back from now, at millisecond precision (the list's cursor).
    await pool.query(
      `CREATE TEMP TABLE bench_case ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, date_trunc('milliseconds', now()) - make_interval(mins => 37 * g) AS opened_at FROM generate_series(1, $1::int) g`,
      [count],
    );
    await pool.query(
      `INSERT INTO case_file (id, owner_organisation_id, risk_level, status, opened_at, closed_at, created_by)
       SELECT id, $1, ${levels}[1 + g % 4], CASE WHEN g % 10 = 0 THEN 'CLOSED'::case_status ELSE 'OPEN' END,
              opened_at, CASE WHEN g % 10 = 0 THEN opened_at + interval '30 days' END, $2 FROM bench_case`,
      [member.organisation_id, member.id],
    );
    await pool.query(
      `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
       SELECT id, CASE WHEN g % 2 = 0 THEN $2::uuid ELSE $3::uuid END, $1, opened_at, $2 FROM bench_case`,
      [member.organisation_id, member.id, colleague.id],
    );
    await pool.query(
      `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, created_by) SELECT id, $1, 'STATUTORY', 'OSL_10_18C', $2 FROM bench_case WHERE g % 4 = 0`,
      [police.id, member.id],
    );
    await pool.query(
      `INSERT INTO case_task (case_id, title, assigned_organisation_id, assigned_user_id, due_on, status, created_by)
       SELECT id, (ARRAY['Boka uppföljande samtal','Ta fram skyddsplan','Avstämning med polisen'])[k], $1, CASE WHEN k = 1 THEN $2::uuid END,
              (opened_at + make_interval(days => 7 * k))::date, (ARRAY['OPEN','IN_PROGRESS','DONE']::case_task_status[])[1 + (g + k) % 3], $2
         FROM bench_case, generate_series(1, 3) k`,
      [member.organisation_id, member.id],
    );
    await pool.query(
      `INSERT INTO risk_assessment (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id)
       SELECT id, CASE WHEN k = 1 THEN 'FREDA_DANGER_ASSESSMENT'::risk_assessment_method ELSE 'OTHER' END, (opened_at + make_interval(days => 3 * k))::date,
              ${levels}[1 + (g + k) % 4], $2, $1
         FROM bench_case, generate_series(1, 2) k`,
      [member.organisation_id, member.id],
    );
    await pool.query('COMMIT');
    await pool.query('ANALYZE case_file, case_member, case_share, case_task, risk_assessment');
    const one = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);
    return {
      seconds: (Date.now() - started) / 1000,
      memberOf: await one('SELECT count(*) AS n FROM case_member WHERE user_id = $1', [member.id]),
      tasks: await one('SELECT count(*) AS n FROM case_task'),
      assessments: await one('SELECT count(*) AS n FROM risk_assessment'),
    };
  } catch (error) {
    await pool.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await pool.end();
  }
}
