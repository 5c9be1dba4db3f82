import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { queryPrepared } from '../../db/prepared';
import { TrainingCompletion } from './training.entities';
import {
  REPORT_VERSION,
  LatestCompletion,
  COVERAGE_WORK_MEM,
  CoverageGroup,
  RECORD_SEPARATOR,
  own,
} from './training-repository.support';

/**
 * The coverage statement's certification statuses as small integers (compared in its FILTERs once
 * computed); EXPIRED and MISSING, the two without a certificate, are the highest.
 */
enum Status {
  VALID = 0,
  EXPIRING = 1,
  EXPIRED = 2,
  MISSING = 3,
}

/** Completions and the reports computed from them. */
export class TrainingCompletionRepository {
  // --- completions -----------------------------------------------------------------------------

  saveCompletion(manager: EntityManager, c: TrainingCompletion): Promise<TrainingCompletion> {
    return manager.save(TrainingCompletion, c);
  }

  /** Every completion date of the given staff members, per course (for a record or a gate). */
  completionsOf(manager: EntityManager, staffMemberIds: readonly string[]): Promise<LatestCompletion[]> {
    if (staffMemberIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT staff_member_id AS "staffMemberId", course_id AS "courseId", completed_on::text AS "completedOn"
         FROM training_completion WHERE staff_member_id = ANY($1::uuid[]) ORDER BY completed_on`,
      [[...staffMemberIds]],
    );
  }

  /** The latest completion on or before `on` per staff member and course, for the caller's organisation(s). */
  latestCompletions(manager: EntityManager, scope: OrganisationScope, on: string): Promise<LatestCompletion[]> {
    return manager.query(
      `SELECT DISTINCT ON (x.staff_member_id, x.course_id)
              x.staff_member_id AS "staffMemberId", x.course_id AS "courseId", x.completed_on::text AS "completedOn"
         FROM training_completion x JOIN staff_member s ON s.id = x.staff_member_id
        WHERE s.organisation_id = ANY($1::uuid[]) AND x.completed_on <= $2::date
        ORDER BY x.staff_member_id, x.course_id, x.completed_on DESC`,
      [own(scope), on],
    );
  }

  /** The distinct job titles of the caller's organisation(s)' staff (to match requirements' roles against). */
  /** The training report version (see the TrainingReportVersion migration), as a decimal string. */
  async reportVersion(manager: EntityManager): Promise<string> {
    const rows: { version: string }[] = await queryPrepared(manager, REPORT_VERSION, []);
    if (!rows[0]) throw new Error('training_report_version has no row');
    return rows[0].version;
  }

  async staffTitles(manager: EntityManager, scope: OrganisationScope): Promise<string[]> {
    const rows: { title: string }[] = await manager.query(
      `SELECT DISTINCT s.title FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[])`,
      [own(scope)],
    );
    return rows.map((r) => r.title);
  }

  /**
   * The coverage report's counts, computed in the database: per requirement of the caller's
   * organisation(s) and unit, the staff it applies to (same organisation; the requirement's unit if
   * any; a title listed for it in `roleTitles` if it has a role) counted by certification status on
   * `on`, with the names and ids of those EXPIRED or MISSING. The status follows certification-status.ts:
   * the latest completion on or before `on` decides; `date + n months` clamps the day to the target
   * month's end like addMonths; EXPIRED when the expiry date is before `on`, EXPIRING when fewer
   * than renewal-window days are left. Units without applicable staff yield no group.
   * Plan: the staff a requirement applies to come from three hash-joinable branches (by unit; by
   * job title; everyone), each pair's latest completion from training_latest_completion in one hash
   * join; only a pair whose latest completion lies after `on` probes its own completions (OFFSET 0
   * keeps that probe a single sub-plan rather than one copy per use of the date). The requirement
   * and course are joined in each branch (a shared CTE was materialised and cost a third of the
   * query). The status is computed in that sub-plan too, once per pair, as an integer: a status
   * column of a pulled-up subquery is copied into every FILTER that reads it (six CASEs, each with
   * up to two month additions, per pair; about a fifth of the statement's CPU at 5,000 staff). The
   * names and ids come as two strings split here: PostgreSQL's text arrays are parsed in JavaScript
   * (slower than the query) and building JSON per name cost 20 ms per report.
   */
  async coverageGroups(
    manager: EntityManager,
    scope: OrganisationScope,
    on: string,
    roleTitles: readonly { requirementId: string; title: string }[],
  ): Promise<CoverageGroup[]> {
    // The planner sorts the ~20,000 applicable pairs for the grouping unless the hash aggregate fits
    // in work_mem (PostgreSQL's default 4 MB does not); with 32 MB, for this statement only, it hashes.
    // Medians at 5,000 staff: PostgreSQL 15 66–76 ms → 50–53 ms; the embedded PostgreSQL 17 sorts as
    // fast as it hashes (56 ms either way).
    const rows: (Omit<CoverageGroup, 'missingStaff' | 'missingStaffIds'> & { names: string; ids: string })[] =
      await manager.transaction(async (manager) => {
        await manager.query(`SET LOCAL work_mem = '${COVERAGE_WORK_MEM}'`);
        return manager.query(
          `WITH role_title AS (SELECT * FROM unnest($3::uuid[], $4::text[]) AS t(requirement_id, title)),
              applies AS (
                SELECT r.id AS requirement_id, s.unit, s.name, s.id AS staff_member_id, r.course_id, c.validity_months, c.renewal_window_days
                  FROM training_requirement r JOIN course c ON c.id = r.course_id
                  JOIN staff_member s ON s.organisation_id = r.organisation_id AND s.unit = r.unit
                 WHERE r.organisation_id = ANY($1::uuid[]) AND r.role IS NULL
                UNION ALL
                SELECT r.id, s.unit, s.name, s.id, r.course_id, c.validity_months, c.renewal_window_days
                  FROM role_title t JOIN training_requirement r ON r.id = t.requirement_id JOIN course c ON c.id = r.course_id
                  JOIN staff_member s ON s.organisation_id = r.organisation_id AND s.title = t.title AND (r.unit IS NULL OR s.unit = r.unit)
                 WHERE r.organisation_id = ANY($1::uuid[])
                UNION ALL
                SELECT r.id, s.unit, s.name, s.id, r.course_id, c.validity_months, c.renewal_window_days
                  FROM training_requirement r JOIN course c ON c.id = r.course_id JOIN staff_member s ON s.organisation_id = r.organisation_id
                 WHERE r.organisation_id = ANY($1::uuid[]) AND r.role IS NULL AND r.unit IS NULL
              ),
              status AS (
                SELECT a.requirement_id, a.unit, a.name, a.staff_member_id, d.status
                  FROM applies a
                  LEFT JOIN training_latest_completion l ON l.staff_member_id = a.staff_member_id AND l.course_id = a.course_id
                  CROSS JOIN LATERAL (
                    SELECT CASE WHEN p.completed_on IS NULL THEN ${Status.MISSING}
                                WHEN a.validity_months IS NULL THEN ${Status.VALID}
                                WHEN (p.completed_on + make_interval(months => a.validity_months))::date < $2::date THEN ${Status.EXPIRED}
                                WHEN (p.completed_on + make_interval(months => a.validity_months))::date - $2::date < a.renewal_window_days THEN ${Status.EXPIRING}
                                ELSE ${Status.VALID} END AS status
                      FROM (SELECT CASE WHEN l.completed_on IS NULL OR l.completed_on <= $2::date THEN l.completed_on
                                        ELSE (SELECT max(x.completed_on) FROM training_completion x
                                               WHERE x.staff_member_id = a.staff_member_id AND x.course_id = a.course_id AND x.completed_on <= $2::date) END AS completed_on
                            OFFSET 0) p
                    OFFSET 0
                  ) d
              )
         SELECT requirement_id AS "requirementId", unit COLLATE "C" AS unit, count(*)::int AS "staffCount",
                count(*) FILTER (WHERE status = ${Status.VALID})::int AS valid, count(*) FILTER (WHERE status = ${Status.EXPIRING})::int AS expiring,
                count(*) FILTER (WHERE status = ${Status.EXPIRED})::int AS expired, count(*) FILTER (WHERE status = ${Status.MISSING})::int AS missing,
                COALESCE(string_agg(name, E'\x1e') FILTER (WHERE status >= ${Status.EXPIRED}), '') AS names,
                COALESCE(string_agg(staff_member_id::text, ',') FILTER (WHERE status >= ${Status.EXPIRED}), '') AS ids
           FROM status GROUP BY requirement_id, unit COLLATE "C"`,
          [own(scope), on, roleTitles.map((t) => t.requirementId), roleTitles.map((t) => t.title)],
        );
      });
    return rows.map(({ names, ids, ...counts }) => {
      const missingStaff = names === '' ? [] : names.split(RECORD_SEPARATOR);
      const missingStaffIds = ids === '' ? [] : ids.split(',');
      // Both lists come from one aggregation, row by row; a name holding the separator (refused at
      // the API's edge, like every control character) would shift them: refuse rather than misreport.
      if (missingStaff.length !== counts.expired + counts.missing || missingStaffIds.length !== missingStaff.length) {
        throw new Error('coverage: the names of the staff without a certificate do not line up with their counts');
      }
      return { ...counts, missingStaff, missingStaffIds };
    });
  }

  /** Completions per course in [from, to] by staff of the caller's organisation(s). */
  async completionsPerCourse(
    manager: EntityManager,
    scope: OrganisationScope,
    from: string,
    to: string,
  ): Promise<{ courseId: string; completions: number; staff: number }[]> {
    const rows: { courseId: string; completions: string; staff: string }[] = await manager.query(
      `SELECT x.course_id AS "courseId", count(*) AS completions, count(DISTINCT x.staff_member_id) AS staff
         FROM training_completion x JOIN staff_member s ON s.id = x.staff_member_id
        WHERE s.organisation_id = ANY($1::uuid[]) AND x.completed_on BETWEEN $2::date AND $3::date
        GROUP BY x.course_id`,
      [own(scope), from, to],
    );
    return rows.map((r) => ({ courseId: r.courseId, completions: Number(r.completions), staff: Number(r.staff) }));
  }
}
