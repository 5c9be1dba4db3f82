import { createHash, createHmac, hash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';
import { CopyOut } from './audit.copy-out';
import {
  checkpointDigest,
  HMAC_BLOCK,
  PaddedHmac,
  type AuditKey,
  type AuditKeyring,
  type CheckpointDigest,
} from './audit.hash';
import { BINARY_EVENT_COLUMNS, EventDecoder, hexEquals, MESSAGE_START, type BinaryEvent } from './audit.verify-rows';

/** A checkpoint as the database (and an archive file) holds it. */
export interface CheckpointRow {
  id: string;
  tx_horizon: string;
  event_ids: string[];
  previous_hash: string;
  hash: string;
  event_count: number;
  key_id: string | null;
}

/** A checkpoint of the chain as verification walks it: its key resolved from `key_id`. */
export interface ChainCheckpoint extends Omit<CheckpointRow, 'key_id'> {
  key: AuditKey | null;
  horizon: bigint;
  fromHorizon: bigint;
  /** Position in the whole chain (legacy events are accepted up to a position). */
  index: number;
}

/** An event as verification reads it: its content fields as compact JSON, comma-separated, in canonical order. */
export interface EventRow {
  id: string;
  tx_id: string;
  key_id: string | null;
  hash: string;
  content: string;
}

export interface Problem {
  eventId: string | null;
  text: string;
}

const PROGRESS_ROWS = 10_000;
const RECHECK_ROWS = 10_000;
const FEED_BYTES = 1 << 16;
const json = (column: string): string => `coalesce(to_json(${column})::text, 'null')`;
/**
 * The content fields in the order of `canonicalAuditEncoding`, encoded by PostgreSQL as compact JSON
 * (to_json / array_to_json escape exactly the characters JSON.stringify escapes, for every string
 * PostgreSQL can store), so that the verifier computes only one HMAC per row. Should the two
 * encodings ever differ for a row, the row is decoded and encoded again in JavaScript before it is
 * called altered: speed depends on the equivalence, the verdict does not.
 */
export const EVENT_COLUMNS = `id::text AS id, tx_id::text AS tx_id, key_id, hash, concat_ws(',',
  ${json('(extract(epoch FROM occurred_at) * 1000000)::bigint::text')}, ${json('request_id')}, ${json('actor_user_id')},
  ${json('actor_organisation_id')}, array_to_json(actor_roles)::text, ${json('session_hash')}, ${json('client_address')},
  ${json('operation_type')}, ${json('operation_name')}, array_to_json(fields)::text, ${json('action')}, ${json('outcome')},
  ${json('error_code')}, ${json('entity_type')}, array_to_json(entity_ids)::text, array_to_json(entity_organisation_ids)::text,
  ${json('purpose')}) AS content`;

interface Mac {
  /** `["v2","<key id>",` (or `["v1",` for the unkeyed digest of events older than keys). */
  prefix: Buffer;
  /** Writes what precedes the content at `message[from - HMAC_BLOCK, MESSAGE_START)`: the pad (if any) and the prefix. */
  header: (message: Buffer, from: number) => void;
  /** The digest of `message[from, end)` (prefix and content) as a latin1 string of its bytes, after `header`. */
  digest: (message: Buffer, from: number, end: number) => string;
}

interface SeqProblem extends Problem {
  seq: number;
}

/**
 * Walks the events of one stretch of the chain (its checkpoints, and for the last stretch the
 * unsealed events after them) in sealing order (tx_id, id), streamed by PostgreSQL as binary COPY,
 * checking each event's digest, that each checkpoint lists exactly the events of its transaction
 * range, and each checkpoint's digest over them. Stretches are independent: they can run on several
 * connections that share one snapshot.
 */
export class SegmentWalker {
  checkedEvents = 0;
  unsealedEvents = 0;
  private readonly found: SeqProblem[] = [];
  private c = 0;
  private position = 0;
  private digest: CheckpointDigest | undefined;
  private broken = false;
  private readonly horizons: number[];
  private readonly fromHorizons: number[];
  private readonly macs = new Map<string, Mac | undefined>();
  private lastKey: { bytes: Buffer; mac: Mac | undefined } | undefined;
  /** The message buffer whose header (pad and prefix) `headerOf` wrote last. */
  private headerIn: Buffer | undefined;
  private headerOf: Mac | undefined;
  private readonly legacy: Mac = {
    prefix: Buffer.from('["v1",'),
    header: (message, from) => void this.legacy.prefix.copy(message, from),
    digest: (message, from, end) => hash('sha256', message.subarray(from, end), 'binary'),
  };
  private lines = Buffer.allocUnsafe(FEED_BYTES);
  private linesLength = 0;
  /** Events whose bytes did not match: checked again from PostgreSQL's JSON before they are called altered. */
  private readonly recheck = new Map<string, { sealedIn: number | null; seq: number }>();

  constructor(
    private readonly chain: readonly ChainCheckpoint[],
    private readonly fromHorizon: bigint,
    /** Unsealed events follow (the last stretch): no upper bound. */
    private readonly open: boolean,
    private readonly keyring: AuditKeyring,
    private readonly legacyAllowedThrough: number,
  ) {
    // Transaction ids as numbers: exact below 2^53 (xid8 would need 2 million wraparound epochs).
    this.horizons = chain.map((cp) => Number(cp.horizon));
    this.fromHorizons = chain.map((cp) => Number(cp.fromHorizon));
    this.startCheckpoint();
  }

  /** Every problem found, in sealing order. */
  get problems(): Problem[] {
    return [...this.found].sort((a, b) => a.seq - b.seq).map(({ eventId, text }) => ({ eventId, text }));
  }

  /** Reads the stretch on `manager`'s connection, inside its (snapshot) transaction. */
  async run(manager: EntityManager, onProgress?: (rows: number) => void): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('verification reads on a query runner, inside its snapshot transaction');
    const client = (await runner.connect()) as ClientBase;
    const upper =
      this.open || this.chain.length === 0
        ? ''
        : ` AND tx_id < ${this.chain[this.chain.length - 1].horizon.toString()}`;
    // One statement streams the whole stretch: no statement timeout for it (this transaction only).
    await manager.query('SET LOCAL statement_timeout = 0');
    let rows = 0;
    const decoder = new EventDecoder((row) => {
      this.onBinary(row);
      if (++rows === PROGRESS_ROWS) {
        onProgress?.(rows);
        rows = 0;
      }
    });
    await new Promise<void>((resolve, reject) => {
      client.query(
        new CopyOut(
          `COPY (SELECT ${BINARY_EVENT_COLUMNS} FROM audit_event WHERE tx_id >= ${this.fromHorizon.toString()}${upper}
             ORDER BY audit_event.tx_id, audit_event.id) TO STDOUT (FORMAT binary)`,
          (chunk) => decoder.push(chunk),
          (error) => (error === undefined || error === null ? resolve() : reject(error)),
        ),
      );
    });
    onProgress?.(rows);
    this.finish();
    await this.checkAgain(manager);
  }

  /** One event in sealing order, from elsewhere than the database (an archive file). */
  feed(row: EventRow): void {
    const sealedIn = this.place(row.id, Number(row.tx_id));
    if (sealedIn === undefined) return;
    this.checkEvent(row, sealedIn, this.checkedEvents * 4 + 2);
    if (sealedIn !== null) this.digest!.add(row.id, row.hash);
  }

  /** After the last event: closes the checkpoints still open (naming what is missing). */
  finish(): void {
    while (this.c < this.chain.length) this.closeCheckpoint();
  }

  /**
   * Problems are sorted by event, then by kind: for the k-th event 4k+1 its place in the chain, 4k+2
   * its digest (also when found by `checkAgain` later), 4k+3 a checkpoint closed after it.
   */
  private problem(eventId: string | null, text: string, kind: 1 | 2 | 3, seq = this.checkedEvents * 4 + kind): void {
    this.found.push({ eventId, text, seq });
  }

  private startCheckpoint(): void {
    const cp = this.chain[this.c];
    this.position = 0;
    this.broken = false;
    this.linesLength = 0;
    this.digest = cp ? checkpointDigest(cp.key, cp.previous_hash, cp.tx_horizon, cp.event_ids.length) : undefined;
  }

  private closeCheckpoint(): void {
    const cp = this.chain[this.c];
    this.flushLines();
    if (this.position < cp.event_ids.length) {
      const missing = cp.event_ids[this.position];
      this.problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`, 3);
    } else if (!this.broken && (this.digest!.digest() !== cp.hash || cp.event_count !== cp.event_ids.length)) {
      this.problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} no longer matches its events`, 3);
    }
    this.c++;
    this.startCheckpoint();
  }

  /**
   * Places one event in the chain: the position of the checkpoint that seals it, null when it is not
   * sealed yet, undefined when it lies where no checkpoint accounts for it (reported).
   */
  private place(id: string, tx: number): number | null | undefined {
    while (this.c < this.chain.length && tx >= this.horizons[this.c]) this.closeCheckpoint();
    this.checkedEvents++;
    if (this.c >= this.chain.length) {
      this.unsealedEvents++;
      return null;
    }
    const cp = this.chain[this.c];
    if (tx < this.fromHorizons[this.c]) {
      this.problem(id, `event ${id} lies in a sealed range before checkpoint ${cp.id} but is in no checkpoint`, 1);
      return undefined;
    }
    const ids = cp.event_ids;
    if (ids[this.position] !== id) {
      const at = ids.indexOf(id, this.position);
      if (at < 0) {
        this.problem(id, `event ${id} lies in sealed range of checkpoint ${cp.id} but is not in it`, 1);
        return undefined;
      }
      for (; this.position < at; this.position++) {
        const missing = ids[this.position];
        this.problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`, 1);
        this.broken = true;
      }
    }
    this.position++;
    return cp.index;
  }

  private onBinary(row: BinaryEvent): void {
    const sealedIn = this.place(row.id, row.txId);
    if (sealedIn === undefined) return;
    this.checkBinary(row, sealedIn);
    if (sealedIn === null) return;
    // The checkpoint digest's line for this event, `<id>:<hash>\n`, in bytes, fed to the HMAC in blocks.
    const hashLength = row.hashStart < 0 ? 4 : row.hashEnd - row.hashStart;
    if (this.linesLength + row.id.length + hashLength + 2 > this.lines.length) {
      this.flushLines();
      if (row.id.length + hashLength + 2 > this.lines.length)
        this.lines = Buffer.allocUnsafe(row.id.length + hashLength + 2);
    }
    const lines = this.lines;
    let o = this.linesLength;
    for (let i = 0; i < row.id.length; i++) lines[o++] = row.id.charCodeAt(i);
    lines[o++] = 0x3a; // :
    if (row.hashStart < 0) o += lines.write('null', o, 'latin1');
    else for (let i = row.hashStart; i < row.hashEnd; i++) lines[o++] = row.chunk[i];
    lines[o++] = 0x0a;
    this.linesLength = o;
  }

  private flushLines(): void {
    if (this.linesLength > 0 && this.digest) this.digest.update(this.lines.subarray(0, this.linesLength));
    this.linesLength = 0;
  }

  private macFor(row: BinaryEvent): Mac | undefined {
    const { chunk, keyStart, keyEnd } = row;
    const last = this.lastKey;
    if (last && last.bytes.length === keyEnd - keyStart && last.bytes.equals(chunk.subarray(keyStart, keyEnd)))
      return last.mac;
    const bytes = Buffer.from(chunk.subarray(keyStart, keyEnd));
    const mac = this.macOf(bytes.toString('utf8'));
    this.lastKey = { bytes, mac };
    return mac;
  }

  private macOf(keyId: string): Mac | undefined {
    if (!this.macs.has(keyId)) {
      const key = this.keyring.key(keyId);
      const padded = key ? new PaddedHmac(key.secret) : undefined;
      const prefix = Buffer.from(`["v2",${JSON.stringify(keyId)},`);
      this.macs.set(
        keyId,
        padded
          ? {
              prefix,
              header: (message, from) => {
                padded.writePad(message, from - HMAC_BLOCK);
                prefix.copy(message, from);
              },
              digest: (message, from, end) => padded.digestPadded(message, from - HMAC_BLOCK, end),
            }
          : undefined,
      );
    }
    return this.macs.get(keyId);
  }

  /** The event's digest over the bytes the decoder assembled: the prefix is written just before them. */
  private checkBinary(row: BinaryEvent, sealedIn: number | null): void {
    let mac: Mac | undefined;
    if (row.keyStart < 0) {
      if (sealedIn === null || sealedIn > this.legacyAllowedThrough) {
        this.problem(row.id, `event ${row.id} no longer matches its hash`, 2);
        return;
      }
      mac = this.legacy;
    } else {
      mac = this.macFor(row);
      if (!mac) {
        const keyId = row.chunk.toString('utf8', row.keyStart, row.keyEnd);
        this.problem(
          row.id,
          `event ${row.id} no longer matches its hash (key ${keyId} is not held by this verifier)`,
          2,
        );
        return;
      }
    }
    const message = row.message;
    const start = MESSAGE_START - mac.prefix.length;
    if (!row.malformed && start >= HMAC_BLOCK) {
      // The header stays in place while the buffer and the key do: written once, not per event.
      if (this.headerIn !== message || this.headerOf !== mac) {
        mac.header(message, start);
        this.headerIn = message;
        this.headerOf = mac;
      }
      if (hexEquals(mac.digest(message, start, row.messageEnd), row.chunk, row.hashStart, row.hashEnd)) return;
    }
    this.recheck.set(row.id, { sealedIn, seq: this.checkedEvents * 4 + 2 });
  }

  /**
   * Events whose assembled bytes did not match are read again as PostgreSQL's JSON (EVENT_COLUMNS) in
   * the same snapshot and checked as before (decoded and encoded as the writer did): the fast path
   * decides speed, never the verdict.
   */
  private async checkAgain(manager: EntityManager): Promise<void> {
    const ids = [...this.recheck.keys()];
    for (let i = 0; i < ids.length; i += RECHECK_ROWS) {
      const rows: EventRow[] = await manager.query(
        `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE id = ANY($1::bigint[])`,
        [ids.slice(i, i + RECHECK_ROWS)],
      );
      for (const row of rows) {
        const at = this.recheck.get(row.id)!;
        this.checkEvent(row, at.sealedIn, at.seq);
      }
    }
  }

  private checkEvent(row: EventRow, sealedIn: number | null, seq: number): void {
    let digestOf: (message: string) => string;
    let prefix: string;
    if (row.key_id === null) {
      if (sealedIn === null || sealedIn > this.legacyAllowedThrough) {
        this.problem(row.id, `event ${row.id} no longer matches its hash`, 2, seq);
        return;
      }
      digestOf = (message) => createHash('sha256').update(message, 'utf8').digest('hex');
      prefix = '["v1",';
    } else {
      const key = this.keyring.key(row.key_id);
      if (!key) {
        this.problem(
          row.id,
          `event ${row.id} no longer matches its hash (key ${row.key_id} is not held by this verifier)`,
          2,
          seq,
        );
        return;
      }
      digestOf = (message) => createHmac('sha256', key.secret).update(message, 'utf8').digest('hex');
      prefix = `["v2",${JSON.stringify(row.key_id)},`;
    }
    if (digestOf(`${prefix}${row.content}]`) === row.hash) return;
    // The slow path: decode PostgreSQL's encoding and encode it as the writer did.
    const fields = JSON.parse(`[${row.content}]`) as unknown[];
    const canonical =
      row.key_id === null ? JSON.stringify(['v1', ...fields]) : JSON.stringify(['v2', row.key_id, ...fields]);
    if (digestOf(canonical) !== row.hash) this.problem(row.id, `event ${row.id} no longer matches its hash`, 2, seq);
  }
}
