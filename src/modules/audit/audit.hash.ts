import { createHash } from 'node:crypto';
import type { AuditEventDraft } from './audit.recorder';

/** Content of an event as the hash sees it; `occurredAtMicros` is epoch microseconds. */
export type CanonicalAuditContent = Omit<AuditEventDraft, 'occurredAt'> & { occurredAtMicros: bigint };

/**
 * SHA-256 over a canonical encoding: a JSON array in a fixed field order, timestamps as epoch
 * microseconds (never locale text), arrays in stored order, absent values as null.
 */
export function canonicalAuditEncoding(e: CanonicalAuditContent): string {
  return JSON.stringify([
    'v1',
    e.occurredAtMicros.toString(),
    e.requestId,
    e.actorUserId,
    e.actorOrganisationId,
    e.actorRoles,
    e.sessionHash,
    e.clientAddress,
    e.operationType,
    e.operationName,
    e.fields,
    e.action,
    e.outcome,
    e.errorCode,
    e.entityType,
    e.entityIds,
    e.entityOrganisationIds,
    e.purpose,
  ]);
}

export function auditEventHash(e: CanonicalAuditContent): string {
  return createHash('sha256').update(canonicalAuditEncoding(e), 'utf8').digest('hex');
}

export function draftHash(d: AuditEventDraft): string {
  const { occurredAt, ...rest } = d;
  return auditEventHash({ ...rest, occurredAtMicros: BigInt(occurredAt.getTime()) * 1000n });
}

/** A checkpoint's hash chains the previous checkpoint's hash to its events' ids and hashes, in order. */
export function checkpointHash(previousHash: string, txHorizon: string, events: readonly { id: string; hash: string }[]): string {
  const h = createHash('sha256');
  h.update(`checkpoint:v1:${previousHash}:${txHorizon}:${events.length}\n`);
  for (const e of events) h.update(`${e.id}:${e.hash}\n`);
  return h.digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);
