import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../../src/db/data-source';
import { readAnchors } from '../../src/modules/audit/audit.anchor';
import {
  AuditKeyring,
  auditKeyring,
  canonicalAuditEncoding,
  setAuditKeyring,
  type CanonicalAuditContent,
} from '../../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome } from '../../src/modules/audit/audit.recorder';
import { verifyAuditLog } from '../../src/modules/audit/audit.verify';
import { startTestServer, TEST_AUDIT_HMAC_KEY, type TestServer } from '../helpers/test-server';

/**
 * The audit log against insiders: the application's database role (which writes events but holds
 * no key), and the schema owner (who can do anything in the database but cannot reach the key or
 * the anchor file). Each attack is one that an outside review reproduced against the unkeyed log.
 */

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs statements as the application role, exactly as a compromised request path could. */
async function asAppRole<T = Record<string, unknown>>(
  server: TestServer,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: server.db.url, options: `-c role=${APP_ROLE}` });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const unsealedCount = async (server: TestServer): Promise<number> =>
  (
    await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE e.id = ANY (c.event_ids))`,
    )
  )[0].n;

async function sealAll(server: TestServer): Promise<void> {
  await until('every event sealed', async () => {
    while ((await server.runtime.sealer.sealOnce()) > 0) {
      // next batch
    }
    return (await unsealedCount(server)) === 0;
  });
}

const verify = (server: TestServer) =>
  verifyAuditLog(server.runtime.dataSource.manager, { anchorFile: server.anchorFile });

describe('audit log against insiders', () => {
  let server: TestServer;
  let token: string;
  let socialWorkerId: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runSealer: false });
    token = await server.login('socialsekreterare@danderyd.example');
    const [u] = await server.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`,
    );
    socialWorkerId = u.id;
    for (let i = 0; i < 5; i++)
      expect((await server.gql(`query Warm${i} { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll(server);
    expect((await verify(server)).ok).toBe(true);
  });

  afterAll(async () => {
    setAuditKeyring(new AuditKeyring([Buffer.from(TEST_AUDIT_HMAC_KEY, 'hex')]));
    await server?.stop();
  });

  it('digests are keyed: an event hash is not the unkeyed SHA-256 of its content, and names its key', async () => {
    const [row] = await server.sql<{ hash: string; key_id: string }>(
      `SELECT hash, key_id FROM audit_event ORDER BY id DESC LIMIT 1`,
    );
    expect(row.key_id).toBe(auditKeyring().current.id);
    expect(row.key_id).not.toContain(TEST_AUDIT_HMAC_KEY.slice(0, 8));
    const [cp] = await server.sql<{ key_id: string }>(`SELECT key_id FROM audit_checkpoint ORDER BY id DESC LIMIT 1`);
    expect(cp.key_id).toBe(auditKeyring().current.id);
  });

  it('as the application role: a back-dated event framing a social worker, with an unkeyed hash, is found by verify once sealed', async () => {
    const occurredAt = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    const [org] = await server.sql<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE id = $1`, [
      socialWorkerId,
    ]);
    const content: CanonicalAuditContent = {
      occurredAtMicros: BigInt(occurredAt.getTime()) * 1000n,
      requestId: randomUUID(),
      actorUserId: socialWorkerId,
      actorOrganisationId: org.organisation_id,
      actorRoles: ['SOCIAL_WORKER'],
      sessionHash: null,
      clientAddress: '10.0.0.7',
      operationType: 'query',
      operationName: 'ReadEverything',
      fields: ['Query.cases'],
      action: AuditAction.READ,
      outcome: AuditOutcome.ALLOWED,
      errorCode: null,
      entityType: 'Case',
      entityIds: ['11111111-1111-1111-1111-111111111111'],
      entityOrganisationIds: [org.organisation_id],
      purpose: null,
    };
    // The attacker knows the encoding and the key id (both public), not the key.
    const forgedHash = createHash('sha256')
      .update(canonicalAuditEncoding(content, 'v2', auditKeyring().current.id))
      .digest('hex');
    const [forged] = await asAppRole<{ id: string }>(
      server,
      `INSERT INTO audit_event (occurred_at, request_id, actor_user_id, actor_organisation_id, actor_roles, client_address, operation_type,
          operation_name, fields, action, outcome, entity_type, entity_ids, entity_organisation_ids, hash, key_id)
       VALUES ($1, $2, $3, $4, '{SOCIAL_WORKER}', '10.0.0.7', 'query', 'ReadEverything', '{Query.cases}', 'READ', 'ALLOWED', 'Case',
          $5, $6, $7, $8) RETURNING id::text AS id`,
      [
        occurredAt.toISOString(),
        content.requestId,
        socialWorkerId,
        org.organisation_id,
        content.entityIds,
        content.entityOrganisationIds,
        forgedHash,
        auditKeyring().current.id,
      ],
    );
    // Also one claiming the unkeyed era (no key id): the database refuses it outright.
    await expect(
      asAppRole(
        server,
        `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, hash)
        VALUES (now(), $1, '{}', 'query', '{}', 'READ', 'ALLOWED', '{}', '{}', 'h')`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/key id/);
    await sealAll(server);
    const result = await verify(server);
    expect(result.ok).toBe(false);
    expect(result.firstInvalidEventId).toBe(forged.id);
    expect(result.problem).toContain(`event ${forged.id} no longer matches its hash`);
  });

  it('as the application role: no checkpoint can be inserted, so none can stop sealing', async () => {
    await expect(
      asAppRole(
        server,
        `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash, key_id)
         SELECT now(), 9000000000000, 0, '{}', hash, 'forged', key_id FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('as the schema owner: a forged far-future checkpoint does not stop sealing, and later tampering is still named', async () => {
    // The owner can write the table (it bypasses privileges), but cannot make a valid digest.
    await server.sql(
      `INSERT INTO audit_checkpoint (sealed_at, tx_horizon, event_count, event_ids, previous_hash, hash, key_id)
       SELECT now(), 9000000000000, 0, '{}', hash, $1, key_id FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
      ['f'.repeat(64)],
    );
    const [forgedCp] = await server.sql<{ id: string }>(
      `SELECT id::text AS id FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
    );
    for (let i = 0; i < 3; i++)
      expect((await server.gql(`query After${i} { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll(server);
    const [newest] = await server.sql<{ id: string; previous_hash: string }>(
      `SELECT id::text AS id, previous_hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
    );
    expect(BigInt(newest.id)).toBeGreaterThan(BigInt(forgedCp.id));
    const result = await verify(server);
    expect(result.ok).toBe(false);
    expect(
      result.problems.some((p) => p.includes(`checkpoint ${forgedCp.id} has an impossible transaction horizon`)),
    ).toBe(true);
    // Sealed after the forged row, and still verified: altering one of them is reported too.
    const [later] = await server.sql<{ id: string }>(
      `SELECT id::text AS id FROM audit_event WHERE operation_name = 'After1'`,
    );
    await server.sql(
      `SET session_replication_role = replica; UPDATE audit_event SET outcome = 'DENIED' WHERE id = ${later.id}`,
    );
    const after = await verify(server);
    expect(after.problems.some((p) => p.includes(`event ${later.id} no longer matches its hash`))).toBe(true);
    await server.sql(
      `SET session_replication_role = replica; UPDATE audit_event SET outcome = 'ALLOWED' WHERE id = ${later.id}`,
    );
  });
});

describe('verification on several connections', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runSealer: false });
    const token = await server.login('socialsekreterare@danderyd.example');
    // Several checkpoints, so that the chain splits into stretches.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++)
        expect((await server.gql(`query Split${round}x${i} { me { id } }`, {}, token)).errors).toBeUndefined();
      await sealAll(server);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('gives the same verdict as one connection, and names the same altered event', async () => {
    const manager = server.runtime.dataSource.manager;
    const one = await verifyAuditLog(manager, { parallel: 1 });
    const three = await verifyAuditLog(manager, { parallel: 3 });
    expect(one.ok).toBe(true);
    expect(three).toEqual(one);
    const cps = await server.sql<{ event_ids: string[] }>(
      `SELECT event_ids::text[] AS event_ids FROM audit_checkpoint ORDER BY id`,
    );
    expect(cps.length).toBeGreaterThanOrEqual(4);
    const target = cps[cps.length - 2].event_ids[0];
    await server.sql(
      `SET session_replication_role = replica; UPDATE audit_event SET client_address = '10.6.6.6' WHERE id = ${target}`,
    );
    const tampered = await verifyAuditLog(manager, { parallel: 3 });
    expect(tampered).toMatchObject({ ok: false, firstInvalidEventId: target });
    expect(tampered).toEqual(await verifyAuditLog(manager, { parallel: 1 }));
  });
});

describe('anchored head and key generations', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runSealer: false });
    token = await server.login('socialsekreterare@danderyd.example');
  });

  afterAll(async () => {
    setAuditKeyring(new AuditKeyring([Buffer.from(TEST_AUDIT_HMAC_KEY, 'hex')]));
    await server?.stop();
  });

  it('every checkpoint is appended to the anchor file', async () => {
    for (let i = 0; i < 3; i++)
      expect((await server.gql(`query Anchor${i} { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll(server);
    const cps = await server.sql<{ id: string; hash: string }>(
      `SELECT id::text AS id, hash FROM audit_checkpoint ORDER BY id`,
    );
    const { anchors, malformedLines } = readAnchors(server.anchorFile, server.db.name);
    expect(malformedLines).toBe(0);
    expect(anchors.map((a) => [a.checkpointId, a.hash])).toEqual(cps.map((c) => [c.id, c.hash]));
    expect((fs.statSync(server.anchorFile).mode & 0o777).toString(8)).toBe('600');
    expect(await verify(server)).toMatchObject({ ok: true, checkedAnchors: cps.length });
  });

  it('as the schema owner: deleting the newest checkpoint and its events is named as a deleted head', async () => {
    expect((await server.gql(`query Head { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll(server);
    const [head] = await server.sql<{ id: string; event_ids: string[] }>(
      `SELECT id::text AS id, event_ids::text[] AS event_ids FROM audit_checkpoint ORDER BY id DESC LIMIT 1`,
    );
    await server.sql(`CREATE TABLE head_backup_cp AS SELECT * FROM audit_checkpoint WHERE id = ${head.id}`);
    await server.sql(
      `CREATE TABLE head_backup_ev AS SELECT * FROM audit_event WHERE id = ANY('{${head.event_ids.join(',')}}'::bigint[])`,
    );
    await server.sql(
      `SET session_replication_role = replica; DELETE FROM audit_event WHERE id = ANY('{${head.event_ids.join(',')}}'::bigint[]); DELETE FROM audit_checkpoint WHERE id = ${head.id}`,
    );
    try {
      // Without the anchors the rest of the chain is consistent: this is what went unseen.
      expect((await verifyAuditLog(server.runtime.dataSource.manager)).ok).toBe(true);
      const result = await verify(server);
      expect(result.ok).toBe(false);
      expect(result.problem).toContain('head of the chain was deleted');
      expect(result.problem).toContain(`checkpoint ${head.id}`);
    } finally {
      await server.sql(
        `SET session_replication_role = replica; INSERT INTO audit_checkpoint OVERRIDING SYSTEM VALUE SELECT * FROM head_backup_cp;
         INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM head_backup_ev; DROP TABLE head_backup_cp; DROP TABLE head_backup_ev`,
      );
    }
    expect((await verify(server)).ok).toBe(true);
  });

  it('a checkpoint sealed and anchored after the verification took its snapshot is not a deleted head', async () => {
    // The API keeps sealing while `npm run audit:verify` runs: an anchor newer than the snapshot names a
    // checkpoint that the snapshot cannot see, but that is in the database.
    await sealAll(server);
    const result = await server.runtime.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      await manager.query('SELECT count(*) FROM audit_checkpoint');
      expect((await server.gql(`query AfterSnapshot { me { id } }`, {}, token)).errors).toBeUndefined();
      await sealAll(server);
      return verifyAuditLog(manager, { anchorFile: server.anchorFile });
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a checkpoint in the middle replaced by the owner differs from its anchor', async () => {
    const [cp] = await server.sql<{ id: string; hash: string }>(
      `SELECT id::text AS id, hash FROM audit_checkpoint ORDER BY id LIMIT 1`,
    );
    await server.sql(
      `SET session_replication_role = replica; UPDATE audit_checkpoint SET hash = '${'e'.repeat(64)}' WHERE id = ${cp.id}`,
    );
    try {
      const result = await verify(server);
      expect(result.problems.some((p) => p.includes(`checkpoint ${cp.id} differs from its anchor`))).toBe(true);
    } finally {
      await server.sql(
        `SET session_replication_role = replica; UPDATE audit_checkpoint SET hash = '${cp.hash}' WHERE id = ${cp.id}`,
      );
    }
  });

  it('after a key rotation, verify checks both generations; without the old key it names the checkpoints it cannot check', async () => {
    const oldKey = Buffer.from(TEST_AUDIT_HMAC_KEY, 'hex');
    const newKey = Buffer.from('b2'.repeat(32), 'hex');
    const rotated = new AuditKeyring([oldKey, newKey]);
    setAuditKeyring(rotated);
    for (let i = 0; i < 3; i++)
      expect((await server.gql(`query Rotated${i} { me { id } }`, {}, token)).errors).toBeUndefined();
    await sealAll(server);
    const keys = await server.sql<{ key_id: string }>(`SELECT DISTINCT key_id FROM audit_checkpoint`);
    expect(keys.map((k) => k.key_id).sort()).toEqual(rotated.ids.sort());
    expect(await verify(server)).toMatchObject({ ok: true });

    setAuditKeyring(new AuditKeyring([newKey]));
    const withoutOld = await verify(server);
    expect(withoutOld.ok).toBe(false);
    expect(withoutOld.problem).toMatch(/names key k[0-9a-f]+, which this verifier does not hold/);
  });
});
