import { badInput, InputReason } from '../../shared/errors';

/** The search conditions of `cases(filter)` (issue #22): they only narrow what the caller may see. */
export interface CaseSearchFilter {
  /** The caller's organisation's own reference, exactly (ignoring case). */
  reference?: string;
  /** The start of the caller's organisation's own reference (ignoring case). */
  referencePrefix?: string;
  /** A member of the case whom the caller may see among its members. */
  responsibleUserId?: string;
}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function referenceText(field: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') throw badInput(field, InputReason.TEXT_EMPTY, 'must not be empty');
  if (text.length > 100) throw badInput(field, InputReason.TEXT_TOO_LONG, 'at most 100 characters');
  if (CONTROL.test(text)) throw badInput(field, InputReason.CONTROL_CHARACTERS, 'must not hold control characters');
  return text;
}

/** The search part of a filter from the API, checked and trimmed; only the conditions given. */
export function cleanCaseSearch(filter: {
  reference?: string | null;
  referencePrefix?: string | null;
  responsibleUserId?: string | null;
}): CaseSearchFilter {
  const clean: CaseSearchFilter = {};
  const reference = referenceText('reference', filter.reference);
  if (reference !== undefined) clean.reference = reference;
  const prefix = referenceText('referencePrefix', filter.referencePrefix);
  if (prefix !== undefined) clean.referencePrefix = prefix;
  if (filter.responsibleUserId !== undefined && filter.responsibleUserId !== null)
    clean.responsibleUserId = filter.responsibleUserId;
  return clean;
}

/**
 * The search conditions on case `c`, with numbered parameters after `params` ($2 is the caller's
 * organisation). A reference matches only the caller's organisation's own reference row, so another
 * organisation's number never finds a case; a responsible person only as a member the caller may
 * see (the owner sees every member; a partner the owner's and its own, as `Case.members`).
 */
export function caseSearchSql(filter: CaseSearchFilter, params: unknown[]): string {
  const parts: string[] = [];
  if (filter.reference !== undefined) {
    params.push(filter.reference);
    parts.push(`EXISTS (SELECT 1 FROM case_external_reference r WHERE r.case_id = c.id AND r.organisation_id = $2
        AND lower(r.reference) = lower($${params.length}::text))`);
  }
  if (filter.referencePrefix !== undefined) {
    params.push(filter.referencePrefix);
    const p = `$${params.length}::text`;
    parts.push(`EXISTS (SELECT 1 FROM case_external_reference r WHERE r.case_id = c.id AND r.organisation_id = $2
        AND left(lower(r.reference), length(${p})) = lower(${p}))`);
  }
  if (filter.responsibleUserId !== undefined) {
    params.push(filter.responsibleUserId);
    parts.push(`EXISTS (SELECT 1 FROM case_member rm WHERE rm.case_id = c.id AND rm.user_id = $${params.length}::uuid
        AND (c.owner_organisation_id = $2 OR rm.organisation_id IN ($2, c.owner_organisation_id)))`);
  }
  return parts.map((p) => ` AND ${p}`).join('');
}
