import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../config/logger';

/**
 * A checkpoint's digest as written outside the database: one JSON line per checkpoint in the anchor
 * file, and the same object in one log line (`auditAnchor`) for a SIEM. `database` tells apart the
 * databases whose sealers share a file (tests); a deployment has one.
 */
export interface AuditAnchor {
  v: 1;
  database: string;
  checkpointId: string;
  hash: string;
  previousHash: string;
  keyId: string;
  txHorizon: string;
  eventCount: number;
  lastEventId: string | null;
  sealedAt: string;
}

/** Appends anchors: opened in append mode for each line and flushed to disk before the sealer goes on. */
export class AnchorWriter {
  constructor(
    readonly file: string | undefined,
    private readonly logger: Logger,
  ) {}

  append(anchor: AuditAnchor): void {
    this.logger.info({ auditAnchor: anchor }, 'audit checkpoint sealed');
    if (!this.file) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const fd = fs.openSync(this.file, 'a', 0o600);
      try {
        fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      // The checkpoint stands in the database and in the log line; verification reports the gap.
      this.logger.error(
        { err: (error as NodeJS.ErrnoException).code ?? 'unknown', file: this.file },
        'audit anchor could not be written',
      );
    }
  }
}

export interface AnchorReadResult {
  anchors: AuditAnchor[];
  /** Lines that are not anchors (cut short by a crash, or edited). */
  malformedLines: number;
}

const isAnchor = (value: unknown): value is AuditAnchor => {
  const a = value as Partial<AuditAnchor> | null;
  return (
    !!a &&
    a.v === 1 &&
    typeof a.database === 'string' &&
    typeof a.checkpointId === 'string' &&
    typeof a.hash === 'string' &&
    typeof a.previousHash === 'string' &&
    typeof a.txHorizon === 'string' &&
    typeof a.eventCount === 'number'
  );
};

/** The anchors of `database` in file order; a missing file has none. */
export function readAnchors(file: string, database: string): AnchorReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], malformedLines: 0 };
    throw error;
  }
  const anchors: AuditAnchor[] = [];
  let malformedLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (!isAnchor(parsed)) malformedLines++;
      else if (parsed.database === database) anchors.push(parsed);
    } catch {
      malformedLines++;
    }
  }
  return { anchors, malformedLines };
}
