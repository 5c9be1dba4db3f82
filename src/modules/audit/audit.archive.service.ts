import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { ARCHIVE_FORMAT, fileSha256, verifyArchiveFile, type ArchiveHeader } from './audit.archive-file';
import {
  archiveRecordSignature,
  checkpointsAfter,
  createPartitionsAhead,
  databaseName,
  dropPartition,
  eventsInDefaultBefore,
  headOf,
  insertArchiveRecord,
  latestArchive,
  monthlyPartitions,
  partitionStats,
  retentionCutoff,
  streamEvents,
} from './audit.archive.repository';
import { auditKeyring, GENESIS_HASH } from './audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from './audit.recorder';
import { AuditRepository } from './audit.repository';

/** Months of partitions kept ready ahead of time (a default partition takes anything beyond). */
export const PARTITIONS_AHEAD_MONTHS = 12;

export interface ArchiveOptions {
  retentionMonths: number;
  /** Directory receiving the archive file. */
  directory: string;
  /** Progress in words, for long runs. */
  progress: (text: string) => void;
}

export interface ArchiveOutcome {
  file: string | null;
  partitions: string[];
  events: number;
  checkpoints: number;
  /** Verification of the database starts here from now on. */
  head: { checkpointId: string; hash: string } | null;
  /** Events older than the retention period in the default partition (kept: a partition cannot be split). */
  keptInDefault: number;
}

export class ArchiveRefused extends Error {}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Archives and drops the monthly partitions of audit events older than the retention period, run by
 * the schema owner. In order: partitions for the coming months; the partitions to drop; the chain of
 * checkpoints from where the last archive ended up to the first checkpoint that seals every event of
 * those partitions (refused while one is unsealed); the file, written under a temporary name, fsynced,
 * renamed, and verified on its own from disk; then in one transaction a signed `audit_archive` record
 * (where verification starts from now on), an audit event naming the partitions, and the drop. A
 * failure before the commit drops nothing.
 */
