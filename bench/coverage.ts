import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../src/access/access';
import { REQUEST_PATH_SETTINGS } from '../src/db/data-source';
import { todayInSweden } from '../src/modules/training/certification-status';
import { coverageRows, roleMatches, type CoverageRow } from '../src/modules/training/training-coverage.report';
import type { Course, StaffMember, TrainingRequirement } from '../src/modules/training/training.entities';
import { CourseRepository } from '../src/modules/training/course.repository';
import { StaffMemberRepository } from '../src/modules/training/staff-member.repository';
import { TrainingCompletionRepository } from '../src/modules/training/training-completion.repository';
import { COVERAGE_WORK_MEM } from '../src/modules/training/training-repository.support';

/**
 * The training coverage report at scale: Danderyd's social services with 5,000 staff over 20 units,
 * 20 courses (the demo's 7 and 13 more), requirements by role and by unit, and 100,000 completions
 * over the last five years, all inserted in a few set-based statements as the superuser.
 */
export const COVERAGE_COORDINATOR_EMAIL = 'utbildning@danderyd.example';
export const COVERAGE_STAFF = 5_000;
export const COVERAGE_COURSES = 20;
export const COVERAGE_COMPLETIONS = 100_000;
/** Concurrent connections of the coverage load (a report, not a hot path: modest concurrency). */
export const COVERAGE_CONNECTIONS = 10;

const UNITS = [
  'Vuxenenheten',
  'Barn och familj',
  'Stab',
  'Mottagningen',
  'Ekonomiskt bistånd',
  'Familjerätten',
  'Boendestöd',
  'Missbruksenheten',
  'Ungdomsenheten',
  'Familjebehandling',
  'Utredningsenheten',
  'Placeringsenheten',
  'Socialjouren',
  'Äldreomsorgen',
  'Funktionsstöd',
  'LSS-enheten',
  'Anhörigstöd',
  'Öppenvården',
  'Kvinnofridsteamet',
  'Integrationsenheten',
];
const TITLES = [
  'Socialsekreterare',
  'Socialsekreterare',
  'Familjebehandlare',
  'Biståndshandläggare',
  'Enhetschef',
  'Behandlingsassistent',
];
const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Per',
  'Eva',
  'Mikael',
  'Lena',
  'Anders',
  'Ingrid',
  'Fredrik',
  'Åsa',
  'Olof',
  'Elsa',
  'Nils',
  'Sofia',
  'Ali',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Öberg',
  'Lindström',
  'Axelsson',
  'Berglund',
  'Sandberg',
  'Forsberg',
];

export interface CoverageData {
  organisationId: string;
  staff: number;
  units: number;
  courses: number;
  requirements: number;
  completions: number;
  seconds: number;
}

