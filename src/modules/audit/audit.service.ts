import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEventDraft } from './audit.recorder';
import { AuditRepository } from './audit.repository';

export class AuditService {
  private readonly repo = new AuditRepository();

  constructor(private readonly dataSource: DataSource) {}

  /** Writes events in the given transaction, or on its own when none is given. Throws on failure. */
  write(drafts: readonly AuditEventDraft[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.repo.insert(manager, drafts);
  }
}
