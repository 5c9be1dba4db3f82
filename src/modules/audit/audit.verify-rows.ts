/**
 * Events as verification reads them from PostgreSQL's binary COPY format, turned into the exact
 * bytes the writer's digest covers (`canonicalAuditEncoding`: a compact JSON array) without a
 * JavaScript object, string or Date per field. No database access here: the walker streams the
 * rows in (audit.verify-walk.ts).
 */

/** The columns, in the order `EventDecoder` reads them; text where the digest needs text. */
export const BINARY_EVENT_COLUMNS = `id::text, tx_id, key_id, hash, occurred_at, request_id::text,
  actor_user_id::text, actor_organisation_id::text, actor_roles, session_hash, client_address, operation_type,
  operation_name, fields, action, outcome, error_code, entity_type, entity_ids, entity_organisation_ids::text[], purpose`;
const FIELD_COUNT = 21;
/** Where the content starts in `BinaryEvent.message`: room before it for the digest's prefix and HMAC's inner pad. */
export const MESSAGE_START = 128;
/** How each content field (after id, tx_id, key_id, hash) is written: text, uuid text (no escaping check), text array. */
const TEXT = 0;
const UUID = 1;
const ARRAY = 2;
const KINDS = Uint8Array.from([
  0,
  0,
  0,
  0,
  0,
  UUID,
  UUID,
  UUID,
  ARRAY,
  0,
  0,
  0,
  0,
  ARRAY,
  0,
  0,
  0,
  0,
  ARRAY,
  ARRAY,
  TEXT,
]);
const UNIX_EPOCH_FROM_2000_MICROS = 946_684_800_000_000;
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * One decoded row: offsets into the chunk it came in (valid only until the next row), the id and
 * the transaction id, and the canonical message (without its `["v2","<key>",` prefix) in `message`.
 */
export interface BinaryEvent {
  id: string;
  txId: number;
  /** Start and end of key_id's bytes in `chunk`; start < 0: NULL. */
  keyStart: number;
  keyEnd: number;
  hashStart: number;
  hashEnd: number;
  chunk: Buffer;
  /** Bytes `message[MESSAGE_START, messageEnd)`: the content fields joined by commas and the closing bracket. */
  message: Buffer;
  messageEnd: number;
  /** The canonical encoding could not be built from bytes (an array of more than one dimension). */
  malformed: boolean;
}

/**
 * Reads PostgreSQL's binary COPY stream of `BINARY_EVENT_COLUMNS` (one row per CopyData message, as
 * PostgreSQL sends it; rows split across messages are joined) and calls `onRow` for each.
 */
export class EventDecoder {
  /** Where each row's message is assembled; grown for a row that could need more (6 bytes per byte escaped). */
  message: Buffer;
  private headerSeen = false;
  private carry: Buffer | undefined;
  private readonly row: BinaryEvent;

  constructor(private readonly onRow: (row: BinaryEvent) => void) {
    this.message = Buffer.allocUnsafe(1 << 16);
    this.row = {
      id: '',
      txId: 0,
      keyStart: -1,
      keyEnd: -1,
      hashStart: 0,
      hashEnd: 0,
      chunk: this.message,
      message: this.message,
      messageEnd: 0,
      malformed: false,
    };
  }

