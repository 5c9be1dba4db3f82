import type { EntityManager } from 'typeorm';
import { auditEventHash, checkpointHash, GENESIS_HASH } from './audit.hash';
import type { AuditAction, AuditOutcome } from './audit.recorder';

export interface AuditVerificationResult {
  ok: boolean;
  checkedEvents: number;
  checkedCheckpoints: number;
  /** The first event (in sealing order) that no longer matches, or that is missing or unsealed out of order. */
  firstInvalidEventId: string | null;
  /** Why verification failed, in words; null when it passed. */
  problem: string | null;
  unsealedEvents: number;
}

interface EventRow {
  id: string;
  occurred_at_us: string;
  request_id: string;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_roles: string[];
  session_hash: string | null;
  client_address: string | null;
  operation_type: string;
  operation_name: string | null;
  fields: string[];
  action: string;
  outcome: string;
  error_code: string | null;
  entity_type: string | null;
  entity_ids: string[];
  entity_organisation_ids: string[];
  purpose: string | null;
  hash: string;
  tx_id: string | null;
}

const EVENT_COLUMNS = `id::text AS id, (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_at_us,
  request_id, actor_user_id, actor_organisation_id, actor_roles, session_hash, client_address, operation_type,
  operation_name, fields, action, outcome, error_code, entity_type, entity_ids, entity_organisation_ids, purpose,
  hash, tx_id::text AS tx_id`;

function recompute(row: EventRow): string {
  return auditEventHash({
    occurredAtMicros: BigInt(row.occurred_at_us),
    requestId: row.request_id,
    actorUserId: row.actor_user_id,
    actorOrganisationId: row.actor_organisation_id,
    actorRoles: row.actor_roles,
    sessionHash: row.session_hash,
    clientAddress: row.client_address,
    operationType: row.operation_type,
    operationName: row.operation_name,
    fields: row.fields,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    errorCode: row.error_code,
    entityType: row.entity_type,
    entityIds: row.entity_ids,
    entityOrganisationIds: row.entity_organisation_ids,
    purpose: row.purpose,
  });
}

/**
 * Recomputes every event hash and the checkpoint chain, and checks that every event is where the
 * chain says it is. Names the first event that no longer matches: altered content, an event a
 * checkpoint lists but that is gone, or an event inside a sealed range that no checkpoint lists
 * (inserted out of band).
 */
export async function verifyAuditLog(manager: EntityManager, onProgress?: (checked: number) => void): Promise<AuditVerificationResult> {
  let checkedEvents = 0;
  let checkedCheckpoints = 0;
  let previousHash = GENESIS_HASH;
  let horizon = '0';
  const fail = (id: string | null, problem: string): AuditVerificationResult => ({
    ok: false, checkedEvents, checkedCheckpoints, firstInvalidEventId: id, problem, unsealedEvents: 0,
  });

  let afterCheckpoint = '0';
  // ORDER BY names table columns qualified throughout: the bare names would sort by the text aliases.
  for (;;) {
    const checkpoints: { id: string; tx_horizon: string; event_ids: string[]; previous_hash: string; hash: string; event_count: number }[] =
      await manager.query(
        `SELECT id::text AS id, tx_horizon::text AS tx_horizon, event_ids::text[] AS event_ids, previous_hash, hash, event_count
           FROM audit_checkpoint WHERE id > $1 ORDER BY audit_checkpoint.id LIMIT 50`,
        [afterCheckpoint],
      );
    if (checkpoints.length === 0) break;
    for (const cp of checkpoints) {
      afterCheckpoint = cp.id;
      if (cp.previous_hash !== previousHash) return fail(cp.event_ids[0] ?? null, `checkpoint ${cp.id} does not continue the chain`);
      const rows: EventRow[] = await manager.query(`SELECT ${EVENT_COLUMNS} FROM audit_event WHERE id = ANY($1::bigint[])`, [cp.event_ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const sealed: { id: string; hash: string }[] = [];
      for (const id of cp.event_ids) {
        const row = byId.get(id);
        if (!row) return fail(id, `event ${id} is listed in checkpoint ${cp.id} but missing`);
        if (recompute(row) !== row.hash) return fail(id, `event ${id} no longer matches its hash`);
        sealed.push({ id, hash: row.hash });
        checkedEvents++;
      }
      if (checkpointHash(previousHash, cp.tx_horizon, sealed) !== cp.hash || cp.event_count !== cp.event_ids.length) {
        return fail(cp.event_ids[0] ?? null, `checkpoint ${cp.id} no longer matches its events`);
      }
      // Every event whose transaction falls inside this checkpoint's range must be listed in it.
      // First in sealing order (tx_id, id): this also keeps the plan on the tx_id index; ORDER BY id
      // alone walks the primary key through the whole table per checkpoint when there is no stray.
      const strays: { id: string }[] = await manager.query(
        `SELECT id::text AS id FROM audit_event
          WHERE tx_id >= $1 AND tx_id < $2 AND NOT (id = ANY($3::bigint[]))
          ORDER BY audit_event.tx_id, audit_event.id LIMIT 1`,
        [horizon, cp.tx_horizon, cp.event_ids],
      );
      if (strays[0]) return fail(strays[0].id, `event ${strays[0].id} lies in sealed range of checkpoint ${cp.id} but is not in it`);
      previousHash = cp.hash;
      horizon = cp.tx_horizon;
      checkedCheckpoints++;
      onProgress?.(checkedEvents);
    }
  }

  // The stray checks above cover every transaction id below the last horizon; an event without
  // a transaction id bypassed the insert trigger, so it was not written by the application.
  const orphan: { id: string }[] = await manager.query(`SELECT id::text AS id FROM audit_event WHERE tx_id IS NULL ORDER BY audit_event.id LIMIT 1`);
  if (orphan[0]) return fail(orphan[0].id, `event ${orphan[0].id} was not sealed in order (inserted out of band?)`);

  // Not yet sealed: content must still match its hash.
  let unsealed = 0;
  let afterId = '0';
  for (;;) {
    const rows: EventRow[] = await manager.query(
      `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE tx_id >= $1 AND id > $2 ORDER BY audit_event.id LIMIT 5000`,
      [horizon, afterId],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.id;
      if (recompute(row) !== row.hash) return fail(row.id, `event ${row.id} no longer matches its hash`);
      unsealed++;
      checkedEvents++;
    }
  }
  return { ok: true, checkedEvents, checkedCheckpoints, firstInvalidEventId: null, problem: null, unsealedEvents: unsealed };
}
