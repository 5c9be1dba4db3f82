import { badInput, InputReason } from './errors';

/**
 * Opaque keyset-pagination cursors, for every connection in the API.
 *
 * A cursor is base64url of a small JSON array `["c1", kind, ...key]`: a version, the kind of list
 * it belongs to (a cursor of one list is refused by another) and the key of the last row returned.
 * Decoding is strict: the text must be canonical base64url of exactly that shape, every key part
 * must pass its validator, and anything else answers BAD_USER_INPUT. A cursor carries a position
 * only, never a permission: the query that uses it applies the caller's scope as always.
 */
const VERSION = 'c1';
const MAX_CURSOR_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Checks one part of a cursor's key. */
export type CursorPart = (value: string) => boolean;

/** A positive bigint row id (PostgreSQL `bigint` identity), as decimal text. */
export const bigintIdPart: CursorPart = (v) => /^[1-9][0-9]{0,18}$/.test(v) && BigInt(v) <= 9_223_372_036_854_775_807n;
export const uuidPart: CursorPart = (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
/** An instant as UTC ISO 8601 text with milliseconds, as `Date#toISOString` writes it. */
export const isoInstantPart: CursorPart = (v) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) &&
  !Number.isNaN(Date.parse(v)) &&
  new Date(v).toISOString() === v;

export function encodeCursor(kind: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([VERSION, kind, ...key]), 'utf8').toString('base64url');
}

/**
 * The key inside a cursor made by `encodeCursor(kind, …)`, one validator per part; throws
 * BAD_USER_INPUT (on `field`) for anything malformed, forged, or made for another list.
 */
export function decodeCursor(kind: string, cursor: string, parts: readonly CursorPart[], field = 'after'): string[] {
  const invalid = () => badInput(field, InputReason.INVALID_CURSOR, 'is not a valid cursor');
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor))
    throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Buffer ignores stray input; insist on the one canonical encoding.
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== parts.length + 2) throw invalid();
  const [version, cursorKind, ...key] = decoded as unknown[];
  if (version !== VERSION || cursorKind !== kind) throw invalid();
  if (!key.every((v, i) => typeof v === 'string' && safely(parts[i], v))) throw invalid();
  return key as string[];
}

function safely(check: CursorPart, value: string): boolean {
  try {
    return check(value);
  } catch {
    return false;
  }
}

export interface PageSizeLimits {
  defaultSize: number;
  maxSize: number;
}

/** `first` of a connection: the default when absent, BAD_USER_INPUT below 1 or above the maximum. */
export function pageSize(
  first: number | null | undefined,
  limits: PageSizeLimits = { defaultSize: 50, maxSize: 500 },
  field = 'first',
): number {
  if (first === null || first === undefined) return limits.defaultSize;
  if (!Number.isInteger(first) || first < 1)
    throw badInput(field, InputReason.PAGE_SIZE_OUT_OF_RANGE, 'must be at least 1');
  if (first > limits.maxSize)
    throw badInput(field, InputReason.PAGE_SIZE_OUT_OF_RANGE, `must be at most ${limits.maxSize}`);
  return first;
}
