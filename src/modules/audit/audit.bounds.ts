import type { AuditEventDraft } from './audit.recorder';

/**
 * The most one audit event stores of each field a client can influence. Longer values are cut and
 * end in TRUNCATION_MARKER (so an auditor sees that something was cut); longer lists keep their first
 * entries and end in an entry naming how many were left out. Entity ids are never cut: a request that
 * touched more records gets several events of at most MAX_ENTITY_IDS ids each. The database refuses
 * any new row beyond these bounds (trigger of the HardenAuditLog migration).
 */
export const AUDIT_FIELD_BOUNDS = {
  operationName: 128,
  errorCode: 64,
  fields: 200,
  fieldLength: 100,
  entityIds: 1000,
  entityIdLength: 100,
  clientAddress: 64,
  /**
   * Space-separated parts (`legal-basis:<share id>:<ground>`, about 70 characters each; reason codes),
   * never client text: room for the legal bases of a 100-case page. Cut only between parts.
   */
  purpose: 8000,
} as const;

export const TRUNCATION_MARKER = '…[truncated]';

export function truncated(value: string, max: number): string {
  if (value.length <= max) return value;
  return value.slice(0, max - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}

const truncatedOrNull = (value: string | null, max: number): string | null =>
  typeof value === 'string' ? truncated(value, max) : value;

/**
 * A purpose within its bound: whole parts as long as they fit, then `…[truncated] N more` (never a
 * part cut in the middle, whose record id would no longer be whole).
 */
export function boundedPurpose(purpose: string | null): string | null {
  if (purpose === null || purpose.length <= AUDIT_FIELD_BOUNDS.purpose) return purpose;
  const parts = purpose.split(' ');
  const kept: string[] = [];
  let length = 0;
  for (const [i, part] of parts.entries()) {
    const rest = ` ${TRUNCATION_MARKER} ${parts.length - i - 1} more`;
    if (length + (kept.length > 0 ? 1 : 0) + part.length + rest.length > AUDIT_FIELD_BOUNDS.purpose) break;
    length += (kept.length > 0 ? 1 : 0) + part.length;
    kept.push(part);
  }
  return [...kept, `${TRUNCATION_MARKER} ${parts.length - kept.length} more`].join(' ');
}

function boundedList(values: readonly string[], maxEntries: number, maxLength: number): string[] {
  const cut = values.map((v) => truncated(v, maxLength));
  if (cut.length <= maxEntries) return cut;
  return [...cut.slice(0, maxEntries - 1), `${TRUNCATION_MARKER} ${cut.length - maxEntries + 1} more`];
}

/** The draft as it is stored: every field within its bound (entity id lists are split beforehand). */
export function boundedDraft(d: AuditEventDraft): AuditEventDraft {
  return {
    ...d,
    operationName: truncatedOrNull(d.operationName, AUDIT_FIELD_BOUNDS.operationName),
    errorCode: truncatedOrNull(d.errorCode, AUDIT_FIELD_BOUNDS.errorCode),
    fields: boundedList(d.fields, AUDIT_FIELD_BOUNDS.fields, AUDIT_FIELD_BOUNDS.fieldLength),
    // A record touched without an id (a caller's slip) stays a null entry, as it always was stored.
    entityIds: d.entityIds.map((id) =>
      typeof id === 'string' ? truncated(id, AUDIT_FIELD_BOUNDS.entityIdLength) : id,
    ),
    clientAddress: truncatedOrNull(d.clientAddress, AUDIT_FIELD_BOUNDS.clientAddress),
    purpose: boundedPurpose(d.purpose),
  };
}

/** Splits a sorted id list into chunks of at most MAX entity ids, for one event each. */
export function chunks<T>(values: readonly T[], size: number = AUDIT_FIELD_BOUNDS.entityIds): T[][] {
  if (values.length <= size) return [[...values]];
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