/** Inserts up to COVERAGE_STAFF Danderyd staff, COVERAGE_COURSES courses, requirements and COVERAGE_COMPLETIONS completions (totals), then ANALYZE. */
export async function insertCoverageData(superUrl: string): Promise<CoverageData> {
  const pool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-coverage' });
  const started = Date.now();
  try {
    const org = (
      await pool.query<{ organisation_id: string; id: string }>(
        'SELECT organisation_id, id FROM app_user WHERE email = $1',
        [COVERAGE_COORDINATOR_EMAIL],
      )
    ).rows[0];
    if (!org) throw new Error(`the demo data has no ${COVERAGE_COORDINATOR_EMAIL}`);
    const organisationId = org.organisation_id;
    const one = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);

    // Courses: 13 more beyond the demo's, with validity (some never expire) and renewal windows.
    const extraCourses = COVERAGE_COURSES - (await one('SELECT count(*) AS n FROM course'));
    await pool.query(
      `INSERT INTO course (code, title, provider, hours, validity_months, renewal_window_days)
       SELECT 'BENCH-' || lpad(g::text, 2, '0'), 'Benchmarkkurs ' || g, 'Benchmark', 2 + g % 7,
              CASE WHEN g % 5 = 0 THEN NULL ELSE 12 * (1 + g % 4) END,
              CASE WHEN g % 5 = 0 THEN 0 ELSE 30 * (1 + g % 4) END
         FROM generate_series(1, $1::int) g`,
      [Math.max(0, extraCourses)],
    );

    // Staff: the demo's Danderyd staff plus enough to make COVERAGE_STAFF, spread over the units.
    const extraStaff =
      COVERAGE_STAFF -
      (await one('SELECT count(*) AS n FROM staff_member WHERE organisation_id = $1', [organisationId]));
    await pool.query(
      `INSERT INTO staff_member (organisation_id, unit, name, title)
       SELECT $1::uuid, ($2::text[])[1 + g % cardinality($2::text[])],
              ($3::text[])[1 + g % cardinality($3::text[])] || ' ' || ($4::text[])[1 + (g / cardinality($3::text[])) % cardinality($4::text[])] || ' ' || lpad(g::text, 4, '0'),
              ($5::text[])[1 + (g * 7) % cardinality($5::text[])]
         FROM generate_series(1, $6::int) g`,
      [organisationId, UNITS, FIRST, LAST, TITLES, Math.max(0, extraStaff)],
    );

    // Requirements: each bench course for one job role (every unit), the first seven also for one unit.
    const roles = [...new Set(TITLES)];
    await pool.query(
      `INSERT INTO training_requirement (organisation_id, course_id, role, unit)
       SELECT $1::uuid, c.id, ($2::text[])[1 + c.k % cardinality($2::text[])], NULL
         FROM (SELECT id, row_number() OVER (ORDER BY code) AS k FROM course WHERE code LIKE 'BENCH-%') c
       UNION ALL
       SELECT $1::uuid, c.id, NULL, ($3::text[])[1 + (c.k * 3) % cardinality($3::text[])]
         FROM (SELECT id, row_number() OVER (ORDER BY code) AS k FROM course WHERE code LIKE 'BENCH-%') c WHERE c.k <= 7`,
      [organisationId, roles, UNITS],
    );

    // Completions: random (seeded) staff, course and day within the last five years.
    const extraCompletions = COVERAGE_COMPLETIONS - (await one('SELECT count(*) AS n FROM training_completion'));
    await pool.query('SELECT setseed(0.2026)');
    await pool.query(
      `WITH s AS (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS i FROM staff_member WHERE organisation_id = $1),
            c AS (SELECT id, (row_number() OVER (ORDER BY code) - 1)::int AS j FROM course),
            g AS (SELECT floor(random() * (SELECT count(*) FROM s))::int AS i, floor(random() * (SELECT count(*) FROM c))::int AS j,
                         (current_date - floor(random() * 1826)::int) AS d
                    FROM generate_series(1, $2::int))
       INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by)
       SELECT s.id, c.id, g.d, $3::uuid FROM g JOIN s USING (i) JOIN c USING (j)`,
      [organisationId, Math.max(0, extraCompletions), org.id],
    );
    // VACUUM too: the visibility map autovacuum would have set after 100,000 inserts (index-only scans).
    await pool.query('VACUUM ANALYZE staff_member, course, training_requirement, training_completion');
    return {
      organisationId,
      staff: await one('SELECT count(*) AS n FROM staff_member WHERE organisation_id = $1', [organisationId]),
      units: await one('SELECT count(DISTINCT unit) AS n FROM staff_member WHERE organisation_id = $1', [
        organisationId,
      ]),
      courses: await one('SELECT count(*) AS n FROM course'),
      requirements: await one('SELECT count(*) AS n FROM training_requirement WHERE organisation_id = $1', [
        organisationId,
      ]),
      completions: await one('SELECT count(*) AS n FROM training_completion'),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await pool.end();
  }
}

/** The benchmark's report query: every field of every row, the missing names included. */
export const COVERAGE_QUERY = `query Coverage($on: String) {
  trainingCoverage(on: $on) {
    on
    rows { requirementId course { id code } role unit staffCount coveredCount share valid expiring expired missing missingStaff }
  }
}`;

export interface CoverageAnswer {
  trainingCoverage: { on: string; rows: (Omit<CoverageRow, 'course'> & { course: { id: string; code: string } })[] };
}

/** A manager that runs the repository's SQL on a pool and records it, so that the very same SQL can be explained. */
function recordingManager(pool: Pool, recorded: { sql: string; params: unknown[] }[]): EntityManager {
  const manager = {
    query: async (sql: string, params: unknown[] = []): Promise<unknown[]> => {
      // Session settings (the repository's SET LOCAL) are applied by the pool's options instead.
      if (/^\s*SET\s/i.test(sql)) return [];
      recorded.push({ sql, params });
      return (await pool.query(sql, params)).rows;
    },
    transaction: <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
      work(manager as unknown as EntityManager),
  };
  return manager as unknown as EntityManager;
}

function scopeOf(organisationId: string, userId: string): OrganisationScope {
  return {
    capability: 'TRAINING_REPORT',
    scope: 'OWN',
    organisationIds: [organisationId],
    partnershipIds: [],
    userId,
  } as unknown as OrganisationScope;
}

