import type { DataSource, EntityManager } from 'typeorm';
import { Capability, organisationScope, requireCapability, type OrganisationScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import { bigintIdPart, decodeCursor, encodeCursor, pageSize } from '../../shared/cursor';
import { badInput, InputReason } from '../../shared/errors';
import { AuditBatcher, standaloneBatchOptions } from './audit.batcher';
import { auditEventsCsv, exportFilename } from './audit.csv';
import { AuditAction, type AuditEventDraft, type AuditOutcome, type AuditRecorder } from './audit.recorder';
import { AuditRepository, type AuditEventCriteria, type AuditEventRecord } from './audit.repository';
import { verifyAuditLog, type AuditVerificationResult } from './audit.verify';
import { UUID } from '../../shared/ids';
import { purposeRecordIds, redactedAuditEvent } from '../../access/audit-redaction';

const CURSOR_KIND = 'AuditEvent';
/** At most this many events in one CSV extract; narrow a longer one with from/to. */
export const EXPORT_ROW_LIMIT = 10_000;
const ENTITY_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;
const MAX_ENTITY_ID_LENGTH = 200;

/** What an auditor may filter on; every condition optional. */
export interface AuditEventFilterInput {
  actorId?: string | null;
  organisationId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: AuditAction | null;
  outcome?: AuditOutcome | null;
  from?: Date | null;
  to?: Date | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface AuditEventPage {
  events: AuditEventRecord[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** The number of events matching the same filter in the caller's scope (all pages). */
  count(): Promise<number>;
}

export interface AuditExport {
  filename: string;
  contentType: string;
  csv: string;
  rowCount: number;
  truncated: boolean;
}

export class AuditService {
  private readonly repo = new AuditRepository();

  /** Writes outside a transaction, coalesced across concurrent requests. */
  private readonly standalone: AuditBatcher;

  constructor(
    private readonly dataSource: DataSource,
    /** Where the sealer anchors checkpoint digests; verification compares with it. */
    private readonly anchorFile?: string,
  ) {
    const poolSize = (dataSource.options as { poolSize?: number }).poolSize ?? 10;
    this.standalone = new AuditBatcher(
      (drafts) => this.repo.insert(this.dataSource.manager, drafts),
      standaloneBatchOptions(poolSize),
    );
  }

  /**
   * Writes events in the given transaction (they commit with it), or else on their own, possibly in
   * one INSERT with other requests' events. Resolves once they are committed; throws on failure.
   */
  write(drafts: readonly AuditEventDraft[], manager?: EntityManager): Promise<void> {
    return manager ? this.repo.insert(manager, drafts) : this.standalone.write(drafts);
  }

  // --- the auditor API (AUDIT_READ): reading the log is itself audited --------------------------

  /** Events in the auditor's scope matching the filter, newest first, keyset-paginated on id. */
  async events(
    { principal, audit }: Actor,
    filter: AuditEventFilterInput | null | undefined,
    page: PageArgs,
  ): Promise<AuditEventPage> {
    const scope = organisationScope(principal, Capability.AUDIT_READ);
    return this.page(scope, audit, criteriaOf(filter ?? {}, false, 'filter.'), page);
  }

  /** The log extract of one record: who read or changed it, when, with what purpose. */
  async trail(
    { principal, audit }: Actor,
    entityType: string,
    entityId: string,
    page: PageArgs,
  ): Promise<AuditEventPage> {
    const scope = organisationScope(principal, Capability.AUDIT_READ);
    const criteria = criteriaOf({ entityType, entityId }, true, '');
    if (criteria.entityType === 'Case' && UUID.test(criteria.entityId!)) {
      // A case's trail is complete: the case and every record in it, in one lookup on the entity_ids index.
      const ids = [criteria.entityId!, ...(await this.repo.caseRecordIds(this.dataSource.manager, criteria.entityId!))];
      return this.page(scope, audit, { entityIdsAny: ids }, page);
    }
    return this.page(scope, audit, criteria, page);
  }

  /** A record's log extract as CSV, audited as EXPORT of the events and of the record. */
  async exportTrail(
    { principal, audit }: Actor,
    entityType: string,
    entityId: string,
    range: { from?: Date | null; to?: Date | null },
  ): Promise<AuditExport> {
    audit.action = AuditAction.EXPORT; // an attempt that is refused is recorded as an EXPORT too
    const scope = organisationScope(principal, Capability.AUDIT_READ);
    const criteria = criteriaOf({ entityType, entityId, from: range.from, to: range.to }, true, '');
    const rows = await this.repo.search(this.dataSource.manager, scope, criteria, null, EXPORT_ROW_LIMIT + 1);
    const truncated = rows.length > EXPORT_ROW_LIMIT;
    const events = await this.redacted(scope, truncated ? rows.slice(0, EXPORT_ROW_LIMIT) : rows);
    touchReturned(audit, events);
    // The exported record itself, with the organisations the log says own it, so that "who exported
    // the trail of X" is found by the same indexed lookup as every other access to X.
    const owners = new Set(events.filter((e) => e.entityIds.length === 1).flatMap((e) => e.entityOrganisationIds));
    audit.touch(
      AuditAction.READ,
      criteria.entityType!,
      owners.size > 0
        ? [...owners].map((organisationId) => ({ id: criteria.entityId!, organisationId }))
        : [{ id: criteria.entityId! }],
    );
    const now = new Date();
    return {
      filename: exportFilename(criteria.entityType!, criteria.entityId!, now),
      contentType: 'text/csv; charset=utf-8',
      csv: auditEventsCsv(events),
      rowCount: events.length,
      truncated,
    };
  }

  /** What an auditor is shown of each event: see `redactedAuditEvent`. */
  private async redacted(scope: OrganisationScope, events: AuditEventRecord[]): Promise<AuditEventRecord[]> {
    const own = new Set(scope.organisationIds);
    const foreign = events.filter((e) => e.actorOrganisationId === null || !own.has(e.actorOrganisationId));
    if (foreign.length === 0) return events;
    const named = new Set(foreign.flatMap((e) => purposeRecordIds(e.purpose)));
    const ours = new Set<string>();
    for (const organisationId of own)
      for (const id of await this.repo.purposeRecordsOf(this.dataSource.manager, organisationId, [...named]))
        ours.add(id);
    return events.map((e) => redactedAuditEvent(e, own, ours));
  }

  /** Recomputes every hash and the checkpoint chain, on one consistent snapshot. */
  async verify({ principal }: Actor): Promise<AuditVerificationResult> {
    requireCapability(principal, Capability.AUDIT_READ);
    // verifyAuditLog opens its own read-only REPEATABLE READ transaction (one snapshot).
    return verifyAuditLog(this.dataSource.manager, { anchorFile: this.anchorFile });
  }

  private async page(
    scope: OrganisationScope,
    audit: AuditRecorder,
    criteria: AuditEventCriteria,
    page: PageArgs,
  ): Promise<AuditEventPage> {
    const size = pageSize(page.first);
    const beforeId = !given(page.after) ? null : decodeCursor(CURSOR_KIND, page.after, [bigintIdPart])[0];
    const manager = this.dataSource.manager;
    const rows = await this.repo.search(manager, scope, criteria, beforeId, size + 1);
    const hasNextPage = rows.length > size;
    const events = await this.redacted(scope, hasNextPage ? rows.slice(0, size) : rows);
    touchReturned(audit, events);
    const cursors = events.map((e) => encodeCursor(CURSOR_KIND, [e.id]));
    let counted: Promise<number> | undefined;
    return {
      events,
      cursors,
      hasNextPage,
      endCursor: cursors.length > 0 ? cursors[cursors.length - 1] : null,
      count: () => (counted ??= this.repo.count(manager, scope, criteria)),
    };
  }
}

/** Reading the log is audited like any read: the request's event lists the events it returned. */
function touchReturned(audit: AuditRecorder, events: readonly AuditEventRecord[]): void {
  audit.touch(
    AuditAction.READ,
    'AuditEvent',
    events.map((e) => ({ id: e.id, organisationId: e.actorOrganisationId })),
  );
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * Validates a filter; the result holds only the conditions given (never an undefined value).
 * `prefix` names the argument in error messages (`filter.` for the filter input).
 */
function criteriaOf(filter: AuditEventFilterInput, entityRequired: boolean, prefix: string): AuditEventCriteria {
  const criteria: AuditEventCriteria = {};
  const uuid = (field: string, value: string): string => {
    if (!UUID.test(value)) throw badInput(prefix + field, InputReason.INVALID_ID, 'must be a UUID');
    return value.toLowerCase();
  };
  if (given(filter.actorId)) criteria.actorId = uuid('actorId', filter.actorId);
  if (given(filter.organisationId)) criteria.organisationId = uuid('organisationId', filter.organisationId);
  if (given(filter.entityType) || entityRequired) {
    const entityType = (filter.entityType ?? '').trim();
    if (!ENTITY_TYPE.test(entityType))
      throw badInput(`${prefix}entityType`, InputReason.INVALID_FORMAT, 'must be a type name such as User');
    criteria.entityType = entityType;
  }
  if (given(filter.entityId) || entityRequired) {
    const entityId = (filter.entityId ?? '').trim();
    if (entityId.length === 0 || entityId.length > MAX_ENTITY_ID_LENGTH) {
      throw badInput(
        `${prefix}entityId`,
        InputReason.TEXT_LENGTH_OUT_OF_RANGE,
        `must be 1 to ${MAX_ENTITY_ID_LENGTH} characters`,
      );
    }
    criteria.entityId = entityId;
  }
  if (given(filter.action)) criteria.action = filter.action;
  if (given(filter.outcome)) criteria.outcome = filter.outcome;
  if (given(filter.from)) criteria.from = validDate(`${prefix}from`, filter.from);
  if (given(filter.to)) criteria.to = validDate(`${prefix}to`, filter.to);
  if (criteria.from && criteria.to && criteria.from.getTime() > criteria.to.getTime()) {
    throw badInput(`${prefix}from`, InputReason.RANGE_END_BEFORE_START, `must not be after ${prefix}to`);
  }
  return criteria;
}

function validDate(field: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw badInput(field, InputReason.INVALID_DATE, 'must be a date-time');
  return value;
}