  /** The next CopyData bytes. */
  push(data: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, data]) : data;
    this.carry = undefined;
    let at = 0;
    if (!this.headerSeen) {
      if (buf.length < 19) {
        this.carry = buf;
        return;
      }
      if (!buf.subarray(0, 11).equals(COPY_SIGNATURE)) throw new Error('not a binary COPY stream');
      at = 19 + buf.readInt32BE(15);
      this.headerSeen = true;
    }
    while (at < buf.length) {
      const end = this.rowEnd(buf, at);
      if (end < 0) {
        this.carry = buf.subarray(at);
        return;
      }
      if (end > at + 2) {
        if ((end - at) * 6 + 256 > this.message.length) {
          this.message = Buffer.allocUnsafe((end - at) * 6 + 256);
          this.row.message = this.message;
        }
        this.decode(buf, at);
      }
      at = end;
    }
  }

  /** End of the row at `at`, or -1 if it is not complete; the trailer (-1) is a row of its own. */
  private rowEnd(buf: Buffer, at: number): number {
    if (at + 2 > buf.length) return -1;
    const n = buf.readInt16BE(at);
    if (n === -1) return at + 2;
    if (n !== FIELD_COUNT) throw new Error(`binary COPY row with ${n} fields`);
    let p = at + 2;
    for (let i = 0; i < n; i++) {
      if (p + 4 > buf.length) return -1;
      const len = buf.readInt32BE(p);
      p += 4 + (len > 0 ? len : 0);
      if (p > buf.length) return -1;
    }
    return p;
  }

  private decode(buf: Buffer, at: number): void {
    const row = this.row;
    row.chunk = buf;
    row.malformed = false;
    let p = at + 2;
    // id (text), tx_id (int8), key_id (text), hash (text)
    let len = buf.readInt32BE(p);
    row.id = buf.toString('latin1', p + 4, p + 4 + len);
    p += 4 + len;
    len = buf.readInt32BE(p);
    row.txId = len === 8 ? buf.readInt32BE(p + 4) * 4_294_967_296 + buf.readUInt32BE(p + 8) : -1;
    p += 4 + Math.max(len, 0);
    len = buf.readInt32BE(p);
    row.keyStart = len < 0 ? -1 : p + 4;
    row.keyEnd = len < 0 ? -1 : p + 4 + len;
    p += 4 + Math.max(len, 0);
    len = buf.readInt32BE(p);
    row.hashStart = len < 0 ? -1 : p + 4;
    row.hashEnd = len < 0 ? -1 : p + 4 + len;
    p += 4 + Math.max(len, 0);

    const out = this.message;
    let o = MESSAGE_START;
    // occurred_at: int8 microseconds since 2000-01-01 UTC, written as the decimal string of epoch microseconds
    len = buf.readInt32BE(p);
    if (len === 8) {
      const micros = buf.readInt32BE(p + 4) * 4_294_967_296 + buf.readUInt32BE(p + 8) + UNIX_EPOCH_FROM_2000_MICROS;
      out[o++] = QUOTE;
      o += out.write(micros.toString(), o, 'latin1');
      out[o++] = QUOTE;
    } else o = writeNull(out, o);
    p += 4 + Math.max(len, 0);
    for (let f = 5; f < FIELD_COUNT; f++) {
      out[o++] = COMMA;
      len = buf.readInt32BE(p);
      p += 4;
      const kind = KINDS[f];
      if (len < 0) o = writeNull(out, o);
      else if (kind === ARRAY) {
        const w = writeArray(buf, p, out, o);
        if (w < 0) row.malformed = true;
        else o = w;
      } else o = writeString(buf, p, p + len, out, o, kind === UUID);
      p += Math.max(len, 0);
    }
    out[o++] = 0x5d; // ]
    row.messageEnd = o;
    this.onRow(row);
  }
}

/** A JSON string as JSON.stringify writes it: bytes copied as they are unless one needs escaping. */
function writeString(buf: Buffer, start: number, end: number, out: Buffer, o: number, plain: boolean): number {
  if (!plain) {
    for (let i = start; i < end; i++) {
      const b = buf[i];
      if (b < 0x20 || b === QUOTE || b === BACKSLASH) {
        return o + out.write(JSON.stringify(buf.toString('utf8', start, end)), o, 'utf8');
      }
    }
  }
  out[o++] = QUOTE;
  // A loop: Buffer#copy costs more than it saves for the few dozen bytes of a field.
  for (let i = start; i < end; i++) out[o++] = buf[i];
  out[o++] = QUOTE;
  return o;
}

function writeNull(out: Buffer, o: number): number {
  out[o] = 0x6e; // null
  out[o + 1] = 0x75;
  out[o + 2] = 0x6c;
  out[o + 3] = 0x6c;
  return o + 4;
}

/**
 * A one-dimensional text array in binary form (ndim, has-null flag, element type, then per
 * dimension size and lower bound, then each element's length and bytes) as a JSON array; -1 for
 * more dimensions, which `array_to_json` would nest and the writer never produces.
 */
function writeArray(buf: Buffer, p: number, out: Buffer, o: number): number {
  const ndim = buf.readInt32BE(p);
  out[o++] = 0x5b; // [
  if (ndim === 0) {
    out[o++] = 0x5d;
    return o;
  }
  if (ndim !== 1) return -1;
  const count = buf.readInt32BE(p + 12);
  p += 20;
  for (let i = 0; i < count; i++) {
    if (i > 0) out[o++] = COMMA;
    const len = buf.readInt32BE(p);
    p += 4;
    if (len < 0) o = writeNull(out, o);
    else {
      o = writeString(buf, p, p + len, out, o, false);
      p += len;
    }
  }
  out[o++] = 0x5d;
  return o;
}

const HEX = '0123456789abcdef';

/** Whether `digest` (its bytes as a latin1 string) written in lowercase hex is exactly `buf[start, end)`. */
export function hexEquals(digest: string, buf: Buffer, start: number, end: number): boolean {
  if (start < 0 || end - start !== digest.length * 2) return false;
  for (let i = 0, j = start; i < digest.length; i++, j += 2) {
    const d = digest.charCodeAt(i);
    if (buf[j] !== HEX.charCodeAt(d >> 4) || buf[j + 1] !== HEX.charCodeAt(d & 15)) return false;
  }
  return true;
}
