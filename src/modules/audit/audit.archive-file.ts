import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import type { AuditKeyring } from './audit.hash';
import { GENESIS_HASH } from './audit.hash';
import type { VerifiedHead } from './audit.verify';
import { SegmentWalker, type ChainCheckpoint, type CheckpointRow, type EventRow } from './audit.verify-walk';

export const ARCHIVE_FORMAT = 'samverkan-audit-archive';

/**
 * The first line of an archive file. The file is JSON Lines: this header; one `{"c": …}` line per
 * checkpoint in chain order; one `{"e": [id, txId, keyId, hash, content]}` line per event in sealing
 * order, where `content` is the event's canonical fields as compact JSON without the enclosing
 * brackets (the order of `canonicalAuditEncoding`: occurred-at in epoch microseconds, request id, actor
 * user, actor organisation, roles, session hash, client address, operation type, operation name,
 * fields, action, outcome, error code, entity type, entity ids, entity organisations, purpose); and a
 * last line `{"signature": …, "keyId": …}`: HMAC-SHA-256 under that audit key over every byte before it.
 */
export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  v: 1;
  database: string;
  createdAt: string;
  /** The monthly partitions this archive was made to drop. */
  partitions: string[];
  /** Every event of those partitions occurred before this month (UTC). */
  beforeMonth: string;
  /** The checkpoint the chain in this file continues (an earlier archive's last one); null: the genesis. */
  from: VerifiedHead | null;
  /** The last checkpoint in this file: where verification of the database starts after the drop. */
  to: VerifiedHead;
  checkpointCount: number;
  eventCount: number;
}

/** A checkpoint in an archive file: as the database holds it, with the time it was sealed. */
export interface ArchiveCheckpoint extends CheckpointRow {
  sealed_at: string;
}

export interface ArchiveVerification {
  ok: boolean;
  problems: string[];
  header: ArchiveHeader | null;
  checkedEvents: number;
  checkedCheckpoints: number;
  fileSha256: string;
}

const MAX_PROBLEMS = 20;

/** The legacy (unkeyed) events a chain from the genesis may hold: the same rule as verifyAuditLog's. */
export function legacyAllowedThrough(chain: readonly { key: unknown }[], fromGenesis: boolean): number {
  if (!fromGenesis) return -1;
  const firstKeyed = chain.findIndex((c) => c.key !== null);
  return firstKeyed === -1 ? chain.length - 1 : firstKeyed > 0 ? firstKeyed : -1;
}

/**
 * Verifies an archive file on its own (no database): the signature over the whole file, the chain of
 * its checkpoints from `from` to `to`, every event's HMAC under its key generation, and that each
 * checkpoint lists exactly its events and its HMAC matches them. Needs the audit keys that signed them.
 */
