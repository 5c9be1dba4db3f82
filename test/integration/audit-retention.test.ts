import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, createDataSource } from '../../src/db/data-source';
import { verifyArchiveFile } from '../../src/modules/audit/audit.archive-file';
import { archiveAuditLog, type ArchiveOutcome } from '../../src/modules/audit/audit.archive.service';
import { auditKeyring } from '../../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../../src/modules/audit/audit.recorder';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { verifyAuditLog } from '../../src/modules/audit/audit.verify';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Retention: months older than AUDIT_RETENTION_MONTHS are archived to a signed file that verifies on
 * its own, then dropped; newer events stay untouched; verification of the database then starts from
 * the archived checkpoint and says so; the procedure leaves an audit event.
 */

const draft = (occurredAt: Date, i: number): AuditEventDraft => ({
  occurredAt,
  requestId: randomUUID(),
  actorUserId: null,
  actorOrganisationId: null,
  actorRoles: [],
  sessionHash: null,
  clientAddress: `10.0.0.${i % 250}`,
  operationType: 'query',
  operationName: `Old${i}`,
  fields: ['Query.me'],
  action: AuditAction.READ,
  outcome: AuditOutcome.DENIED,
  errorCode: 'UNAUTHENTICATED',
  entityType: null,
  entityIds: [],
  entityOrganisationIds: [],
  purpose: null,
});

