import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { draftDigest } from '../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../src/modules/audit/audit.recorder';

/** Who the synthetic events are about: real demo users, organisations and records. */
export interface SyntheticActors {
  users: { id: string; organisationId: string; roles: string[] }[];
  areaIds: string[];
}

const COLUMNS = `occurred_at, request_id, actor_user_id, actor_organisation_id, actor_roles, session_hash, client_address,
  operation_type, operation_name, fields, action, outcome, error_code, entity_type, entity_ids, entity_organisation_ids,
  purpose, hash, key_id`;
const RECORD = `occurred_at timestamptz, request_id uuid, actor_user_id uuid, actor_organisation_id uuid, actor_roles text[],
  session_hash text, client_address text, operation_type text, operation_name text, fields text[], action text, outcome text,
  error_code text, entity_type text, entity_ids text[], entity_organisation_ids uuid[], purpose text, hash text, key_id text`;
/** One statement per batch: the batch travels as one JSON parameter; the tx_id trigger fires per row. */
const INSERT_SQL = `INSERT INTO audit_event (${COLUMNS}) SELECT ${COLUMNS} FROM json_to_recordset($1::json) AS x(${RECORD})`;

const SHAPES: readonly Pick<
  AuditEventDraft,
  'operationType' | 'operationName' | 'fields' | 'action' | 'outcome' | 'errorCode' | 'entityType'
>[] = [
  {
    operationType: 'query',
    operationName: 'Areas',
    fields: ['Area.id', 'Area.name', 'Query.areas'],
    action: AuditAction.READ,
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    entityType: 'Area',
  },
  {
    operationType: 'query',
    operationName: 'Me',
    fields: ['Query.me', 'User.displayName', 'User.email', 'User.id', 'User.roles'],
    action: AuditAction.READ,
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    entityType: 'User',
  },
  {
    operationType: 'mutation',
    operationName: 'Login',
    fields: ['Mutation.login', 'Session.token'],
    action: AuditAction.LOGIN,
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    entityType: 'User',
  },
  {
    operationType: 'query',
    operationName: null,
    fields: ['Query.me'],
    action: AuditAction.READ,
    outcome: AuditOutcome.DENIED,
    errorCode: 'UNAUTHENTICATED',
    entityType: null,
  },
];

function synthetic(i: number, actors: SyntheticActors, startMs: number): AuditEventDraft {
  const shape = SHAPES[i % 20 === 0 ? 2 : i % 37 === 0 ? 3 : i % 2];
  const user = actors.users[i % actors.users.length];
  const anonymous = shape.outcome === AuditOutcome.DENIED;
  const entityIds = shape.entityType === 'Area' ? actors.areaIds : shape.entityType === 'User' ? [user.id] : [];
  return {
    ...shape,
    occurredAt: new Date(startMs + Math.floor(i / 10)), // ~10 000 events per second of history
    requestId: randomUUID(),
    actorUserId: anonymous ? null : user.id,
    actorOrganisationId: anonymous ? null : user.organisationId,
    actorRoles: anonymous ? [] : [...user.roles].sort(),
    sessionHash: anonymous ? null : (i % 97).toString(16).padStart(64, 'a'),
    clientAddress: `10.0.${(i >> 8) & 255}.${i & 255}`,
    fields: [...shape.fields],
    entityIds: [...entityIds].sort(),
    entityOrganisationIds: shape.entityType === 'User' ? [user.organisationId] : [],
    purpose: null,
  };
}

function row(d: AuditEventDraft): Record<string, unknown> {
  const { hash, keyId } = draftDigest(d);
  return {
    occurred_at: d.occurredAt.toISOString(),
    request_id: d.requestId,
    actor_user_id: d.actorUserId,
    actor_organisation_id: d.actorOrganisationId,
    actor_roles: d.actorRoles,
    session_hash: d.sessionHash,
    client_address: d.clientAddress,
    operation_type: d.operationType,
    operation_name: d.operationName,
    fields: d.fields,
    action: d.action,
    outcome: d.outcome,
    error_code: d.errorCode,
    entity_type: d.entityType,
    entity_ids: d.entityIds,
    entity_organisation_ids: d.entityOrganisationIds,
    purpose: d.purpose,
    hash,
    key_id: keyId,
  };
}

/**
 * Inserts `count` synthetic but valid audit events (digests computed with the application's own
 * `draftDigest`, under the process's audit key), in batches of `batchSize` rows, one transaction per batch, `parallel` batches in
 * flight. Returns the seconds it took.
 */
export async function bulkInsertAuditEvents(
  url: string,
  count: number,
  actors: SyntheticActors,
  onProgress: (inserted: number, seconds: number) => void,
  batchSize = 2_000,
  parallel = 2,
): Promise<number> {
  const pool = new Pool({ connectionString: url, max: parallel, application_name: 'samverkan-bench-bulk' });
  const started = Date.now();
  const startMs = Date.now() - Math.ceil(count / 10) - 60_000;
  let next = 0;
  let inserted = 0;
  let lastReport = 0;
  try {
    const worker = async (): Promise<void> => {
      while (next < count) {
        const from = next;
        const to = Math.min(count, from + batchSize);
        next = to;
        const rows: Record<string, unknown>[] = [];
        for (let i = from; i < to; i++) rows.push(row(synthetic(i, actors, startMs)));
        await pool.query(INSERT_SQL, [JSON.stringify(rows)]);
        inserted += to - from;
        if (Date.now() - lastReport >= 2_000 || inserted === count) {
          lastReport = Date.now();
          onProgress(inserted, (Date.now() - started) / 1000);
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, () => worker()));
  } finally {
    await pool.end();
  }
  return (Date.now() - started) / 1000;
}
