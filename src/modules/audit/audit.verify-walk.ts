import { createHash, createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkpointDigest, type AuditKey, type AuditKeyring, type CheckpointDigest } from './audit.hash';

/** A checkpoint of the chain as verification walks it. */
export interface ChainCheckpoint {
  id: string;
  tx_horizon: string;
  event_ids: string[];
  previous_hash: string;
  hash: string;
  event_count: number;
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

const FETCH_ROWS = 10_000;
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

/**
 * Walks the events of one stretch of the chain (its checkpoints, and for the last stretch the
 * unsealed events after them) in sealing order (tx_id, id) through a server-side cursor, checking
 * each event's digest, that each checkpoint lists exactly the events of its transaction range, and
 * each checkpoint's digest over them. Stretches are independent: they can run on several
 * connections that share one snapshot.
 */
export class SegmentWalker {
  readonly problems: Problem[] = [];
  checkedEvents = 0;
  unsealedEvents = 0;
  private c = 0;
  private position = 0;
  private digest: CheckpointDigest | undefined;
  private remaining = new Set<string>();
  private broken = false;
  private readonly macs = new Map<string, ((message: string) => string) | undefined>();

  constructor(
    private readonly chain: readonly ChainCheckpoint[],
    private readonly fromHorizon: bigint,
    /** Unsealed events follow (the last stretch): no upper bound. */
    private readonly open: boolean,
    private readonly keyring: AuditKeyring,
    private readonly legacyAllowedThrough: number,
  ) {
    this.startCheckpoint();
  }

  async run(manager: EntityManager, cursor: string, onProgress?: (rows: number) => void): Promise<void> {
    const upper =
      this.open || this.chain.length === 0
        ? ''
        : ` AND tx_id < ${this.chain[this.chain.length - 1].horizon.toString()}`;
    await manager.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${EVENT_COLUMNS} FROM audit_event
        WHERE tx_id >= $1${upper} ORDER BY audit_event.tx_id, audit_event.id`,
      [this.fromHorizon.toString()],
    );
    try {
      // The next batch is on its way (PostgreSQL reads and encodes it) while this one is checked.
      let next: Promise<EventRow[]> | undefined = manager.query(`FETCH ${FETCH_ROWS} FROM ${cursor}`);
      while (next) {
        const rows: EventRow[] = await next;
        next = rows.length === FETCH_ROWS ? manager.query(`FETCH ${FETCH_ROWS} FROM ${cursor}`) : undefined;
        for (const row of rows) this.onRow(row);
        onProgress?.(rows.length);
      }
    } finally {
      await manager.query(`CLOSE ${cursor}`);
    }
    this.finish();
  }

  /** One event in sealing order, from elsewhere than the database (an archive file). */
  feed(row: EventRow): void {
    this.onRow(row);
  }

  /** After the last event: closes the checkpoints still open (naming what is missing). */
  finish(): void {
    while (this.c < this.chain.length) this.closeCheckpoint();
  }

  private problem(eventId: string | null, text: string): void {
    this.problems.push({ eventId, text });
  }

  private startCheckpoint(): void {
    const cp = this.chain[this.c];
    this.position = 0;
    this.broken = false;
    this.digest = cp ? checkpointDigest(cp.key, cp.previous_hash, cp.tx_horizon, cp.event_ids.length) : undefined;
    this.remaining = new Set(cp?.event_ids ?? []);
  }

  private closeCheckpoint(): void {
    const cp = this.chain[this.c];
    if (this.position < cp.event_ids.length) {
      const missing = cp.event_ids[this.position];
      this.problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`);
    } else if (!this.broken && (this.digest!.digest() !== cp.hash || cp.event_count !== cp.event_ids.length)) {
      this.problem(cp.event_ids[0] ?? null, `checkpoint ${cp.id} no longer matches its events`);
    }
    this.c++;
    this.startCheckpoint();
  }

  private onRow(row: EventRow): void {
    const tx = BigInt(row.tx_id);
    while (this.c < this.chain.length && tx >= this.chain[this.c].horizon) this.closeCheckpoint();
    this.checkedEvents++;
    if (this.c >= this.chain.length) {
      this.checkEvent(row, null);
      this.unsealedEvents++;
      return;
    }
    const cp = this.chain[this.c];
    if (tx < cp.fromHorizon) {
      this.problem(row.id, `event ${row.id} lies in a sealed range before checkpoint ${cp.id} but is in no checkpoint`);
      return;
    }
    if (!this.remaining.has(row.id)) {
      this.problem(row.id, `event ${row.id} lies in sealed range of checkpoint ${cp.id} but is not in it`);
      return;
    }
    while (this.position < cp.event_ids.length && cp.event_ids[this.position] !== row.id) {
      const missing = cp.event_ids[this.position];
      this.problem(missing, `event ${missing} is listed in checkpoint ${cp.id} but missing`);
      this.broken = true;
      this.remaining.delete(missing);
      this.position++;
    }
    this.remaining.delete(row.id);
    this.position++;
    this.checkEvent(row, cp.index);
    this.digest!.add(row.id, row.hash);
  }

  private macOf(keyId: string): ((message: string) => string) | undefined {
    if (!this.macs.has(keyId)) {
      const key = this.keyring.key(keyId);
      // A new HMAC per message: cheaper in Node than copying prepared inner and outer hashes
      // (2.6 µs against 3.8–4.1 µs per 450-byte event, measured on this machine).
      this.macs.set(
        keyId,
        key ? (message) => createHmac('sha256', key.secret).update(message, 'utf8').digest('hex') : undefined,
      );
    }
    return this.macs.get(keyId);
  }

  private checkEvent(row: EventRow, sealedIn: number | null): void {
    let digestOf: (message: string) => string;
    let prefix: string;
    if (row.key_id === null) {
      if (sealedIn === null || sealedIn > this.legacyAllowedThrough) {
        this.problem(row.id, `event ${row.id} no longer matches its hash`);
        return;
      }
      digestOf = (message) => createHash('sha256').update(message, 'utf8').digest('hex');
      prefix = '["v1",';
    } else {
      const mac = this.macOf(row.key_id);
      if (!mac) {
        this.problem(
          row.id,
          `event ${row.id} no longer matches its hash (key ${row.key_id} is not held by this verifier)`,
        );
        return;
      }
      digestOf = mac;
      prefix = `["v2",${JSON.stringify(row.key_id)},`;
    }
    if (digestOf(`${prefix}${row.content}]`) === row.hash) return;
    // The slow path: decode PostgreSQL's encoding and encode it as the writer did.
    const fields = JSON.parse(`[${row.content}]`) as unknown[];
    const canonical =
      row.key_id === null ? JSON.stringify(['v1', ...fields]) : JSON.stringify(['v2', row.key_id, ...fields]);
    if (digestOf(canonical) !== row.hash) this.problem(row.id, `event ${row.id} no longer matches its hash`);
  }
}
