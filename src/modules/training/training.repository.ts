import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { preparedStatement, queryPrepared } from '../../db/prepared';
import { assertScope } from '../../db/scoped-repository';
import {
  Course,
  Enrolment,
  EnrolmentStatus,
  StaffMember,
  TrainingCompletion,
  TrainingRequirement,
  TrainingSession,
} from './training.entities';

export interface NameKey {
  name: string;
  id: string;
}

export interface InstantKey {
  startsAt: string;
  id: string;
}

/** A session with its course and its current counts. */
export interface SessionRow extends TrainingSession {
  course: Course;
  enrolledCount: number;
  waitlistedCount: number;
}

/** An enrolment with its staff member, and its session's course and start. */
export interface EnrolmentRow extends Enrolment {
  organisationId: string;
  staffMember: StaffMember;
  course: Course;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
}

/** The latest completion of one staff member and course (on or before a date). */
export interface LatestCompletion {
  staffMemberId: string;
  courseId: string;
  completedOn: string;
}

/** work_mem of the coverage statement (see coverageGroups). */
export const COVERAGE_WORK_MEM = '32MB';

const REPORT_VERSION = preparedStatement(`SELECT version::text AS version FROM training_report_version WHERE id = 1`);

/** Coverage counts of one requirement in one unit (see TrainingRepository.coverageGroups). */
export interface CoverageGroup {
  requirementId: string;
  unit: string;
  staffCount: number;
  valid: number;
  expiring: number;
  expired: number;
  missing: number;
  /** Names of the staff whose status is EXPIRED or MISSING, unsorted. */
  missingStaff: string[];
  /** Their ids, in the same order. */
  missingStaffIds: string[];
}

/** The sessions a coordinator may see: those of its own organisation, and joint ones of partner organisations. */
export interface SessionScope {
  scope: OrganisationScope;
  jointOrganisationIds: readonly string[];
}

