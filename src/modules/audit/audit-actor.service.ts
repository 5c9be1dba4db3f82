import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { auditActorOrganisations } from '../../access/audit-actor';
import type { Actor } from '../../access/actor';
import { AuditAction } from './audit.recorder';
import { AuditActorRepository, type AuditActorRow } from './audit-actor.repository';
import { UUID } from '../../shared/ids';

/** The acting users of audit events, as an auditor may see them. */
export class AuditActorService {
  private readonly repo = new AuditActorRepository();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A per-request loader: one statement for all actors of a page, whatever its size. Users outside
   * the auditor's scope load as null (their names are not the auditor's to read); the names read are
   * audited as reads of those users.
   */
  loader({ principal, audit }: Actor): DataLoader<string, AuditActorRow | null> {
    const organisationIds = auditActorOrganisations(principal);
    return new DataLoader(async (ids) => {
      const rows = await this.repo.usersByIds(
        this.dataSource.manager,
        ids.filter((id) => UUID.test(id)),
        organisationIds,
      );
      audit.touch(AuditAction.READ, 'User', rows);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
