import { createHash, createHmac, hash } from 'node:crypto';
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

/** SHA-256's block: the length of HMAC's key pads (RFC 2104). */
export const HMAC_BLOCK = 64;

/**
 * HMAC-SHA-256 (RFC 2104) under one key, with the key's inner and outer pads computed once and each
 * message digested by two one-shot `crypto.hash` calls, H(opad ‖ H(ipad ‖ message)): no Hmac or
 * Hash object per message (the per-row `Hmac` constructor was the largest part of a verify's CPU).
 * The output is the same as `createHmac('sha256', secret)` for every key and message.
 */
export class PaddedHmac {
  private readonly ipad = Buffer.alloc(HMAC_BLOCK);
  /** opad ‖ inner digest: only the digest part changes between messages. */
  private readonly outer = Buffer.alloc(HMAC_BLOCK + 32);

  constructor(secret: Buffer) {
    const k = Buffer.alloc(HMAC_BLOCK);
    (secret.length > HMAC_BLOCK ? createHash('sha256').update(secret).digest() : secret).copy(k);
    for (let i = 0; i < HMAC_BLOCK; i++) {
      this.ipad[i] = k[i] ^ 0x36;
      this.outer[i] = k[i] ^ 0x5c;
    }
  }

  /**
   * The HMAC of `buf[start + HMAC_BLOCK, end)`, writing the inner pad over `buf[start, start +
   * HMAC_BLOCK)` (room the caller keeps free), as a latin1 string of the 32 digest bytes. The
   * latin1 string, not a Buffer: Node 20's one-shot hash returns strings far faster than Buffers.
   */
  digestInPlace(buf: Buffer, start: number, end: number): string {
    this.writePad(buf, start);
    return this.digestPadded(buf, start, end);
  }

  /** Writes the inner pad at `buf[start, start + HMAC_BLOCK)`: once for many messages assembled after it. */
  writePad(buf: Buffer, start: number): void {
    this.ipad.copy(buf, start);
  }

  /** `digestInPlace` where `writePad` already wrote the pad at `start`. */
  digestPadded(buf: Buffer, start: number, end: number): string {
    this.outer.write(hash('sha256', buf.subarray(start, end), 'binary'), HMAC_BLOCK, 'latin1');
    return hash('sha256', this.outer, 'binary');
  }

  /** The HMAC of a message, in hex (allocates: for single messages, not for a stream). */
  hex(message: string | Buffer): string {
    const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
    const buf = Buffer.allocUnsafe(HMAC_BLOCK + body.length);
    body.copy(buf, HMAC_BLOCK);
    return Buffer.from(this.digestInPlace(buf, 0, buf.length), 'latin1').toString('hex');
  }
}

/** HMAC-SHA-256 under one key with the pads prepared once (`PaddedHmac`); identical output to createHmac. */
export function preparedHmac(secret: Buffer): (message: string) => string {
  const mac = new PaddedHmac(secret);
  return (message) => mac.hex(message);
}
