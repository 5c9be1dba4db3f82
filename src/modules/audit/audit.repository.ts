import type { EntityManager } from 'typeorm';
import { draftHash } from './audit.hash';
import type { AuditEventDraft } from './audit.recorder';

/** Writes audit events. Only INSERT: the database refuses anything else to the application role. */
export class AuditRepository {
  async insert(manager: EntityManager, drafts: readonly AuditEventDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const columns = [
      'occurred_at', 'request_id', 'actor_user_id', 'actor_organisation_id', 'actor_roles', 'session_hash',
      'client_address', 'operation_type', 'operation_name', 'fields', 'action', 'outcome', 'error_code',
      'entity_type', 'entity_ids', 'entity_organisation_ids', 'purpose', 'hash',
    ];
    const params: unknown[] = [];
    const rows = drafts.map((d) => {
      const values = [
        d.occurredAt.toISOString(), d.requestId, d.actorUserId, d.actorOrganisationId, d.actorRoles, d.sessionHash,
        d.clientAddress, d.operationType, d.operationName, d.fields, d.action, d.outcome, d.errorCode,
        d.entityType, d.entityIds, d.entityOrganisationIds, d.purpose, draftHash(d),
      ];
      const placeholders = values.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO audit_event (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params);
  }
}