export async function archiveAuditLog(ds: DataSource, opts: ArchiveOptions): Promise<ArchiveOutcome> {
  const keyring = auditKeyring();
  const key = keyring.current;
  const manager = ds.manager;
  await createPartitionsAhead(manager, PARTITIONS_AHEAD_MONTHS);
  const cutoff = await retentionCutoff(manager, opts.retentionMonths);
  const keptInDefault = await eventsInDefaultBefore(manager, cutoff);
  const old = (await monthlyPartitions(manager)).filter((p) => p.month < cutoff);
  opts.progress(
    `retention ${opts.retentionMonths} months: events before ${cutoff} may go; ${old.length} partition(s) to archive` +
      (old.length > 0 ? ` (${old[0].name} … ${old[old.length - 1].name})` : ''),
  );
  const nothing = { file: null, partitions: [], events: 0, checkpoints: 0, head: null, keptInDefault };
  if (old.length === 0) return nothing;
  const names = old.map((p) => p.name);
  const stats = await partitionStats(manager, names);
  if (stats.withoutTx > 0)
    throw new ArchiveRefused(
      `${stats.withoutTx} event(s) in those partitions bypassed the insert trigger: verify first`,
    );

  const { record: previous, unverifiable } = await latestArchive(manager, keyring);
  if (unverifiable.length > 0)
    throw new ArchiveRefused(`archive record ${unverifiable[0].id} does not verify under the held keys: verify first`);
  const from = previous ? headOf(previous) : null;

  let header: ArchiveHeader | null = null;
  let file: string | null = null;
  let checkpointCount = 0;
  if (stats.events > 0) {
    // The chain from the last archive to the first checkpoint sealing the partitions' newest event.
    const chain = [];
    let expected = from?.hash ?? GENESIS_HASH;
    for (const cp of await checkpointsAfter(manager, from?.checkpointId ?? '0')) {
      if (cp.previous_hash !== expected)
        throw new ArchiveRefused(`checkpoint ${cp.id} does not continue the chain: run npm run audit:verify first`);
      chain.push(cp);
      expected = cp.hash;
      if (BigInt(cp.tx_horizon) > BigInt(stats.maxTx!)) break;
    }
    const last = chain[chain.length - 1];
    if (!last || BigInt(last.tx_horizon) <= BigInt(stats.maxTx!))
      throw new ArchiveRefused('some events of those partitions are not sealed yet: is the sealer running?');
    checkpointCount = chain.length;
    const eventCount = chain.reduce((n, cp) => n + cp.event_ids.length, 0);
    const database = await databaseName(manager);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    file = path.resolve(opts.directory, `audit-archive-${database}-before-${cutoff.slice(0, 7)}-${stamp}.jsonl`);
    header = {
      format: ARCHIVE_FORMAT,
      v: 1,
      database,
      createdAt: new Date().toISOString(),
      partitions: names,
      beforeMonth: cutoff,
      from,
      to: { checkpointId: last.id, hash: last.hash, txHorizon: last.tx_horizon },
      checkpointCount,
      eventCount,
    };
    opts.progress(`writing ${eventCount} events and ${checkpointCount} checkpoints to ${file}`);
    await writeArchive(ds, file, header, chain, from?.txHorizon ?? '0', opts.progress);
    opts.progress('verifying the archive file from disk');
    const check = await verifyArchiveFile(file, keyring);
    if (!check.ok || check.checkedEvents !== eventCount)
      throw new ArchiveRefused(
        `the archive file does not verify (${check.problems[0] ?? 'count differs'}); nothing dropped`,
      );
    opts.progress(`archive verified: ${check.checkedEvents} events, ${check.checkedCheckpoints} checkpoints`);
  }

  await ds.transaction(async (manager) => {
    if (header && file) {
      const record = {
        fileName: path.basename(file),
        fileSha256: await fileSha256(file),
        partitions: names,
        beforeMonth: cutoff,
        firstCheckpointId: header.from ? header.from.checkpointId : null,
        lastCheckpointId: header.to.checkpointId,
        lastCheckpointHash: header.to.hash,
        txHorizon: header.to.txHorizon,
        eventCount: String(header.eventCount),
        keyId: key.id,
      };
      await insertArchiveRecord(manager, { ...record, signature: archiveRecordSignature(record, key.secret) });
    }
    const draft: AuditEventDraft = {
      occurredAt: new Date(),
      requestId: randomUUID(),
      actorUserId: null,
      actorOrganisationId: null,
      actorRoles: ['SYSTEM'],
      sessionHash: null,
      clientAddress: null,
      operationType: 'archive',
      operationName: 'audit_archive',
      fields: ['audit.archive'],
      action: AuditAction.DELETE,
      outcome: AuditOutcome.ALLOWED,
      errorCode: null,
      entityType: 'AuditPartition',
      entityIds: [...names].sort(),
      entityOrganisationIds: [],
      purpose: file ? path.basename(file).slice(0, 200) : null,
    };
    await new AuditRepository().insert(manager, [draft]);
    for (const name of names) {
      await dropPartition(manager, name);
      opts.progress(`dropped ${name}`);
    }
  });
  return {
    ...nothing,
    file,
    partitions: names,
    events: header?.eventCount ?? 0,
    checkpoints: checkpointCount,
    head: header ? { checkpointId: header.to.checkpointId, hash: header.to.hash } : null,
  };
}

async function writeArchive(
  ds: DataSource,
  file: string,
  header: ArchiveHeader,
  chain: readonly object[],
  fromTx: string,
  progress: (text: string) => void,
): Promise<void> {
  const key = auditKeyring().current;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  const sign = createHmac('sha256', key.secret);
  const write = (text: string): void => {
    sign.update(text, 'utf8');
    fs.writeSync(fd, text);
  };
  try {
    write(`${JSON.stringify(header)}\n`);
    for (const cp of chain) write(`${JSON.stringify({ c: cp })}\n`);
    let written = 0;
    let reported = Date.now();
    await ds.transaction('REPEATABLE READ', async (manager) => {
      await streamEvents(manager, fromTx, header.to.txHorizon, async (rows) => {
        write(rows.map((r) => `${JSON.stringify({ e: [r.id, r.tx_id, r.key_id, r.hash, r.content] })}\n`).join(''));
        written += rows.length;
        if (Date.now() - reported > 2000) {
          progress(`  ${written} of ${header.eventCount} events written`);
          reported = Date.now();
        }
      });
    });
    fs.writeSync(fd, `${JSON.stringify({ signature: sign.digest('hex'), keyId: key.id })}\n`);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
  fsyncPath(path.dirname(file));
}
