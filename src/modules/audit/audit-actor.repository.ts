import type { EntityManager } from 'typeorm';

export interface AuditActorRow {
  id: string;
  displayName: string;
  organisationId: string;
}

/** Display names of the users in the audit log, for auditors' log reviews. */
export class AuditActorRepository {
  /** One statement per batch; only users of `organisationIds` (the auditor's scope). */
  usersByIds(
    manager: EntityManager,
    ids: readonly string[],
    organisationIds: readonly string[],
  ): Promise<AuditActorRow[]> {
    if (ids.length === 0 || organisationIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT id, display_name AS "displayName", organisation_id AS "organisationId" FROM app_user WHERE id = ANY($1::uuid[]) AND organisation_id = ANY($2::uuid[])`,
      [[...ids], [...organisationIds]],
    );
  }
}
