import type { OrganisationScope } from '../../access/access';
import { preparedStatement } from '../../db/prepared';
import { assertScope } from '../../db/scoped-repository';
import { Course, Enrolment, StaffMember, TrainingSession } from './training.entities';

/** Row types and column lists shared by the training repositories. */

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

export const REPORT_VERSION = preparedStatement(
  `SELECT version::text AS version FROM training_report_version WHERE id = 1`,
);

/** Coverage counts of one requirement in one unit (see TrainingCompletionRepository.coverageGroups). */
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

export const STAFF = `s.id, s.organisation_id AS "organisationId", s.unit, s.name, s.title, s.user_id AS "userId", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
export const COURSE = `c.id, c.code, c.title, c.provider, c.hours, c.validity_months AS "validityMonths", c.renewal_window_days AS "renewalWindowDays",
  c.owner_organisation_id AS "ownerOrganisationId", c.created_at AS "createdAt"`;
export const SESSION = `t.id, t.course_id AS "courseId", t.organisation_id AS "organisationId", t.starts_at AS "startsAt", t.ends_at AS "endsAt", t.place,
  t.capacity, t.instructor, t.joint, t.cancelled_at AS "cancelledAt", t.created_at AS "createdAt"`;
export const courseJson = `json_build_object('id', c.id, 'code', c.code, 'title', c.title, 'provider', c.provider, 'hours', c.hours,
  'validityMonths', c.validity_months, 'renewalWindowDays', c.renewal_window_days) AS course`;
export const staffJson = `json_build_object('id', s.id, 'organisationId', s.organisation_id, 'unit', s.unit, 'name', s.name, 'title', s.title, 'userId', s.user_id) AS "staffMember"`;
export const ENROLMENT = `e.id, e.session_id AS "sessionId", e.staff_member_id AS "staffMemberId", e.status, e.completed_on::text AS "completedOn",
  e.enrolled_at AS "enrolledAt", e.enrolled_by AS "enrolledBy", e.updated_at AS "updatedAt", s.organisation_id AS "organisationId",
  t.starts_at AS "sessionStartsAt", t.ends_at AS "sessionEndsAt", ${staffJson}, ${courseJson}`;
export const ENROLMENT_FROM = `enrolment e JOIN staff_member s ON s.id = e.staff_member_id JOIN training_session t ON t.id = e.session_id JOIN course c ON c.id = t.course_id`;

/** Separates the names in the coverage query's aggregate (a control character: never in a name). */
export const RECORD_SEPARATOR = '\x1e';

export const own = (scope: OrganisationScope): string[] => {
  assertScope(scope);
  return [...scope.organisationIds];
};