const STAFF = `s.id, s.organisation_id AS "organisationId", s.unit, s.name, s.title, s.user_id AS "userId", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
const COURSE = `c.id, c.code, c.title, c.provider, c.hours, c.validity_months AS "validityMonths", c.renewal_window_days AS "renewalWindowDays",
  c.owner_organisation_id AS "ownerOrganisationId", c.created_at AS "createdAt"`;
const SESSION = `t.id, t.course_id AS "courseId", t.organisation_id AS "organisationId", t.starts_at AS "startsAt", t.ends_at AS "endsAt", t.place,
  t.capacity, t.instructor, t.joint, t.cancelled_at AS "cancelledAt", t.created_at AS "createdAt"`;
const courseJson = `json_build_object('id', c.id, 'code', c.code, 'title', c.title, 'provider', c.provider, 'hours', c.hours,
  'validityMonths', c.validity_months, 'renewalWindowDays', c.renewal_window_days) AS course`;
const staffJson = `json_build_object('id', s.id, 'organisationId', s.organisation_id, 'unit', s.unit, 'name', s.name, 'title', s.title, 'userId', s.user_id) AS "staffMember"`;
const ENROLMENT = `e.id, e.session_id AS "sessionId", e.staff_member_id AS "staffMemberId", e.status, e.completed_on::text AS "completedOn",
  e.enrolled_at AS "enrolledAt", e.enrolled_by AS "enrolledBy", e.updated_at AS "updatedAt", s.organisation_id AS "organisationId",
  t.starts_at AS "sessionStartsAt", t.ends_at AS "sessionEndsAt", ${staffJson}, ${courseJson}`;
const ENROLMENT_FROM = `enrolment e JOIN staff_member s ON s.id = e.staff_member_id JOIN training_session t ON t.id = e.session_id JOIN course c ON c.id = t.course_id`;

/** Separates the names in the coverage query's aggregate (a control character: never in a name). */
const RECORD_SEPARATOR = '\x1e';

const own = (scope: OrganisationScope): string[] => {
  assertScope(scope);
  return [...scope.organisationIds];
};

/** The only place training data is queried. Organisation-owned reads take the caller's scope. */
export class TrainingRepository {
  // --- staff register -------------------------------------------------------------------------

  async staffPage(
    m: EntityManager,
    scope: OrganisationScope,
    first: number,
    after: NameKey | null,
  ): Promise<StaffMember[]> {
    const params: unknown[] = [own(scope)];
    let keyset = '';
    if (after) {
      params.push(after.name, after.id);
      keyset = `AND (s.name, s.id) > ($2, $3::uuid)`;
    }
    return m.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) ${keyset} ORDER BY s.name, s.id LIMIT ${first + 1}`,
      params,
    );
  }

  async staffCount(m: EntityManager, scope: OrganisationScope): Promise<number> {
    const rows: { n: string }[] = await m.query(
      `SELECT count(*) AS n FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[])`,
      [own(scope)],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async staffByIds(
    m: EntityManager,
    scope: OrganisationScope,
    ids: readonly string[],
    lock = false,
  ): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    return m.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) AND s.id = ANY($2::uuid[]) ${lock ? 'FOR UPDATE' : ''}`,
      [own(scope), [...ids]],
    );
  }

  async staffOfOrganisation(m: EntityManager, scope: OrganisationScope): Promise<StaffMember[]> {
    return m.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) ORDER BY s.unit, s.name, s.id`,
      [own(scope)],
    );
  }

  /**
   * The staff member linked to a user. Keyed by the user id itself (the SELF scope: a caller's own
   * record, or the cases module's gate asking about one user), so it takes no organisation scope.
   */
  async staffByUser(m: EntityManager, userId: string): Promise<StaffMember | null> {
    const [row]: StaffMember[] = await m.query(`SELECT ${STAFF} FROM staff_member s WHERE s.user_id = $1`, [userId]);
    return row ?? null;
  }

  /** Whether a user (of the given organisation) exists: a staff member may link only to a login of its own organisation. */
  async userInOrganisation(m: EntityManager, userId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM app_user WHERE id = $1 AND organisation_id = $2`, [
      userId,
      organisationId,
    ]);
    return rows.length > 0;
  }

  /** Logins of one organisation by e-mail (lower-cased), for linking imported staff. */
  async usersOfOrganisationByEmail(
    m: EntityManager,
    organisationId: string,
    emails: readonly string[],
  ): Promise<{ id: string; email: string }[]> {
    if (emails.length === 0) return [];
    return m.query(`SELECT id, email FROM app_user WHERE organisation_id = $1 AND email = ANY($2::text[])`, [
      organisationId,
      [...emails],
    ]);
  }

  async linkedUserIds(m: EntityManager, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { userId: string }[] = await m.query(
      `SELECT user_id AS "userId" FROM staff_member WHERE user_id = ANY($1::uuid[])`,
      [[...userIds]],
    );
    return rows.map((r) => r.userId);
  }

  async staffLinkedTo(m: EntityManager, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM staff_member WHERE user_id = $1`, [userId]);
    return rows[0]?.id ?? null;
  }

  async staffHasHistory(m: EntityManager, staffMemberId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM enrolment WHERE staff_member_id = $1 UNION ALL SELECT 1 FROM training_completion WHERE staff_member_id = $1 LIMIT 1`,
      [staffMemberId],
    );
    return rows.length > 0;
  }

  saveStaff(m: EntityManager, staff: StaffMember): Promise<StaffMember> {
    return m.save(StaffMember, staff);
  }

  async deleteStaff(m: EntityManager, scope: OrganisationScope, id: string): Promise<void> {
    await m.query(`DELETE FROM staff_member WHERE id = $1 AND organisation_id = ANY($2::uuid[])`, [id, own(scope)]);
  }

  // --- courses (shared catalogue: not organisation-owned) -----------------------------------

  courses(m: EntityManager): Promise<Course[]> {
    return m.query(`SELECT ${COURSE} FROM course c ORDER BY c.code`);
  }

  async coursesByIds(m: EntityManager, ids: readonly string[]): Promise<Course[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT ${COURSE} FROM course c WHERE c.id = ANY($1::uuid[])`, [[...ids]]);
  }

  async courseByCode(m: EntityManager, code: string): Promise<Course | null> {
    const [row]: Course[] = await m.query(`SELECT ${COURSE} FROM course c WHERE c.code = $1`, [code]);
    return row ?? null;
  }

  /** Organisations whose risk-assessment gates use the course. */
  async gatingOrganisations(m: EntityManager, courseId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT organisation_id AS id FROM risk_assessment_gate WHERE course_id = $1`,
      [courseId],
    );
    return rows.map((r) => r.id);
  }

  async courseById(m: EntityManager, id: string): Promise<Course | null> {
    const [row]: Course[] = await m.query(`SELECT ${COURSE} FROM course c WHERE c.id = $1`, [id]);
    return row ?? null;
  }

  async courseForUpdate(m: EntityManager, id: string): Promise<Course | null> {
    const [row]: Course[] = await m.query(`SELECT ${COURSE} FROM course c WHERE c.id = $1 FOR UPDATE`, [id]);
    return row ? Object.assign(new Course(), row) : null;
  }

  saveCourse(m: EntityManager, course: Course): Promise<Course> {
    return m.save(Course, course);
  }

  // --- requirements ----------------------------------------------------------------------------

  requirements(m: EntityManager, scope: OrganisationScope): Promise<(TrainingRequirement & { course: Course })[]> {
    return m.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit, r.created_at AS "createdAt", ${courseJson}
         FROM training_requirement r JOIN course c ON c.id = r.course_id
        WHERE r.organisation_id = ANY($1::uuid[]) ORDER BY c.code, r.role NULLS FIRST, r.unit NULLS FIRST, r.id`,
      [own(scope)],
    );
  }

  /**
   * The requirements of a staff member's own organisation, to mark which certificates are required
   * of them in their record. Keyed by that staff member's organisation (already authorised).
   */
  requirementsOfOrganisation(m: EntityManager, organisationId: string): Promise<TrainingRequirement[]> {
    return m.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit FROM training_requirement r WHERE r.organisation_id = $1`,
      [organisationId],
    );
  }

  async requirementById(m: EntityManager, scope: OrganisationScope, id: string): Promise<TrainingRequirement | null> {
    const [row]: TrainingRequirement[] = await m.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit FROM training_requirement r
        WHERE r.id = $1 AND r.organisation_id = ANY($2::uuid[]) FOR UPDATE`,
      [id, own(scope)],
    );
    return row ?? null;
  }

  saveRequirement(m: EntityManager, r: TrainingRequirement): Promise<TrainingRequirement> {
    return m.save(TrainingRequirement, r);
  }

  async deleteRequirement(m: EntityManager, scope: OrganisationScope, id: string): Promise<void> {
    await m.query(`DELETE FROM training_requirement WHERE id = $1 AND organisation_id = ANY($2::uuid[])`, [
      id,
      own(scope),
    ]);
  }

  // --- sessions --------------------------------------------------------------------------------

  private sessionVisibility(s: SessionScope): { sql: string; params: unknown[] } {
    const params: unknown[] = [own(s.scope), [...s.jointOrganisationIds]];
    return {
      sql: `(t.organisation_id = ANY($1::uuid[]) OR (t.joint AND t.organisation_id = ANY($2::uuid[])))`,
      params,
    };
  }

  /** One page, latest start first; one extra row to know whether more follow. */
  async sessionPage(m: EntityManager, s: SessionScope, first: number, after: InstantKey | null): Promise<SessionRow[]> {
    const { sql, params } = this.sessionVisibility(s);
    let keyset = '';
    if (after) {
      params.push(after.startsAt, after.id);
      keyset = `AND (t.starts_at, t.id) < ($3::timestamptz, $4::uuid)`;
    }
    return m.query(
      `SELECT ${SESSION}, ${courseJson},
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'ENROLLED') AS "enrolledCount",
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'WAITLISTED') AS "waitlistedCount"
         FROM training_session t JOIN course c ON c.id = t.course_id
        WHERE ${sql} ${keyset} ORDER BY t.starts_at DESC, t.id DESC LIMIT ${first + 1}`,
      params,
    );
  }

  async sessionCount(m: EntityManager, s: SessionScope): Promise<number> {
    const { sql, params } = this.sessionVisibility(s);
    const rows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM training_session t WHERE ${sql}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  /** One visible session; `lock` takes its row lock (enrolments of one session are serialised on it). */
  async session(m: EntityManager, s: SessionScope, id: string, lock = false): Promise<SessionRow | null> {
    const { sql, params } = this.sessionVisibility(s);
    params.push(id);
    const [row]: SessionRow[] = await m.query(
      `SELECT ${SESSION}, ${courseJson},
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'ENROLLED') AS "enrolledCount",
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'WAITLISTED') AS "waitlistedCount"
         FROM training_session t JOIN course c ON c.id = t.course_id
        WHERE ${sql} AND t.id = $3 ${lock ? 'FOR UPDATE OF t' : ''}`,
      params,
    );
    return row ?? null;
  }

  saveSession(m: EntityManager, session: TrainingSession): Promise<TrainingSession> {
    return m.save(TrainingSession, session);
  }

  /** Locks a session's row (enrolments of one session are serialised on it) and returns its capacity. */
  async lockSessionCapacity(m: EntityManager, sessionId: string): Promise<number> {
    const rows: { capacity: number }[] = await m.query(
      `SELECT capacity FROM training_session WHERE id = $1 FOR UPDATE`,
      [sessionId],
    );
    return rows[0]?.capacity ?? 0;
  }

  /** Staff of other organisations than `organisationId` enrolled or waitlisted on a session (a joint session's partners). */
  async countPartnerEnrolments(m: EntityManager, sessionId: string, organisationId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM enrolment e JOIN staff_member s ON s.id = e.staff_member_id
        WHERE e.session_id = $1 AND e.status IN ('ENROLLED', 'WAITLISTED') AND s.organisation_id <> $2`,
      [sessionId, organisationId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Cancels every enrolled or waitlisted enrolment of a session; the cancelled ones with their staff's organisation. */
  async cancelOpenEnrolments(m: EntityManager, sessionId: string): Promise<{ id: string; organisationId: string }[]> {
    return m.query(
      `UPDATE enrolment e SET status = 'CANCELLED', updated_at = now() FROM staff_member s
        WHERE s.id = e.staff_member_id AND e.session_id = $1 AND e.status IN ('ENROLLED', 'WAITLISTED')
       RETURNING e.id, s.organisation_id AS "organisationId"`,
      [sessionId],
    );
  }

  async countEnrolled(m: EntityManager, sessionId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM enrolment WHERE session_id = $1 AND status = 'ENROLLED'`,
      [sessionId],
    );
    return rows[0]?.n ?? 0;
  }

  // --- enrolments ------------------------------------------------------------------------------

  /** Enrolments of these sessions whose staff belong to the caller's organisation(s). */
  async enrolmentsOfSessions(
    m: EntityManager,
    scope: OrganisationScope,
    sessionIds: readonly string[],
  ): Promise<EnrolmentRow[]> {
    if (sessionIds.length === 0) return [];
    return m.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM}
        WHERE e.session_id = ANY($1::uuid[]) AND s.organisation_id = ANY($2::uuid[]) ORDER BY e.enrolled_at, e.id`,
      [[...sessionIds], own(scope)],
    );
  }

  /** Enrolments of one staff member (the caller's own record, or one the caller was granted). */
  enrolmentsOfStaff(m: EntityManager, staffMemberId: string): Promise<EnrolmentRow[]> {
    return m.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM} WHERE e.staff_member_id = $1 ORDER BY t.starts_at DESC, e.id`,
      [staffMemberId],
    );
  }

  /** An enrolment of a staff member of the caller's organisation(s); `lock` takes its row lock. */
  async enrolment(m: EntityManager, scope: OrganisationScope, id: string, lock = false): Promise<EnrolmentRow | null> {
    const [row]: EnrolmentRow[] = await m.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM} WHERE e.id = $1 AND s.organisation_id = ANY($2::uuid[]) ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id, own(scope)],
    );
    return row ?? null;
  }

  async enrolmentOf(m: EntityManager, sessionId: string, staffMemberId: string): Promise<Enrolment | null> {
    return m.findOne(Enrolment, { where: { sessionId, staffMemberId }, lock: { mode: 'pessimistic_write' } });
  }

  async enrolmentById(m: EntityManager, id: string): Promise<Enrolment | null> {
    return m.findOne(Enrolment, { where: { id } });
  }

  /** The waitlisted enrolments of a session, first come first; locked for promotion. */
  waitlist(m: EntityManager, sessionId: string, limit: number): Promise<Enrolment[]> {
    if (limit <= 0) return Promise.resolve([]);
    return m
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.session_id = :sessionId AND e.status = :status', { sessionId, status: EnrolmentStatus.WAITLISTED })
      .orderBy('e.enrolled_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  saveEnrolment(m: EntityManager, e: Enrolment): Promise<Enrolment> {
    return m.save(Enrolment, e);
  }

  // --- completions -----------------------------------------------------------------------------

  saveCompletion(m: EntityManager, c: TrainingCompletion): Promise<TrainingCompletion> {
    return m.save(TrainingCompletion, c);
  }

  async deleteCompletionOfEnrolment(m: EntityManager, enrolmentId: string): Promise<void> {
    await m.query(`DELETE FROM training_completion WHERE enrolment_id = $1`, [enrolmentId]);
  }

  /** Every completion date of the given staff members, per course (for a record or a gate). */
  completionsOf(m: EntityManager, staffMemberIds: readonly string[]): Promise<LatestCompletion[]> {
    if (staffMemberIds.length === 0) return Promise.resolve([]);
    return m.query(
      `SELECT staff_member_id AS "staffMemberId", course_id AS "courseId", completed_on::text AS "completedOn"
         FROM training_completion WHERE staff_member_id = ANY($1::uuid[]) ORDER BY completed_on`,
      [[...staffMemberIds]],
    );
  }

  /** The latest completion on or before `on` per staff member and course, for the caller's organisation(s). */
  latestCompletions(m: EntityManager, scope: OrganisationScope, on: string): Promise<LatestCompletion[]> {
    return m.query(
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
  async reportVersion(m: EntityManager): Promise<string> {
    const rows: { version: string }[] = await queryPrepared(m, REPORT_VERSION, []);
    if (!rows[0]) throw new Error('training_report_version has no row');
    return rows[0].version;
  }

  async staffTitles(m: EntityManager, scope: OrganisationScope): Promise<string[]> {
    const rows: { title: string }[] = await m.query(
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
   * query). The names and ids come as two strings split here: PostgreSQL's text arrays are parsed
   * in JavaScript (slower than the query) and building JSON per name cost 20 ms per report.
   */
  async coverageGroups(
    m: EntityManager,
    scope: OrganisationScope,
    on: string,
    roleTitles: readonly { requirementId: string; title: string }[],
  ): Promise<CoverageGroup[]> {
    // The planner sorts the ~20,000 applicable pairs for the grouping unless the hash aggregate fits
    // in work_mem (PostgreSQL's default 4 MB does not); with 32 MB, for this statement only, it hashes.
    // Medians at 5,000 staff: PostgreSQL 15 66–76 ms → 50–53 ms; the embedded PostgreSQL 17 sorts as
    // fast as it hashes (56 ms either way).
    const rows: (Omit<CoverageGroup, 'missingStaff' | 'missingStaffIds'> & { names: string; ids: string })[] =
      await m.transaction(async (t) => {
        await t.query(`SET LOCAL work_mem = '${COVERAGE_WORK_MEM}'`);
        return t.query(
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
                SELECT a.requirement_id, a.unit, a.name, a.staff_member_id,
                       CASE WHEN d.completed_on IS NULL THEN 'MISSING'
                            WHEN a.validity_months IS NULL THEN 'VALID'
                            WHEN (d.completed_on + make_interval(months => a.validity_months))::date < $2::date THEN 'EXPIRED'
                            WHEN (d.completed_on + make_interval(months => a.validity_months))::date - $2::date < a.renewal_window_days THEN 'EXPIRING'
                            ELSE 'VALID' END AS status
                  FROM applies a
                  LEFT JOIN training_latest_completion l ON l.staff_member_id = a.staff_member_id AND l.course_id = a.course_id
                  CROSS JOIN LATERAL (
                    SELECT CASE WHEN l.completed_on IS NULL OR l.completed_on <= $2::date THEN l.completed_on
                                ELSE (SELECT max(x.completed_on) FROM training_completion x
                                       WHERE x.staff_member_id = a.staff_member_id AND x.course_id = a.course_id AND x.completed_on <= $2::date) END AS completed_on
                    OFFSET 0
                  ) d
              )
         SELECT requirement_id AS "requirementId", unit COLLATE "C" AS unit, count(*)::int AS "staffCount",
                count(*) FILTER (WHERE status = 'VALID')::int AS valid, count(*) FILTER (WHERE status = 'EXPIRING')::int AS expiring,
                count(*) FILTER (WHERE status = 'EXPIRED')::int AS expired, count(*) FILTER (WHERE status = 'MISSING')::int AS missing,
                COALESCE(string_agg(name, E'\x1e') FILTER (WHERE status IN ('EXPIRED', 'MISSING')), '') AS names,
                COALESCE(string_agg(staff_member_id::text, ',') FILTER (WHERE status IN ('EXPIRED', 'MISSING')), '') AS ids
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
    m: EntityManager,
    scope: OrganisationScope,
    from: string,
    to: string,
  ): Promise<{ courseId: string; completions: number; staff: number }[]> {
    const rows: { courseId: string; completions: string; staff: string }[] = await m.query(
      `SELECT x.course_id AS "courseId", count(*) AS completions, count(DISTINCT x.staff_member_id) AS staff
         FROM training_completion x JOIN staff_member s ON s.id = x.staff_member_id
        WHERE s.organisation_id = ANY($1::uuid[]) AND x.completed_on BETWEEN $2::date AND $3::date
        GROUP BY x.course_id`,
      [own(scope), from, to],
    );
    return rows.map((r) => ({ courseId: r.courseId, completions: Number(r.completions), staff: Number(r.staff) }));
  }
}
