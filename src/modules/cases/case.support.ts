import { CaseAccessVia, type CaseAccessGrant } from '../../access/case-access';
import { CaseContentAudience } from '../../access/case-content';
import { encodeCursor } from '../../shared/cursor';
import { AppError, badInput, ErrorCode, InputReason, notFound } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import { isDate } from '../training/certification-status';
import {
  CaseTaskStatus,
  ConsentScope,
  LegalBasisKind,
  RiskAssessmentMethod,
  StatutoryGround,
  type CaseShare,
} from './case.entities';
import { type CaseRow } from './case.repository';

export { UUID } from '../../shared/ids';
import { UUID } from '../../shared/ids';
export const CURSOR_KIND = 'case';
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** An assessment may be recorded at most this many days after it was made. */
export const MAX_ASSESSMENT_AGE_DAYS = 90;

/**
 * The methods that need training, with the course each organisation's gate normally names (the
 * seed and the migration provision the gates from these codes; a gate itself names its course by
 * id, see RiskAssessmentGate). OTHER methods need none.
 */
export const COURSE_FOR_METHOD: Readonly<Record<RiskAssessmentMethod, { code: string; title: string } | null>> = {
  [RiskAssessmentMethod.FREDA_DANGER_ASSESSMENT]: { code: 'FREDA-FARLIG', title: 'FREDA farlighetsbedömning' },
  [RiskAssessmentMethod.SARA_SV]: { code: 'SARA:SV', title: 'SARA:SV' },
  [RiskAssessmentMethod.PATRIARK]: { code: 'PATRIARK', title: 'PATRIARK' },
  [RiskAssessmentMethod.OTHER]: null,
};

/** One request's caller. */
/** A case the caller may read, with how it reaches it. */
export interface CaseView extends CaseRow {
  grant: CaseAccessGrant;
}

export interface CasePage {
  nodes: CaseView[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export interface ShareView extends CaseShare {
  active: boolean;
}

export interface LegalBasisInput {
  kind: LegalBasisKind;
  statutoryGround?: StatutoryGround | null;
  consentScope?: ConsentScope | null;
  consentGivenOn?: Date | string | null;
  consentExpiresAt?: Date | null;
}

export interface TaskInput {
  title?: string | null;
  audience?: CaseContentAudience | null;
  assignedOrganisationId?: string | null;
  assignedUserId?: string | null;
  dueOn?: Date | string | null;
  status?: CaseTaskStatus | null;
}

// Control characters other than tab and newline never belong in a text; single-line texts take neither.
// (Matching control characters is the point of these expressions.)
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;

/** A bounded, trimmed text without control characters; BAD_USER_INPUT naming the field otherwise (never quoting the value). */
export function boundedText(field: string, value: string | null | undefined, max: number, multiline = false): string {
  const v = (value ?? '').trim();
  if (v.length === 0 || v.length > max)
    throw badInput(field, InputReason.TEXT_LENGTH_OUT_OF_RANGE, `must be 1 to ${max} characters`);
  if ((multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(v))
    throw badInput(field, InputReason.CONTROL_CHARACTERS, 'must not contain control characters');
  return v;
}

/** A calendar date from a `Date` scalar (UTC midnight) or text; BAD_USER_INPUT otherwise. */
export function dateArg(field: string, value: Date | string | null | undefined): string {
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !isDate(text))
    throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return text;
}

export function id(field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, InputReason.INVALID_ID, 'must be an id');
  return value.toLowerCase();
}

/** How a case read is audited: break-the-glass reads as BREAK_GLASS, everything else as READ; the purpose when a partner's or break-glass. */
export function auditCaseRead(audit: AuditRecorder, views: readonly CaseView[]): void {
  for (const v of views) audit.addPurpose(v.grant.purpose, v.ownerOrganisationId);
  const byAction = (action: AuditAction, via: (x: CaseAccessVia) => boolean): void =>
    audit.touch(
      action,
      'Case',
      views.filter((v) => via(v.grant.via)).map((v) => ({ id: v.id, organisationId: v.ownerOrganisationId })),
    );
  byAction(AuditAction.READ, (x) => x !== CaseAccessVia.BREAK_GLASS);
  byAction(AuditAction.BREAK_GLASS, (x) => x === CaseAccessVia.BREAK_GLASS);
}

/** Records of a case, for the audit log (ids only) with the case owner as owning organisation. */
export function auditChildren(
  audit: AuditRecorder,
  action: AuditAction,
  entityType: string,
  owner: string,
  records: readonly { id: string }[],
): void {
  audit.touch(
    action,
    entityType,
    records.map((r) => ({ id: r.id, organisationId: owner })),
  );
}

/** A record inside a case the caller may not reach answers NOT_FOUND under its own name, like a missing one. */
export async function notFoundAs<T>(what: string, access: Promise<T>): Promise<T> {
  try {
    return await access;
  } catch (error) {
    throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? notFound(what) : error;
  }
}

/** The audience of new content: stated, or the own organisation only (need-to-know by default). */
export function audienceOf(value: CaseContentAudience | null | undefined): CaseContentAudience {
  if (value === undefined || value === null) return CaseContentAudience.OWN_ORGANISATION;
  if (!Object.values(CaseContentAudience).includes(value))
    throw badInput('audience', InputReason.UNKNOWN_VALUE, 'must be OWN_ORGANISATION or SHARED');
  return value;
}

export const cursorOf = (c: CaseRow): string => encodeCursor(CURSOR_KIND, [new Date(c.openedAt).toISOString(), c.id]);
