import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../audit/audit.recorder';
import { AUDIT_FIELD_BOUNDS } from '../audit/audit.bounds';
import { AuditRepository } from '../audit/audit.repository';
import { RetentionRepository, type ExpiredRecord } from './retention.repository';
import { RetentionRecordType, retentionSchedule, type RetentionSchedule } from './retention.schedule';

export interface RetentionOptions {
  /** List what would go (audited as READ), delete nothing. */
  dryRun: boolean;
  /** The instant periods are measured from (default: now). */
  now?: Date;
  /** Records per batch: one transaction and one audit event per owner organisation each (1–1000, default 500). */
  batchSize?: number;
  /** Default: the documented defaults with RETENTION_SCHEDULE's overrides. */
  schedule?: RetentionSchedule;
}

export interface RetentionReport {
  dryRun: boolean;
  /** Ids per record type: deleted, or in a dry run those that would be. */
  records: Record<RetentionRecordType, string[]>;
  batches: number;
}

const ENTITY_TYPE: Record<RetentionRecordType, string> = {
  [RetentionRecordType.CLOSED_CASE]: 'Case',
  [RetentionRecordType.ENDED_SHARE]: 'CaseShare',
  [RetentionRecordType.EXPIRED_CONSENT]: 'CaseShare',
};

/** One event per owner organisation (an event never mixes owners, docs/audit.md), naming the records. */
function events(type: RetentionRecordType, records: readonly ExpiredRecord[], dryRun: boolean): AuditEventDraft[] {
  const requestId = randomUUID();
  const owners = [...new Set(records.map((r) => r.ownerOrganisationId))].sort();
  return owners.map((owner) => ({
    occurredAt: new Date(),
    requestId,
    actorUserId: null,
    actorOrganisationId: null,
    actorRoles: [],
    sessionHash: null,
    clientAddress: null,
    operationType: 'job',
    operationName: dryRun ? 'retention-dry-run' : 'retention',
    fields: [],
    action: dryRun ? AuditAction.READ : AuditAction.DELETE,
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    entityType: ENTITY_TYPE[type],
    entityIds: records.filter((r) => r.ownerOrganisationId === owner).map((r) => r.id),
    entityOrganisationIds: [owner],
    purpose: `retention:${type}`,
  }));
}

/**
 * Retention (docs/records.md): deletes closed cases, ended shares and expired consents whose period
 * in the schedule has passed, in batches — each batch one transaction with its audit events naming
 * the ids removed. A case under legal hold, and its shares, stay. Indicator counts are separate tables
 * and are not touched. For the job queue: `() => runRetention(dataSource, { dryRun: false })`.
 */
export async function runRetention(dataSource: DataSource, options: RetentionOptions): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > AUDIT_FIELD_BOUNDS.entityIds)
    throw new Error(`batchSize must be 1 to ${AUDIT_FIELD_BOUNDS.entityIds}`);
  const schedule = options.schedule ?? retentionSchedule();
  const repo = new RetentionRepository();
  const audit = new AuditRepository();
  const report: RetentionReport = {
    dryRun: options.dryRun,
    records: {
      [RetentionRecordType.CLOSED_CASE]: [],
      [RetentionRecordType.ENDED_SHARE]: [],
      [RetentionRecordType.EXPIRED_CONSENT]: [],
    },
    batches: 0,
  };
  // Cases first: their shares go with them.
  const find = (manager: EntityManager, type: RetentionRecordType, limit: number): Promise<ExpiredRecord[]> =>
    type === RetentionRecordType.CLOSED_CASE
      ? repo.expiredCases(manager, schedule, now, limit)
      : repo.expiredShares(manager, schedule, type, now, limit);
  for (const type of Object.values(RetentionRecordType)) {
    if (options.dryRun) {
      // Everything that would go, audited batch by batch like a real run.
      const all = await find(dataSource.manager, type, 1_000_000);
      for (let i = 0; i < all.length; i += batchSize) {
        const batch = all.slice(i, i + batchSize);
        await audit.insert(dataSource.manager, events(type, batch, true));
        report.batches += 1;
      }
      report.records[type].push(...all.map((r) => r.id));
      continue;
    }
    for (;;) {
      const deleted = await dataSource.transaction(async (manager) => {
        const batch = await find(manager, type, batchSize);
        const ids = new Set(
          await repo.delete(
            manager,
            type === RetentionRecordType.CLOSED_CASE ? 'cases' : 'shares',
            batch.map((r) => r.id),
          ),
        );
        const gone = batch.filter((r) => ids.has(r.id));
        await audit.insert(manager, events(type, gone, false));
        return gone;
      });
      if (deleted.length === 0) break;
      report.batches += 1;
      report.records[type].push(...deleted.map((r) => r.id));
      if (deleted.length < batchSize) break;
    }
  }
  return report;
}
