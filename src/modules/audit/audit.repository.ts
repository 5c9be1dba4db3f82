import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { preparedStatement, queryPrepared, type PreparedStatement } from '../../db/prepared';
import { assertNoUndefined, assertScope } from '../../db/scoped-repository';
import { AUDIT_BATCH_EVENTS } from './audit.batcher';
import { draftDigest } from './audit.hash';
import type { AuditAction, AuditEventDraft, AuditOutcome } from './audit.recorder';

/** An audit event as auditors see it (no session hash, no transaction id, no content hash). */
export interface AuditEventRecord extends Omit<AuditEventDraft, 'actorUserId' | 'sessionHash'> {
  id: string;
  actorId: string | null;
}

/** Search conditions, already validated by the service. */
export interface AuditEventCriteria {
  actorId?: string;
  organisationId?: string;
  entityType?: string;
  entityId?: string;
  /** Events that touched any of these records (a case's trail: the case and the records in it). */
  entityIdsAny?: string[];
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

const RECORD_COLUMNS = `id::text AS "id", occurred_at AS "occurredAt", request_id AS "requestId", actor_user_id AS "actorId",
  actor_organisation_id AS "actorOrganisationId", actor_roles AS "actorRoles", client_address AS "clientAddress",
  operation_type AS "operationType", operation_name AS "operationName", fields AS "fields", action AS "action",
  outcome AS "outcome", error_code AS "errorCode", entity_type AS "entityType", entity_ids AS "entityIds",
  entity_organisation_ids::text[] AS "entityOrganisationIds", purpose AS "purpose"`;

/**
 * The WHERE clause of an auditor's search. The organisation scope comes first and is not optional:
 * an auditor sees events whose actor belongs to a scoped organisation, or that touched records such
 * an organisation owns. `entityId` uses the GIN index on entity_ids (`@>`).
 */
function whereClause(
  scope: OrganisationScope,
  criteria: AuditEventCriteria,
  beforeId: string | null,
): { sql: string; params: unknown[] } {
  assertScope(scope);
  assertNoUndefined({ ...criteria });
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const orgs = p([...scope.organisationIds]);
  const conditions = [`(actor_organisation_id = ANY(${orgs}::uuid[]) OR entity_organisation_ids && ${orgs}::uuid[])`];
  if (criteria.actorId !== undefined) conditions.push(`actor_user_id = ${p(criteria.actorId)}::uuid`);
  if (criteria.organisationId !== undefined) {
    const org = p(criteria.organisationId);
    conditions.push(`(actor_organisation_id = ${org}::uuid OR entity_organisation_ids @> ARRAY[${org}::uuid])`);
  }
  if (criteria.entityType !== undefined) conditions.push(`entity_type = ${p(criteria.entityType)}`);
  if (criteria.entityId !== undefined) conditions.push(`entity_ids @> ARRAY[${p(criteria.entityId)}::text]`);
  if (criteria.entityIdsAny !== undefined) conditions.push(`entity_ids && ${p(criteria.entityIdsAny)}::text[]`);
  if (criteria.action !== undefined) conditions.push(`action = ${p(criteria.action)}`);
  if (criteria.outcome !== undefined) conditions.push(`outcome = ${p(criteria.outcome)}`);
  if (criteria.from !== undefined) conditions.push(`occurred_at >= ${p(criteria.from.toISOString())}::timestamptz`);
  if (criteria.to !== undefined) conditions.push(`occurred_at <= ${p(criteria.to.toISOString())}::timestamptz`);
  if (beforeId !== null) conditions.push(`id < ${p(beforeId)}::bigint`);
  return { sql: conditions.join(' AND '), params };
}

const AUDIT_COLUMNS = [
  'occurred_at',
  'request_id',
  'actor_user_id',
  'actor_organisation_id',
  'actor_roles',
  'session_hash',
  'client_address',
  'operation_type',
  'operation_name',
  'fields',
  'action',
  'outcome',
  'error_code',
  'entity_type',
  'entity_ids',
  'entity_organisation_ids',
  'purpose',
  'hash',
  'key_id',
];

const insertStatements = new Map<number, PreparedStatement>();

/** The INSERT of `rows` events, whose parameters are `auditInsertValues` of each event in turn. */
export function auditInsertStatement(rows: number): PreparedStatement | string {
  const prepared = insertStatements.get(rows);
  if (prepared) return prepared;
  const n = AUDIT_COLUMNS.length;
  const values = Array.from(
    { length: rows },
    (_, r) => `(${AUDIT_COLUMNS.map((_c, c) => `$${r * n + c + 1}`).join(', ')})`,
  );
  const text = `INSERT INTO audit_event (${AUDIT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`;
  if (rows > AUDIT_BATCH_EVENTS) return text;
  const statement = preparedStatement(text);
  insertStatements.set(rows, statement);
  return statement;
}

/** One event's parameters, in the order of AUDIT_COLUMNS. */
export function auditInsertValues(d: AuditEventDraft): unknown[] {
  const { hash, keyId } = draftDigest(d);
  return [
    d.occurredAt.toISOString(),
    d.requestId,
    d.actorUserId,
    d.actorOrganisationId,
    d.actorRoles,
    d.sessionHash,
    d.clientAddress,
    d.operationType,
    d.operationName,
    d.fields,
    d.action,
    d.outcome,
    d.errorCode,
    d.entityType,
    d.entityIds,
    d.entityOrganisationIds,
    d.purpose,
    hash,
    keyId,
  ];
}

/**
 * Writes audit events (only INSERT: the database refuses anything else to the application role)
 * and reads them for auditors, always within an organisation scope.
 */
export class AuditRepository {
  async insert(manager: EntityManager, drafts: readonly AuditEventDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const statement = auditInsertStatement(drafts.length);
    const params = drafts.flatMap(auditInsertValues);
    if (typeof statement === 'string') await manager.query(statement, params);
    else await queryPrepared(manager, statement, params);
  }

