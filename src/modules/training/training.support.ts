import { badInput, InputReason } from '../../shared/errors';
import { isDate, type Certification } from './certification-status';
import { Course, StaffMember, TrainingSession } from './training.entities';
import { type EnrolmentRow, type SessionRow } from './training-repository.support';
/** Types, limits and input helpers shared by the training services. */
export { UUID } from '../../shared/ids';
export const STAFF_CURSOR = 'staff-member';
export const SESSION_CURSOR = 'training-session';
export const PAGE = { defaultSize: 50, maxSize: 200 };

/** What a certificate lookup needs of a staff member. */
export type StaffRef = Pick<StaffMember, 'id' | 'organisationId' | 'title' | 'unit' | 'userId'>;

export interface StaffInput {
  unit?: string;
  name?: string;
  title?: string;
  userId?: string | null;
}

export interface CourseInput {
  code?: string;
  title?: string;
  provider?: string;
  hours?: number;
  validityMonths?: number | null;
  renewalWindowDays?: number;
}

export interface SessionInput {
  courseId: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  capacity: number;
  instructor: string;
  joint?: boolean;
}

export interface ImportRejection {
  line: number;
  reason: string;
}

export interface ImportReport {
  imported: number;
  rejected: ImportRejection[];
}

export const MAX_IMPORT_ROWS = 5000;

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/** One course's certification for one staff member. */
export interface CertificateView extends Certification {
  course: Course;
  /** Whether a requirement of the staff member's organisation applies to them for this course. */
  required: boolean;
}

/** One staff member's certificates on one date: what the `StaffMember.certificates` loader is asked for. */
export interface CertificateKey {
  staff: StaffRef;
  on: string;
}

export interface TrainingRecord {
  staffMember: StaffMember | null;
  on: string;
  certificates: CertificateView[];
  enrolments: EnrolmentRow[];
}

export interface ExpiringRow extends Certification {
  staffMember: StaffMember;
  course: Course;
}

export interface SessionView extends SessionRow {
  enrolments: EnrolmentRow[];
}

export const text = (field: string, value: string | undefined, max = 200): string => {
  const v = (value ?? '').trim();
  if (v.length === 0 || v.length > max)
    throw badInput(field, InputReason.TEXT_LENGTH_OUT_OF_RANGE, `must be 1 to ${max} characters`);
  return v;
};

export const dateArg = (field: string, value: string | undefined | null, fallback: string): string => {
  if (value === undefined || value === null) return fallback;
  if (!isDate(value)) throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return value;
};

/** Coverage reports kept per process (a report of 5,000 staff holds about 1 MB). */
export const COVERAGE_CACHE_ENTRIES = 8;

/** A session's own fields from its input, validated (creation and change alike). */
export function sessionFields(
  input: Omit<SessionInput, 'courseId'>,
): Pick<TrainingSession, 'startsAt' | 'endsAt' | 'place' | 'capacity' | 'instructor' | 'joint'> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime())) throw badInput('startsAt', InputReason.REQUIRED, 'is required');
  if (Number.isNaN(endsAt.getTime()) || endsAt < startsAt)
    throw badInput('endsAt', InputReason.RANGE_END_BEFORE_START, 'must not be before startsAt');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 1000)
    throw badInput('capacity', InputReason.NUMBER_OUT_OF_RANGE, 'must be 1 to 1000');
  return {
    startsAt,
    endsAt,
    place: text('place', input.place, 500),
    capacity: input.capacity,
    instructor: text('instructor', input.instructor),
    joint: input.joint ?? false,
  };
}

/** The fields of a partial input that were given (GraphQL passes omitted optional fields as undefined or null). */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