describe('audit retention: archive, drop, verify from the archive', () => {
  let server: TestServer;
  let owner: DataSource;
  let directory: string;
  let outcome: ArchiveOutcome;
  const progress: string[] = [];
  let recentBefore: { id: string; hash: string }[];

  const sealAll = async (): Promise<void> => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      while ((await server.runtime.sealer.sealOnce()) > 0) {
        // next batch
      }
      const [{ n }] = await server.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE e.id = ANY (c.event_ids))`,
      );
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('events left unsealed');
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runSealer: false });
    owner = createDataSource({ url: server.db.url, asAppRole: false, poolSize: 2 });
    await owner.initialize();
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-archive-test-'));
    // Two old months (a partition each, made by the owner's function) and recent traffic.
    await server.sql(`SELECT audit_event_create_partition('2014-01-01'), audit_event_create_partition('2014-02-01')`);
    const repo = new AuditRepository();
    await repo.insert(
      server.runtime.dataSource.manager,
      Array.from({ length: 30 }, (_, i) => draft(new Date(Date.UTC(2014, 0, 5, 12, 0, i)), i)),
    );
    await repo.insert(
      server.runtime.dataSource.manager,
      Array.from({ length: 20 }, (_, i) => draft(new Date(Date.UTC(2014, 1, 7, 12, 0, i)), 100 + i)),
    );
    const token = await server.login('socialsekreterare@danderyd.example');
    for (let i = 0; i < 3; i++)
      expect((await server.gql(`query Recent${i} { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll();
    const before = await verifyAuditLog(server.runtime.dataSource.manager, { anchorFile: server.anchorFile });
    expect(before.problems).toEqual([]);
    recentBefore = await server.sql(
      `SELECT id::text AS id, hash FROM audit_event WHERE occurred_at >= '2020-01-01' ORDER BY audit_event.id`,
    );
    expect(recentBefore.length).toBeGreaterThan(3);
    outcome = await archiveAuditLog(owner, { retentionMonths: 24, directory, progress: (t) => progress.push(t) });
  });

  afterAll(async () => {
    await owner?.destroy();
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
    await server?.stop();
  });

  it('writes a signed archive of the old months that verifies on its own, then drops their partitions', async () => {
    expect(outcome.partitions).toEqual(['audit_event_2014_01', 'audit_event_2014_02']);
    expect(outcome.file).not.toBeNull();
    expect(fs.statSync(outcome.file!).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${outcome.file!}.partial`)).toBe(false);
    const check = await verifyArchiveFile(outcome.file!, auditKeyring());
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    // Every old event, and whatever else its last checkpoint sealed.
    expect(check.checkedEvents).toBeGreaterThanOrEqual(50);
    expect(check.header?.to.checkpointId).toBe(outcome.head?.checkpointId);
    const gone = await server.sql<{ a: string | null; b: string | null; n: number }>(
      `SELECT to_regclass('audit_event_2014_01')::text AS a, to_regclass('audit_event_2014_02')::text AS b,
              (SELECT count(*)::int FROM audit_event WHERE occurred_at < '2015-01-01') AS n`,
    );
    expect(gone[0]).toEqual({ a: null, b: null, n: 0 });
    expect(progress.some((p) => p.includes('archive verified'))).toBe(true);
  });

  it('leaves events newer than the retention period untouched', async () => {
    const after = await server.sql<{ id: string; hash: string }>(
      `SELECT id::text AS id, hash FROM audit_event WHERE occurred_at >= '2020-01-01' AND audit_event.id <= $1::bigint ORDER BY audit_event.id`,
      [recentBefore[recentBefore.length - 1].id],
    );
    expect(after).toEqual(recentBefore);
  });

  it('records the procedure in the audit log', async () => {
    const rows = await server.sql<{ entity_ids: string[]; action: string; purpose: string }>(
      `SELECT entity_ids, action, purpose FROM audit_event WHERE operation_name = 'audit_archive'`,
    );
    expect(rows).toEqual([
      {
        entity_ids: ['audit_event_2014_01', 'audit_event_2014_02'],
        action: 'DELETE',
        purpose: path.basename(outcome.file!),
      },
    ]);
  });

  it('verification of the database starts from the archived checkpoint and says so', async () => {
    await sealAll();
    const result = await verifyAuditLog(server.runtime.dataSource.manager, { anchorFile: server.anchorFile });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.startedFrom).toContain(`checkpoint ${outcome.head!.checkpointId}`);
    expect(result.startedFrom).toContain('archive');
  });

  it('a tampered archive fails verification', async () => {
    const lines = fs.readFileSync(outcome.file!, 'utf8').split('\n');
    // The event's content is JSON inside a JSON line: its quotes are escaped.
    const at = lines.findIndex((l) => l.includes('Old7\\"'));
    expect(at).toBeGreaterThan(0);
    const tampered = path.join(directory, 'tampered.jsonl');
    fs.writeFileSync(
      tampered,
      [...lines.slice(0, at), lines[at].replace('Old7', 'Old8'), ...lines.slice(at + 1)].join('\n'),
    );
    const check = await verifyArchiveFile(tampered, auditKeyring());
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('the signature does not match the file (altered)');
    expect(check.problems.some((p) => /no longer matches its hash/.test(p))).toBe(true);
    // Cut short: the signature line is gone.
    fs.writeFileSync(tampered, lines.slice(0, at).join('\n'));
    expect((await verifyArchiveFile(tampered, auditKeyring())).ok).toBe(false);
  });

  it('the application role cannot write archive records; one forged by the owner is named and ignored', async () => {
    const client = new Client({ connectionString: server.db.url, options: `-c role=${APP_ROLE}` });
    await client.connect();
    try {
      await expect(
        client.query(
          `INSERT INTO audit_archive (archived_at, file_name, file_sha256, partitions, before_month, last_checkpoint_id, last_checkpoint_hash, tx_horizon, event_count, key_id, signature)
           VALUES (now(), 'x', 'x', '{}', '2030-01-01', 1, 'x', 1, 0, 'k', 'x')`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    // The owner (no key) skips the chain forward to hide events: the forged start is refused.
    const [latest] = await server.sql<{ id: string; hash: string; tx_horizon: string }>(
      `SELECT id::text AS id, hash, tx_horizon::text AS tx_horizon FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
    );
    await server.sql(
      `INSERT INTO audit_archive (archived_at, file_name, file_sha256, partitions, before_month, last_checkpoint_id, last_checkpoint_hash, tx_horizon, event_count, key_id, signature)
       VALUES (now(), 'forged.jsonl', 'x', '{}', '2030-01-01', $1, $2, $3, 0, $4, 'forged')`,
      [latest.id, latest.hash, latest.tx_horizon, auditKeyring().current.id],
    );
    const result = await verifyAuditLog(server.runtime.dataSource.manager, { anchorFile: server.anchorFile });
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => /archive record \d+ does not verify/.test(p))).toBe(true);
    expect(result.startedFrom).toContain(`checkpoint ${outcome.head!.checkpointId}`);
  });
});
