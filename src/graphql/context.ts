import DataLoader from 'dataloader';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PartnershipTopology } from '../access/access';
import type { Principal } from '../access/principal';
import type { AuditRecorder } from '../modules/audit/audit.recorder';
import type { Area, Organisation } from '../modules/identity/identity.entities';
import type { Commitment, Place } from '../modules/prevention/prevention.entities';
import type { SessionProfile } from '../modules/identity/identity.service';
import type { Services } from './services';

/**
 * Everything one GraphQL request carries: the caller, its audit record, per-request DataLoaders
 * and, for mutations, the transaction that the changes and their audit events commit in.
 */
export class RequestContext {
  readonly loaders: {
    organisation: DataLoader<string, Organisation | null>;
    area: DataLoader<string, Area | null>;
    place: DataLoader<string, Place | null>;
    commitment: DataLoader<string, Commitment | null>;
  };
  private queryRunner: QueryRunner | undefined;
  private topologyMemo: Promise<PartnershipTopology[]> | undefined;

  constructor(
    readonly dataSource: DataSource,
    readonly services: Services,
    readonly audit: AuditRecorder,
    readonly principal: Principal | undefined,
    /** The caller's own profile, read together with the session. */
    readonly profile: SessionProfile | undefined = undefined,
  ) {
    this.loaders = {
      organisation: byIdLoader((ids) => services.identity.organisationsByIds(ids)),
      area: byIdLoader((ids) => services.identity.areasByIds(ids)),
      place: byIdLoader((ids) => services.preventionActivity.placesByIds(ids)),
      commitment: byIdLoader((ids) => services.preventionActivity.commitmentsByIds(ids)),
    };
  }

  /** The caller's partnerships (organisations and areas), loaded once per request. */
  topology(): Promise<PartnershipTopology[]> {
    this.topologyMemo ??= this.services.identity.partnershipTopology(this.principal);
    return this.topologyMemo;
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

/** A per-request loader: one query per batch of ids, whatever the page size. */
function byIdLoader<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await load(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