export async function verifyArchiveFile(
  file: string,
  keyring: AuditKeyring,
  onProgress?: (events: number) => void,
): Promise<ArchiveVerification> {
  const problems: string[] = [];
  const problem = (text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  let header: ArchiveHeader | null = null;
  const checkpoints: ArchiveCheckpoint[] = [];
  let walker: SegmentWalker | undefined;
  let pending: string | undefined;
  let keyHmacs: Map<string, ReturnType<typeof createHmac>> | undefined;
  let checkedEvents = 0;
  let lineNo = 0;
  const macs = (): Map<string, ReturnType<typeof createHmac>> => {
    // One running HMAC per key generation held: the signature line names which one counts.
    keyHmacs ??= new Map(keyring.ids.map((id) => [id, createHmac('sha256', keyring.key(id)!.secret)]));
    return keyHmacs;
  };
  const startWalk = (): void => {
    if (walker || !header) return;
    const chain: ChainCheckpoint[] = [];
    let expected = header.from?.hash ?? GENESIS_HASH;
    let horizon = BigInt(header.from?.txHorizon ?? '0');
    for (const cp of checkpoints) {
      const key = cp.key_id === null ? null : keyring.key(cp.key_id);
      if (key === undefined)
        problem(`checkpoint ${cp.id} names key ${cp.key_id ?? ''}, which this verifier does not hold`);
      if (cp.previous_hash !== expected) problem(`checkpoint ${cp.id} does not continue the chain of the archive`);
      if (BigInt(cp.tx_horizon) <= horizon) problem(`checkpoint ${cp.id} has an impossible transaction horizon`);
      chain.push({
        ...cp,
        key: key ?? null,
        horizon: BigInt(cp.tx_horizon),
        fromHorizon: horizon,
        index: chain.length,
      });
      expected = cp.hash;
      horizon = BigInt(cp.tx_horizon);
    }
    const last = checkpoints[checkpoints.length - 1];
    if (!last || last.id !== header.to.checkpointId || last.hash !== header.to.hash)
      problem(`the archive's last checkpoint is not the one its header names (${header.to.checkpointId})`);
    if (checkpoints.length !== header.checkpointCount)
      problem(`the archive holds ${checkpoints.length} checkpoints, its header says ${header.checkpointCount}`);
    walker = new SegmentWalker(
      chain,
      BigInt(header.from?.txHorizon ?? '0'),
      false,
      keyring,
      legacyAllowedThrough(chain, header.from === null),
    );
  };

  const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of input) {
    lineNo++;
    // The previous line was not the last: it is covered by the signature.
    if (pending !== undefined) {
      const bytes = `${pending}\n`;
      for (const h of macs().values()) h.update(bytes);
      handle(pending, lineNo - 1);
    }
    pending = line;
  }

  function handle(text: string, n: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problem(`line ${n} is not JSON (cut short or edited)`);
      return;
    }
    const v = value as { c?: ArchiveCheckpoint; e?: [string, string, string | null, string, string] };
    if (n === 1) {
      const h = value as Partial<ArchiveHeader>;
      if (h.format !== ARCHIVE_FORMAT || h.v !== 1 || !h.to) problem('the first line is not an audit archive header');
      else header = h as ArchiveHeader;
    } else if (v.c) {
      if (walker) problem(`line ${n}: a checkpoint after the events`);
      else checkpoints.push(v.c);
    } else if (Array.isArray(v.e) && v.e.length === 5) {
      startWalk();
      const [id, txId, keyId, hash, content] = v.e;
      const row: EventRow = { id, tx_id: txId, key_id: keyId, hash, content };
      walker?.feed(row);
      checkedEvents++;
      if (checkedEvents % 100_000 === 0) onProgress?.(checkedEvents);
    } else {
      problem(`line ${n} is neither a checkpoint nor an event`);
    }
  }

  // The last line: the signature.
  let signatureOk = false;
  if (pending !== undefined && lineNo > 1) {
    try {
      const sig = JSON.parse(pending) as { signature?: string; keyId?: string };
      const mac = sig.keyId ? macs().get(sig.keyId) : undefined;
      if (!sig.signature || !sig.keyId) problem('the last line is not the signature (the file was cut short)');
      else if (!mac) problem(`the archive is signed with key ${sig.keyId}, which this verifier does not hold`);
      else if (mac.digest('hex') !== sig.signature) problem('the signature does not match the file (altered)');
      else signatureOk = true;
    } catch {
      problem('the last line is not the signature (the file was cut short)');
    }
  } else {
    problem('the archive is empty or has no signature');
  }
  startWalk();
  if (walker) {
    walker.finish();
    for (const p of walker.problems) problem(p.text);
    if (walker.unsealedEvents > 0) problem(`${walker.unsealedEvents} event(s) lie outside the archived checkpoints`);
  }
  const hdr = header as ArchiveHeader | null;
  if (hdr && checkedEvents !== hdr.eventCount)
    problem(`the archive holds ${checkedEvents} events, its header says ${hdr.eventCount}`);
  return {
    ok: problems.length === 0 && signatureOk,
    problems,
    header: hdr,
    checkedEvents,
    checkedCheckpoints: checkpoints.length,
    fileSha256: await fileSha256(file),
  };
}

/** SHA-256 of a file's bytes, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const sha = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) sha.update(chunk as Buffer);
  return sha.digest('hex');
}
