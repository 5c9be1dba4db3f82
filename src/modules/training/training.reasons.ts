/**
 * Why the training module refused input (`extensions.reason` of BAD_USER_INPUT): staff register, course
 * catalogue, sessions and enrolments, certificates and imports.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum TrainingReason {
  /** The course is not one the caller's organisation may use. */
  UNKNOWN_COURSE = 'UNKNOWN_COURSE',
  /** The user is not one of the caller's organisation. */
  UNKNOWN_USER = 'UNKNOWN_USER',
  /** The user is already linked to another staff member. */
  USER_ALREADY_LINKED = 'USER_ALREADY_LINKED',
  /** A staff member with enrolments or completions cannot be deleted. */
  STAFF_MEMBER_HAS_RECORDS = 'STAFF_MEMBER_HAS_RECORDS',
  /** A risk-assessment training gate uses the course: its code cannot change. */
  COURSE_CODE_USED_BY_GATE = 'COURSE_CODE_USED_BY_GATE',
  /** A course with this code exists. */
  COURSE_CODE_TAKEN = 'COURSE_CODE_TAKEN',
  /** A session's capacity cannot go below the staff already enrolled. */
  CAPACITY_BELOW_ENROLLED = 'CAPACITY_BELOW_ENROLLED',
  /** A session stays joint while partner organisations have staff enrolled or waitlisted. */
  PARTNER_STAFF_ENROLLED = 'PARTNER_STAFF_ENROLLED',
  /** The session is cancelled. */
  SESSION_CANCELLED = 'SESSION_CANCELLED',
  /** The staff member is already enrolled or waitlisted on the session. */
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  /** Only an enrolled or waitlisted enrolment can be cancelled. */
  ENROLMENT_NOT_CANCELLABLE = 'ENROLMENT_NOT_CANCELLABLE',
  /** Attendance is recorded for enrolled staff (or corrected from NO_SHOW). */
  ATTENDANCE_NOT_RECORDABLE = 'ATTENDANCE_NOT_RECORDABLE',
  /** A completion is dated in the future. */
  COMPLETION_IN_FUTURE = 'COMPLETION_IN_FUTURE',
  /** An import is empty: a header row is required. */
  CSV_HEADER_MISSING = 'CSV_HEADER_MISSING',
  /** An import's header names a column twice. */
  CSV_REPEATED_COLUMN = 'CSV_REPEATED_COLUMN',
  /** An import's header lacks a required column. */
  CSV_MISSING_COLUMN = 'CSV_MISSING_COLUMN',
  /** An import's header names an unknown column. */
  CSV_UNKNOWN_COLUMN = 'CSV_UNKNOWN_COLUMN',
  /** An import has more rows than one call takes. */
  CSV_TOO_MANY_ROWS = 'CSV_TOO_MANY_ROWS',
}

declare module '../../shared/errors' {
  interface InputReasons {
    training: TrainingReason;
  }
}