  /** Newest first: at most `limit` events with id below `beforeId` (the cursor), in the scope. */
  async search(
    manager: EntityManager,
    scope: OrganisationScope,
    criteria: AuditEventCriteria,
    beforeId: string | null,
    limit: number,
  ): Promise<AuditEventRecord[]> {
    const where = whereClause(scope, criteria, beforeId);
    const rows: AuditEventRecord[] = await manager.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_event WHERE ${where.sql} ORDER BY audit_event.id DESC LIMIT ${Math.trunc(limit)}`,
      where.params,
    );
    return rows;
  }

  /** The ids of the records in a case (notes, tasks, shares, members, meetings, assessments, break-the-glass accesses). */
  async caseRecordIds(manager: EntityManager, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id::text FROM case_note WHERE case_id = $1 UNION ALL SELECT id::text FROM case_task WHERE case_id = $1
       UNION ALL SELECT id::text FROM case_share WHERE case_id = $1 UNION ALL SELECT id::text FROM case_member WHERE case_id = $1
       UNION ALL SELECT id::text FROM case_meeting WHERE case_id = $1 UNION ALL SELECT id::text FROM risk_assessment WHERE case_id = $1
       UNION ALL SELECT id::text FROM case_break_glass WHERE case_id = $1`,
      [caseId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Of the shares and break-the-glass accesses named in purposes, those that concern the
   * organisation: shares of its cases or addressed to it, accesses to its cases.
   */
  async purposeRecordsOf(manager: EntityManager, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT s.id::text FROM case_share s JOIN case_file c ON c.id = s.case_id WHERE s.id = ANY($2::uuid[]) AND (c.owner_organisation_id = $1 OR s.organisation_id = $1)
       UNION ALL SELECT b.id::text FROM case_break_glass b WHERE b.id = ANY($2::uuid[]) AND b.organisation_id = $1`,
      [organisationId, [...ids]],
    );
    return new Set(rows.map((r) => r.id));
  }

  async count(manager: EntityManager, scope: OrganisationScope, criteria: AuditEventCriteria): Promise<number> {
    const where = whereClause(scope, criteria, null);
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*)::text AS n FROM audit_event WHERE ${where.sql}`,
      where.params,
    );
    return Number(rows[0]?.n ?? 0);
  }
}