/**
 * The SQL the repository runs for the report (captured from the repository itself), each with
 * EXPLAIN (ANALYZE, BUFFERS); and the report computed from the plain rows by the in-process
 * reference (coverageRows), to hold the API's answer against.
 */
export async function explainCoverage(
  superUrl: string,
  organisationId: string,
  on: string,
): Promise<{ plans: string; expected: CoverageRow[] }> {
  // The API's request-path planner settings and the coverage statement's work_mem, so that the
  // plans shown are the ones it gets.
  const pool = new Pool({
    connectionString: superUrl,
    max: 1,
    application_name: 'samverkan-bench-coverage-explain',
    options: `${REQUEST_PATH_SETTINGS} -c work_mem=${COVERAGE_WORK_MEM}`,
  });
  try {
    const userId = (
      await pool.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [COVERAGE_COORDINATOR_EMAIL])
    ).rows[0].id;
    const scope = scopeOf(organisationId, userId);
    const courseRepo = new CourseRepository();
    const staffRepo = new StaffMemberRepository();
    const completionRepo = new TrainingCompletionRepository();
    const recorded: { sql: string; params: unknown[] }[] = [];
    const manager = recordingManager(pool, recorded);
    // The queries of TrainingService.coverage, in its order.
    const requirementRows = await courseRepo.requirements(manager, scope);
    const titles = await completionRepo.staffTitles(manager, scope);
    const roleTitles = requirementRows.flatMap((r) =>
      r.role === null
        ? []
        : titles.filter((t) => roleMatches(r.role, t)).map((title) => ({ requirementId: r.id, title })),
    );
    await completionRepo.coverageGroups(manager, scope, on, roleTitles);

    // The reference: requirements, staff and every completion, through the plain (unoptimised) path.
    const plain = recordingManager(pool, []);
    const requirements = (await courseRepo.requirements(plain, scope)) as (TrainingRequirement & { course: Course })[];
    const staff = (await staffRepo.staffOfOrganisation(plain, scope)) as StaffMember[];
    const completions = await completionRepo.latestCompletions(plain, scope, on);
    const expected = coverageRows(requirements, staff, completions, on);

    const sections: string[] = [];
    for (const [i, q] of recorded.entries()) {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await pool.query(q.sql, q.params);
        times.push(performance.now() - started);
      }
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      // Long parameter arrays appear inlined in filters: cut those lines.
      const planLines = plan.rows.map((r) =>
        r['QUERY PLAN'].length > 300 ? `${r['QUERY PLAN'].slice(0, 300)} …` : r['QUERY PLAN'],
      );
      const shown = JSON.stringify(q.params, (_key, value: unknown) =>
        Array.isArray(value) && value.length > 8 ? [...value.slice(0, 3), `… ${value.length} in all`] : value,
      );
      sections.push(
        [
          `-- coverage query ${i + 1} of ${recorded.length}; parameters ${shown}`,
          q.sql.trim(),
          '',
          `-- without EXPLAIN, 5 runs over the pg client: median ${percentile(times, 50).toFixed(1)} ms`,
          ...planLines,
        ].join('\n'),
      );
    }
    return { plans: sections.join('\n\n'), expected };
  } finally {
    await pool.end();
  }
}

/** Whether the API's rows equal the reference's (course by id, everything else field by field). */
export function sameCoverage(
  api: CoverageAnswer['trainingCoverage']['rows'],
  expected: readonly CoverageRow[],
): string | null {
  if (api.length !== expected.length) return `${api.length} rows from the API, ${expected.length} expected`;
  for (const [i, e] of expected.entries()) {
    const a = api[i];
    // The fields COVERAGE_QUERY selects (not missingStaffMembers: the same names as missingStaff).
    const { missingStaffMembers: _ids, ...selected } = e;
    const want = { ...selected, course: { id: e.course.id, code: e.course.code } };
    if (JSON.stringify(a) !== JSON.stringify(want))
      return `row ${i} differs:\n    API      ${JSON.stringify(a).slice(0, 300)}\n    expected ${JSON.stringify(want).slice(0, 300)}`;
  }
  return null;
}

/** Latencies of `count` requests one after another (ms), by a caller that awaits each answer. */
export async function sequentialLatencies(
  request: () => Promise<unknown>,
  seconds: number,
  minimum: number,
): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (samples.length < minimum || performance.now() < until) {
    const started = performance.now();
    await request();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function writePlans(file: string, header: string, plans: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${header}\n\n${plans}\n`);
}

export { todayInSweden };
