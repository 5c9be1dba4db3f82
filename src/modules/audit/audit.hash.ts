import { createHash, createHmac } from 'node:crypto';
import type { AuditEventDraft } from './audit.recorder';

/** Content of an event as the digest sees it; `occurredAtMicros` is epoch microseconds. */
export type CanonicalAuditContent = Omit<AuditEventDraft, 'occurredAt'> & { occurredAtMicros: bigint };

/** One generation of the audit key: `id` is derived from the secret, so it names the key without revealing it. */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

export function auditKeyId(secret: Buffer): string {
  return `k${createHash('sha256').update('samverkan-audit-key-id\0').update(secret).digest('hex').slice(0, 16)}`;
}

/**
 * The keys of every generation this process knows; the last one signs new events and checkpoints,
 * the older ones only verify. The database never holds a secret, only key ids.
 */
export class AuditKeyring {
  readonly current: AuditKey;
  private readonly byId: Map<string, AuditKey>;

  constructor(secrets: readonly Buffer[]) {
    if (secrets.length === 0) throw new Error('the audit keyring needs at least one key');
    const keys = secrets.map((secret) => ({ id: auditKeyId(secret), secret }));
    this.byId = new Map(keys.map((k) => [k.id, k]));
    this.current = keys[keys.length - 1];
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  key(id: string): AuditKey | undefined {
    return this.byId.get(id);
  }
}

let active: AuditKeyring | undefined;

/**
 * The process's keyring, set once at start (runtime, CLI). One process signs with one key; tests that
 * start several runtimes in one process give them the same key.
 */
export function setAuditKeyring(keyring: AuditKeyring): void {
  active = keyring;
}

export function auditKeyring(): AuditKeyring {
  if (!active) throw new Error('the audit keyring is not loaded (AUDIT_HMAC_KEY / AUDIT_HMAC_KEY_FILE)');
  return active;
}

/**
 * A canonical encoding: a JSON array in a fixed field order, timestamps as epoch microseconds (never
 * locale text), arrays in stored order, absent values as null. `v1` is the unkeyed encoding of events
 * written before keyed digests; `v2` also binds the key id.
 */
export function canonicalAuditEncoding(
  e: CanonicalAuditContent,
  version: 'v1' | 'v2' = 'v1',
  keyId: string | null = null,
): string {
  const fields = [
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
  ];
  return JSON.stringify(version === 'v1' ? ['v1', ...fields] : ['v2', keyId, ...fields]);
}

/** The unkeyed SHA-256 of events written before keyed digests (verification of old rows only). */
export function legacyAuditEventHash(e: CanonicalAuditContent): string {
  return createHash('sha256').update(canonicalAuditEncoding(e, 'v1'), 'utf8').digest('hex');
}

/** HMAC-SHA-256 of an event under one key generation. */
export function auditEventHash(e: CanonicalAuditContent, key: AuditKey = auditKeyring().current): string {
  return createHmac('sha256', key.secret)
    .update(canonicalAuditEncoding(e, 'v2', key.id), 'utf8')
    .digest('hex');
}

/** The digest of a new event and the key id it was made with. */
export function draftDigest(
  d: AuditEventDraft,
  key: AuditKey = auditKeyring().current,
): { hash: string; keyId: string } {
  const { occurredAt, ...rest } = d;
  return {
    hash: auditEventHash({ ...rest, occurredAtMicros: BigInt(occurredAt.getTime()) * 1000n }, key),
    keyId: key.id,
  };
}

export function draftHash(d: AuditEventDraft, key: AuditKey = auditKeyring().current): string {
  return draftDigest(d, key).hash;
}

/** A running checkpoint digest, fed event by event (verification streams events). */
export interface CheckpointDigest {
  add(id: string, hash: string): void;
  /** Lines `<id>:<hash>\n` already in bytes, any number at once (what `add` feeds, for a verifier streaming bytes). */
  update(lines: Uint8Array): void;
  digest(): string;
}

/**
 * A checkpoint's digest chains the previous checkpoint's digest to its events' ids and digests, in
 * order: HMAC-SHA-256 under `key` (`null`: the unkeyed SHA-256 of checkpoints made before keys).
 */
export function checkpointDigest(
  key: AuditKey | null,
  previousHash: string,
  txHorizon: string,
  eventCount: number,
): CheckpointDigest {
  const h = key ? createHmac('sha256', key.secret) : createHash('sha256');
  h.update(
    key
      ? `checkpoint:v2:${key.id}:${previousHash}:${txHorizon}:${eventCount}\n`
      : `checkpoint:v1:${previousHash}:${txHorizon}:${eventCount}\n`,
  );
  return {
    add: (id, hash) => void h.update(`${id}:${hash}\n`),
    update: (lines) => void h.update(lines),
    digest: () => h.digest('hex'),
  };
}

export function checkpointHash(
  previousHash: string,
  txHorizon: string,
  events: readonly { id: string; hash: string }[],
  key: AuditKey | null = auditKeyring().current,
): string {
  const d = checkpointDigest(key, previousHash, txHorizon, events.length);
  for (const e of events) d.add(e.id, e.hash);
  return d.digest();
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * HMAC-SHA-256 under one key with the padded key blocks hashed once: each message costs two copies
 * of a prepared hash instead of a new key schedule (RFC 2104, identical output to createHmac). For
 * verifying a million events.
 */
export function preparedHmac(secret: Buffer): (message: string) => string {
  const BLOCK = 64;
  const k = Buffer.alloc(BLOCK);
  (secret.length > BLOCK ? createHash('sha256').update(secret).digest() : secret).copy(k);
  const inner = createHash('sha256').update(k.map((b) => b ^ 0x36));
  const outer = createHash('sha256').update(k.map((b) => b ^ 0x5c));
  return (message) => outer.copy().update(inner.copy().update(message, 'utf8').digest()).digest('hex');
}
