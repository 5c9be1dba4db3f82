import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { auditEventHash, auditKeyring, draftHash, GENESIS_HASH } from '../../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../../src/modules/audit/audit.recorder';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { verifyAuditLog } from '../../src/modules/audit/audit.verify';
import { startRuntime, type Runtime } from '../../src/runtime';
import { startTestServer, TEST_AUDIT_HMAC_KEY, type TestServer } from '../helpers/test-server';

/**
 * DESIGN.md / issue 3 item 8: each event carries a hash of its canonical content; a background
 * sealer chains events into checkpoints in commit-safe order (a late-committing event is neither
 * skipped nor sealed out of order); verification names the first event that no longer matches;
 * exactly one process seals, and another takes over when it stops.
 */

interface CheckpointRow {
  id: string;
  tx_horizon: string;
  event_ids: string[];
  previous_hash: string;
  hash: string;
  event_count: number;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const countUnsealed = async (server: TestServer): Promise<number> =>
  (
    await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event e
        WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE e.id = ANY (c.event_ids))`,
    )
  )[0].n;

/**
 * Seals until every event is in a checkpoint. A transaction open elsewhere on the cluster (another
 * test file) holds the horizon back for a moment, so this loops, bounded, instead of stopping at 0.
 * The bounds in this file are liveness bounds, not timings: generous, because the test files share
 * one cluster and a loaded CI machine, and they return as soon as the condition holds.
 */
async function sealAll(server: TestServer, timeoutMs = 60_000): Promise<void> {
  await until(
    'every event to be sealed',
    async () => {
      while ((await server.runtime.sealer.sealOnce()) > 0) {
        // next batch
      }
      return (await countUnsealed(server)) === 0;
    },
    timeoutMs,
  );
}

const checkpoints = (server: TestServer): Promise<CheckpointRow[]> =>
  server.sql<CheckpointRow>(
    `SELECT id::text AS id, tx_horizon::text AS tx_horizon, event_ids::text[] AS event_ids, previous_hash, hash, event_count
       FROM audit_checkpoint ORDER BY audit_checkpoint.id`,
  );

const verify = (server: TestServer | Runtime) =>
  verifyAuditLog(('runtime' in server ? server.runtime : server).dataSource.manager);

function probeDraft(tag: string): AuditEventDraft {
  return {
    occurredAt: new Date(),
    requestId: randomUUID(),
    actorUserId: null,
    actorOrganisationId: null,
    actorRoles: [],
    sessionHash: null,
    clientAddress: '127.0.0.1',
    operationType: 'query',
    operationName: tag,
    fields: ['Query.me'],
    action: AuditAction.READ,
    outcome: AuditOutcome.DENIED,
    errorCode: 'UNAUTHENTICATED',
    entityType: null,
    entityIds: [],
    entityOrganisationIds: [],
    purpose: null,
  };
}

describe('audit hash chain', () => {
  let server: TestServer;
  let tokens: string[];

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runSealer: false });
    tokens = await Promise.all(
      [
        'socialsekreterare@danderyd.example',
        'kommunpolis@polisen.example',
        'utbildning@danderyd.example',
        'socialsekreterare@taby.example',
      ].map((e) => server.login(e)),
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('200 concurrent audited requests give a gap-free chain that verifies', async () => {
    const before = (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        server.gql(
          i % 2 === 0 ? `query Chain${i} { me { id } }` : `query Chain${i} { areas { id } }`,
          {},
          tokens[i % tokens.length],
        ),
      ),
    );
    expect(responses.filter((r) => r.errors !== undefined)).toEqual([]);
    const names = await server.sql<{ operation_name: string }>(
      `SELECT DISTINCT operation_name FROM audit_event WHERE operation_name LIKE 'Chain%'`,
    );
    expect(names).toHaveLength(200);
    expect((await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBeGreaterThanOrEqual(
      before + 200,
    );

    await sealAll(server);

    // Every event in exactly one checkpoint.
    const cps = await checkpoints(server);
    expect(cps.length).toBeGreaterThan(0);
    const sealed = cps.flatMap((c) => c.event_ids);
    const events = await server.sql<{ id: string }>(`SELECT id::text AS id FROM audit_event ORDER BY audit_event.id`);
    expect(new Set(sealed).size).toBe(sealed.length);
    expect([...sealed].sort()).toEqual(events.map((e) => e.id).sort());

    // Checkpoints chain: each names its predecessor's hash; event counts match; order is (tx_id, id).
    let previous = GENESIS_HASH;
    let horizon = 0n;
    for (const cp of cps) {
      expect(cp.previous_hash, `checkpoint ${cp.id}`).toBe(previous);
      expect(cp.event_count).toBe(cp.event_ids.length);
      expect(BigInt(cp.tx_horizon)).toBeGreaterThan(horizon);
      const rows = await server.sql<{ id: string; tx_id: string }>(
        `SELECT id::text AS id, tx_id::text AS tx_id FROM audit_event WHERE id = ANY($1::bigint[])`,
        [cp.event_ids],
      );
      const txOf = new Map(rows.map((r) => [r.id, BigInt(r.tx_id)]));
      const order = cp.event_ids.map((id) => ({ id: BigInt(id), tx: txOf.get(id)! }));
      for (let i = 1; i < order.length; i++) {
        const [a, b] = [order[i - 1], order[i]];
        expect(a.tx < b.tx || (a.tx === b.tx && a.id < b.id), `checkpoint ${cp.id} is in (tx_id, id) order`).toBe(true);
      }
      for (const { tx } of order) {
        expect(tx >= horizon && tx < BigInt(cp.tx_horizon)).toBe(true);
      }
      previous = cp.hash;
      horizon = BigInt(cp.tx_horizon);
    }

    const result = await verify(server);
    expect(result).toMatchObject({
      ok: true,
      firstInvalidEventId: null,
      unsealedEvents: 0,
      checkedCheckpoints: cps.length,
    });
    expect(result.checkedEvents).toBe(events.length);
  }, 180_000); // 200 requests, then sealing: a loaded 2-core CI machine needs more than the default 30 s

  it('an event that commits late is neither skipped nor sealed out of order', async () => {
    await sealAll(server);
    const runner = server.runtime.dataSource.createQueryRunner(); // the application role, like a request
    await runner.connect();
    let held: { id: string; tx_id: string };
    try {
      await runner.startTransaction('READ COMMITTED');
      await new AuditRepository().insert(runner.manager, [probeDraft('LateCommitter')]);
      [held] = await runner.query(
        `SELECT id::text AS id, tx_id::text AS tx_id FROM audit_event WHERE operation_name = 'LateCommitter'`,
      );
      expect(held.tx_id).toMatch(/^\d+$/);

      // Later requests commit while the early transaction is still open...
      for (let i = 0; i < 5; i++)
        expect((await server.gql(`query After${i} { me { id } }`, {}, tokens[0])).errors).toBeUndefined();
      const later = await server.sql<{ id: string; tx_id: string }>(
        `SELECT id::text AS id, tx_id::text AS tx_id FROM audit_event WHERE operation_name LIKE 'After%'`,
      );
      expect(later).toHaveLength(5);
      for (const e of later) expect(BigInt(e.tx_id)).toBeGreaterThan(BigInt(held.tx_id));

      // ...and sealing now must not run past the open transaction.
      const cpsBefore = await checkpoints(server);
      await server.runtime.sealer.sealOnce();
      const cpsDuring = await checkpoints(server);
      const sealedDuring = new Set(cpsDuring.flatMap((c) => c.event_ids));
      for (const e of later)
        expect(sealedDuring.has(e.id), `event ${e.id} (tx ${e.tx_id}) sealed past the open tx ${held.tx_id}`).toBe(
          false,
        );
      for (const cp of cpsDuring) expect(BigInt(cp.tx_horizon)).toBeLessThanOrEqual(BigInt(held.tx_id));
      expect(cpsDuring.length - cpsBefore.length).toBeLessThanOrEqual(1);

      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }

    await sealAll(server);
    const cps = await checkpoints(server);
    const home = cps.find((c) => c.event_ids.includes(held!.id));
    expect(home, 'the late event is sealed').toBeDefined();
    // It comes before the later events: same checkpoint earlier in the list, or an earlier checkpoint.
    const position = (id: string): [number, number] => {
      const i = cps.findIndex((c) => c.event_ids.includes(id));
      return [i, cps[i].event_ids.indexOf(id)];
    };
    const [hc, hp] = position(held!.id);
    const later = await server.sql<{ id: string }>(
      `SELECT id::text AS id FROM audit_event WHERE operation_name LIKE 'After%'`,
    );
    for (const e of later) {
      const [c, p] = position(e.id);
      expect(hc < c || (hc === c && hp < p)).toBe(true);
    }
    expect(await verify(server)).toMatchObject({ ok: true, unsealedEvents: 0 });
  });

  describe('tampering by a superuser is reported, naming the event', () => {
    /** A superuser who switches triggers off for the statement that follows. */
    const asTamperer = (statement: string) => server.sql(`SET session_replication_role = replica; ${statement}`);
    let target: string;

    beforeAll(async () => {
      await sealAll(server);
      expect((await verify(server)).ok).toBe(true);
      const cps = await checkpoints(server);
      const middle = cps[Math.floor(cps.length / 2)];
      target = middle.event_ids[Math.floor(middle.event_ids.length / 2)];
      expect(target).toMatch(/^\d+$/);
    });

    afterAll(async () => {
      await server.sql(`DROP TABLE IF EXISTS tamper_backup`);
    });

    it('the triggers stop the naive attempt', async () => {
      await expect(server.sql(`UPDATE audit_event SET outcome = 'ALLOWED' WHERE id = ${target}`)).rejects.toThrow(
        /append-only/,
      );
    });

    it('a sealed row altered', async () => {
      const [{ outcome }] = await server.sql<{ outcome: string }>(
        `SELECT outcome FROM audit_event WHERE id = ${target}`,
      );
      const forged = outcome === 'ALLOWED' ? 'DENIED' : 'ALLOWED';
      await asTamperer(`UPDATE audit_event SET outcome = '${forged}' WHERE id = ${target}`);
      try {
        const result = await verify(server);
        expect(result).toMatchObject({ ok: false, firstInvalidEventId: target });
        expect(result.problem).toContain(target);
      } finally {
        await asTamperer(`UPDATE audit_event SET outcome = '${outcome}' WHERE id = ${target}`);
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a sealed row altered with its hash recomputed (the checkpoint no longer matches)', async () => {
      const [{ occurred_at: original }] = await server.sql<{ occurred_at: string }>(
        `SELECT occurred_at::text FROM audit_event WHERE id = ${target}`,
      );
      // Move the event by an hour and give it a hash that matches its new content.
      await asTamperer(`UPDATE audit_event SET occurred_at = occurred_at + interval '1 hour' WHERE id = ${target}`);
      const [row] = await server.sql<Record<string, unknown>>(
        `SELECT (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS us, * FROM audit_event WHERE id = ${target}`,
      );
      const rehash = auditEventHash({
        occurredAtMicros: BigInt(row.us as string),
        requestId: row.request_id as string,
        actorUserId: row.actor_user_id as string | null,
        actorOrganisationId: row.actor_organisation_id as string | null,
        actorRoles: row.actor_roles as string[],
        sessionHash: row.session_hash as string | null,
        clientAddress: row.client_address as string | null,
        operationType: row.operation_type as string,
        operationName: row.operation_name as string | null,
        fields: row.fields as string[],
        action: row.action as AuditAction,
        outcome: row.outcome as AuditOutcome,
        errorCode: row.error_code as string | null,
        entityType: row.entity_type as string | null,
        entityIds: row.entity_ids as string[],
        entityOrganisationIds: row.entity_organisation_ids as string[],
        purpose: row.purpose as string | null,
      });
      const [{ hash: originalHash }] = await server.sql<{ hash: string }>(
        `SELECT hash FROM audit_event WHERE id = ${target}`,
      );
      await asTamperer(`UPDATE audit_event SET hash = '${rehash}' WHERE id = ${target}`);
      try {
        const result = await verify(server);
        expect(result.ok).toBe(false);
        const cp = (await checkpoints(server)).find((c) => c.event_ids.includes(target))!;
        // The checkpoint cannot say which of its events changed: the first of them is named.
        expect(result.firstInvalidEventId).toBe(cp.event_ids[0]);
        expect(result.problem).toContain(cp.id);
      } finally {
        await asTamperer(
          `UPDATE audit_event SET occurred_at = '${original}', hash = '${originalHash}' WHERE id = ${target}`,
        );
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a sealed row deleted', async () => {
      await server.sql(`CREATE TABLE tamper_backup AS SELECT * FROM audit_event WHERE id = ${target}`);
      await asTamperer(`DELETE FROM audit_event WHERE id = ${target}`);
      try {
        const result = await verify(server);
        expect(result).toMatchObject({ ok: false, firstInvalidEventId: target });
        expect(result.problem).toMatch(/missing/);
      } finally {
        await asTamperer(
          `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM tamper_backup; DROP TABLE tamper_backup`,
        );
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a row inserted out of band, bypassing the tx_id trigger', async () => {
      const [row] = await asTamperer(
        `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, hash)
         VALUES (now(), '${randomUUID()}', '{}', 'query', '{Query.me}', 'READ', 'ALLOWED', '{}', '{}', '${'0'.repeat(64)}')`,
      ).then(() =>
        server.sql<{ id: string; tx_id: string | null }>(
          `SELECT id::text AS id, tx_id::text AS tx_id FROM audit_event ORDER BY audit_event.id DESC LIMIT 1`,
        ),
      );
      expect(row.tx_id).toBeNull();
      try {
        expect(await verify(server)).toMatchObject({ ok: false, firstInvalidEventId: row.id });
      } finally {
        await asTamperer(`DELETE FROM audit_event WHERE id = ${row.id}`);
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a row inserted out of band with a forged hash (trigger active)', async () => {
      await server.sql(
        `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, fields, action, outcome, entity_ids, entity_organisation_ids, hash, key_id)
         VALUES (now(), $1, '{}', 'query', '{Query.me}', 'READ', 'ALLOWED', '{}', '{}', $2, $3)`,
        [randomUUID(), 'f'.repeat(64), auditKeyring().current.id],
      );
      const [row] = await server.sql<{ id: string }>(
        `SELECT id::text AS id FROM audit_event ORDER BY audit_event.id DESC LIMIT 1`,
      );
      try {
        const result = await verify(server);
        expect(result).toMatchObject({ ok: false, firstInvalidEventId: row.id });
      } finally {
        await asTamperer(`DELETE FROM audit_event WHERE id = ${row.id}`);
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a row inserted out of band with a valid hash, back-dated into a sealed range', async () => {
      const cps = await checkpoints(server);
      const [victim] = await server.sql<{ tx_id: string }>(
        `SELECT tx_id::text AS tx_id FROM audit_event WHERE id = ${cps[0].event_ids[0]}`,
      );
      const draft = probeDraft('BackDated');
      await asTamperer(
        `INSERT INTO audit_event (occurred_at, request_id, actor_roles, operation_type, operation_name, fields, action, outcome, error_code,
            entity_ids, entity_organisation_ids, client_address, hash, key_id, tx_id)
         VALUES ('${draft.occurredAt.toISOString()}', '${draft.requestId}', '{}', 'query', 'BackDated', '{Query.me}', 'READ', 'DENIED', 'UNAUTHENTICATED',
            '{}', '{}', '127.0.0.1', '${draftHash(draft)}', '${auditKeyring().current.id}', ${victim.tx_id})`,
      );
      const [row] = await server.sql<{ id: string }>(
        `SELECT id::text AS id FROM audit_event WHERE operation_name = 'BackDated'`,
      );
      try {
        expect(await verify(server)).toMatchObject({ ok: false, firstInvalidEventId: row.id });
      } finally {
        await asTamperer(`DELETE FROM audit_event WHERE id = ${row.id}`);
      }
      expect((await verify(server)).ok).toBe(true);
    });

    it('a checkpoint removed from the middle of the chain', async () => {
      expect((await server.gql('query OneMore { me { id } }', {}, tokens[0])).errors).toBeUndefined();
      await sealAll(server);
      const cps = await checkpoints(server);
      expect(cps.length).toBeGreaterThanOrEqual(2);
      const victim = cps[0];
      await server.sql(`CREATE TABLE tamper_backup AS SELECT * FROM audit_checkpoint WHERE id = ${victim.id}`);
      await asTamperer(`DELETE FROM audit_checkpoint WHERE id = ${victim.id}`);
      try {
        const result = await verify(server);
        expect(result.ok).toBe(false);
        expect(result.firstInvalidEventId).not.toBeNull();
      } finally {
        await asTamperer(
          `INSERT INTO audit_checkpoint OVERRIDING SYSTEM VALUE SELECT * FROM tamper_backup; DROP TABLE tamper_backup`,
        );
      }
      expect((await verify(server)).ok).toBe(true);
    });
  });
});

describe('audit sealing across two processes', () => {
  let server: TestServer;
  let second: Runtime | undefined;

  beforeAll(async () => {
    const env = { AUDIT_SEAL_INTERVAL_MS: '100' };
    server = await startTestServer({ seed: true, runSealer: true, env });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_ANCHOR_FILE: server.anchorFile,
      ...env,
    });
    second = await startRuntime(config, createLogger(config.logLevel), {
      location: {
        appUrl: server.db.url,
        migrationUrl: server.db.url,
        embedded: undefined,
        stop: async () => undefined,
      },
      runSealer: true,
    });
  });

  afterAll(async () => {
    await second?.stop();
    await server?.stop();
  });

  async function request(url: string, name: string, token?: string): Promise<void> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: `query ${name} { areas { id } }` }),
    });
    expect(res.status).toBe(200);
  }

  it('exactly one process seals; when it stops, the other takes over and sealing continues', async () => {
    const first = server.runtime;
    const both = [first, second!];
    await until('a leader', async () => both.find((r) => r.sealer.isLeader));
    // Several sealing intervals later, still exactly one.
    for (let i = 0; i < 5; i++) {
      expect(both.filter((r) => r.sealer.isLeader)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 100));
    }
    const locks = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`,
    );
    expect(locks[0].n).toBeGreaterThanOrEqual(1);

    const token = await server.login('socialsekreterare@danderyd.example');
    await Promise.all(Array.from({ length: 20 }, (_, i) => request(both[i % 2].url, `Both${i}`, token)));
    await until('events of both processes to be sealed', async () => (await countUnsealed(server)) === 0, 60_000);
    expect(await verify(second!)).toMatchObject({ ok: true, unsealedEvents: 0 });

    // The leader's lock connection dies (a crashed process, a network cut): the lock goes with it,
    // and within seconds exactly one process seals again.
    await server.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => request(both[i % 2].url, `Cut${i}`, token)));
    await until(
      'sealing to resume after the lock connection died',
      async () => (await countUnsealed(server)) === 0,
      60_000,
    );
    await until('exactly one leader again', async () => both.filter((r) => r.sealer.isLeader).length === 1, 20_000);
    expect(await verify(second!)).toMatchObject({ ok: true, unsealedEvents: 0 });

    const current = both.find((r) => r.sealer.isLeader)!;
    const follower = both.find((r) => r !== current)!;
    expect(follower.sealer.isLeader).toBe(false);
    await current.stop();
    await until('the other process to take over', async () => follower.sealer.isLeader, 20_000);

    await Promise.all(Array.from({ length: 20 }, (_, i) => request(follower.url, `Later${i}`, token)));
    await until('sealing to continue', async () => (await countUnsealed(server)) === 0, 60_000);
    const result = await verify(follower);
    expect(result).toMatchObject({ ok: true, unsealedEvents: 0 });
    const cps = await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_checkpoint`);
    expect(cps[0].n).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
