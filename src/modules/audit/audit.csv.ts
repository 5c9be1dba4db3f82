import { csvCell } from '../../shared/csv';
import type { AuditEventRecord } from './audit.repository';

/** Columns of a log extract, in order. Arrays are joined with `;`, timestamps are UTC ISO 8601. */
const COLUMNS: readonly (readonly [string, (e: AuditEventRecord) => string | null])[] = [
  ['id', (e) => e.id],
  ['occurred_at_utc', (e) => e.occurredAt.toISOString()],
  ['actor_id', (e) => e.actorId],
  ['actor_organisation_id', (e) => e.actorOrganisationId],
  ['actor_roles', (e) => e.actorRoles.join(';')],
  ['action', (e) => e.action],
  ['outcome', (e) => e.outcome],
  ['error_code', (e) => e.errorCode],
  ['operation_type', (e) => e.operationType],
  ['operation_name', (e) => e.operationName],
  ['entity_type', (e) => e.entityType],
  ['entity_ids', (e) => e.entityIds.join(';')],
  ['entity_organisation_ids', (e) => e.entityOrganisationIds.join(';')],
  ['purpose', (e) => e.purpose],
  ['request_id', (e) => e.requestId],
  ['client_address', (e) => e.clientAddress],
];

/** A log extract as CSV: a header row, then one row per event; CRLF line ends. */
export function auditEventsCsv(events: readonly AuditEventRecord[]): string {
  const lines = [COLUMNS.map(([name]) => csvCell(name)).join(',')];
  for (const event of events) lines.push(COLUMNS.map(([, value]) => csvCell(value(event))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name that is safe on any file system and in a Content-Disposition header. */
export function exportFilename(entityType: string, entityId: string, at: Date): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64);
  const stamp = at.toISOString().replace(/[:.]/g, '').replace(/-/g, '');
  return `audit-trail_${safe(entityType)}_${safe(entityId)}_${stamp}.csv`;
}
