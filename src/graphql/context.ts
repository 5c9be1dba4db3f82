import DataLoader from 'dataloader';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Principal } from '../access/principal';
import type { AuditRecorder } from '../modules/audit/audit.recorder';
import type { Organisation } from '../modules/identity/identity.entities';
import type { Services } from './services';

/**
 * Everything one GraphQL request carries: the caller, its audit record, per-request DataLoaders
 * and, for mutations, the transaction that the changes and their audit events commit in.
 */
export class RequestContext {
  readonly loaders: { organisation: DataLoader<string, Organisation | null> };
  private queryRunner: QueryRunner | undefined;

  constructor(
    readonly dataSource: DataSource,
    readonly services: Services,
    readonly audit: AuditRecorder,
    readonly principal: Principal | undefined,
  ) {
    this.loaders = {
      organisation: new DataLoader(async (ids) => {
        const rows = await services.identity.organisationsByIds(ids);
        const byId = new Map(rows.map((o) => [o.id, o]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
  }

  /** The transaction of this mutation, started on first use. */
  async transaction(): Promise<EntityManager> {
    if (!this.queryRunner) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction('READ COMMITTED');
      } catch (error) {
        await runner.release();
        throw error;
      }
      this.queryRunner = runner;
    }
    return this.queryRunner.manager;
  }

  get inTransaction(): boolean {
    return this.queryRunner !== undefined;
  }

  /** Commits or rolls back the mutation's transaction and releases its connection. */
  async finish(commit: boolean): Promise<void> {
    const runner = this.queryRunner;
    if (!runner) return;
    this.queryRunner = undefined;
    try {
      if (commit) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  }

  /** The manager to read with: the mutation's transaction when one is open, else the pool. */
  get manager(): EntityManager {
    return this.queryRunner?.manager ?? this.dataSource.manager;
  }
}
