import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/shared/csv';
import { AuditAction, AuditOutcome } from '../../src/modules/audit/audit.recorder';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

interface AuditNode {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorOrganisationId: string | null;
  action: string;
  outcome: string;
  operationName: string | null;
  entityType: string | null;
  entityIds: string[];
  entityOrganisationIds: string[];
}

interface Connection {
  nodes: AuditNode[];
  edges: { node: { id: string }; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const NODE =
  'id occurredAt actorId actorOrganisationId action outcome operationName entityType entityIds entityOrganisationIds';

const AUDIT_EVENTS = `query AuditReview($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    nodes { ${NODE} }
    edges { node { id } cursor }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

const AUDIT_TRAIL = `query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {
  auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
    nodes { ${NODE} }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

const EXPORT = `query ExportTrail($entityType: String!, $entityId: ID!) {
  exportAuditTrail(entityType: $entityType, entityId: $entityId) { filename contentType csv rowCount truncated }
}`;

const VERIFY = `query Verify { verifyAuditLog { ok checkedEvents checkedCheckpoints firstInvalidEventId problem } }`;

const codeOf = (res: GqlResponse): string | undefined => res.errors?.[0]?.extensions?.code;
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('auditor API', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const orgs: Record<string, string> = {};

  const events = async (
    token: string,
    filter: Record<string, unknown> = {},
    first?: number,
    after?: string,
  ): Promise<Connection> => {
    const res = await server.gql<{ auditEvents: Connection }>(AUDIT_EVENTS, { filter, first, after }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.auditEvents;
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    const users: Record<string, string> = {
      policeAuditor: 'loggkontroll@polisen.example',
      danderydAuditor: 'loggkontroll@danderyd.example',
      danderydWorker: 'socialsekreterare@danderyd.example',
      tabyWorker: 'socialsekreterare@taby.example',
      danderydAdmin: 'admin@danderyd.example',
      policeAdmin: 'admin@polisen.example',
    };
    for (const [key, email] of Object.entries(users)) {
      tokens[key] = await server.login(email);
      const [row] = await server.sql<{ id: string; organisation_id: string }>(
        `SELECT id, organisation_id FROM app_user WHERE email = $1`,
        [email],
      );
      ids[key] = row.id;
    }
    // By exact name: Danderyd has two organisations (social services and the safety function).
    const names: Record<string, string> = {
      'Polisen LPO Södra Roslagen': 'police',
      'Danderyds kommun socialtjänst': 'danderyd',
      'Täby kommun socialtjänst': 'taby',
    };
    for (const row of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM organisation`)) {
      if (names[row.name]) orgs[names[row.name]] = row.id;
    }
    // Danderyd-internal activity: a social worker reading their own record, 24 times.
    for (let i = 0; i < 24; i++) {
      const res = await server.gql('query DanderydMe { me { id organisation { id } } }', {}, tokens.danderydWorker);
      expect(res.errors).toBeUndefined();
    }
    await server.gql('query TabyMe { me { id } }', {}, tokens.tabyWorker);
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe('scoping', () => {
    it("hides Danderyd's internal events from the police auditor but shows them to Danderyd's", async () => {
      const police = await events(tokens.policeAuditor, { actorId: ids.danderydWorker });
      expect(police.nodes).toEqual([]);
      expect(police.totalCount).toBe(0);

      const danderyd = await events(tokens.danderydAuditor, { actorId: ids.danderydWorker }, 500);
      expect(danderyd.nodes.length).toBeGreaterThan(24);
      expect(danderyd.nodes.map((n) => n.operationName)).toContain('DanderydMe');
      expect(new Set(danderyd.nodes.map((n) => n.action))).toEqual(new Set(['LOGIN', 'READ']));

      // Unfiltered, every event either has an actor of the auditor's organisation or touched its records.
      for (const [auditor, org] of [
        ['policeAuditor', orgs.police],
        ['danderydAuditor', orgs.danderyd],
      ] as const) {
        const all = await events(tokens[auditor], {}, 500);
        expect(all.nodes.length).toBeGreaterThan(0);
        for (const n of all.nodes)
          expect(n.actorOrganisationId === org || n.entityOrganisationIds.includes(org)).toBe(true);
      }
      const policeAll = await events(tokens.policeAuditor, {}, 500);
      expect(policeAll.nodes.some((n) => n.operationName === 'DanderydMe' || n.operationName === 'TabyMe')).toBe(false);
    });

    it('shows an auditor events by another organisation about records its organisation owns', async () => {
      // An event by a Täby user touching a Danderyd-owned record (as a shared read would produce).
      // Written through the application's own writer, so it is hashed like every other event.
      await server.runtime.app.services.audit.write([
        {
          occurredAt: new Date(),
          requestId: '00000000-0000-4000-8000-000000000001',
          actorUserId: ids.tabyWorker,
          actorOrganisationId: orgs.taby,
          actorRoles: ['SOCIAL_WORKER'],
          sessionHash: null,
          clientAddress: '127.0.0.1',
          operationType: 'query',
          operationName: 'SharedRead',
          fields: ['Query.me'],
          action: AuditAction.READ,
          outcome: AuditOutcome.ALLOWED,
          errorCode: null,
          entityType: 'PreventionActivity',
          entityIds: ['11111111-1111-4111-8111-111111111111'],
          entityOrganisationIds: [orgs.danderyd],
          purpose: null,
        },
      ]);
      const danderyd = await events(tokens.danderydAuditor, { actorId: ids.tabyWorker });
      expect(danderyd.nodes.map((n) => n.operationName)).toEqual(['SharedRead']);
      const police = await events(tokens.policeAuditor, { actorId: ids.tabyWorker });
      expect(police.nodes).toEqual([]);
    });
  });

  describe('filters', () => {
    it('filters by actor', async () => {
      const res = await events(tokens.danderydAuditor, { actorId: ids.danderydAdmin });
      expect(res.nodes.length).toBeGreaterThan(0);
      for (const n of res.nodes) expect(n.actorId).toBe(ids.danderydAdmin);
      expect(res.totalCount).toBe(res.nodes.length);
    });

    it('filters by organisation (actor organisation or owner of a touched record)', async () => {
      const res = await events(tokens.danderydAuditor, { organisationId: orgs.taby });
      expect(res.nodes.map((n) => n.operationName)).toContain('SharedRead');
      for (const n of res.nodes)
        expect(n.actorOrganisationId === orgs.taby || n.entityOrganisationIds.includes(orgs.taby)).toBe(true);
      // Within Danderyd's scope nothing else involves Täby, except Danderyd's own review of that event.
      for (const n of res.nodes.filter((x) => x.operationName !== 'SharedRead'))
        expect(n.entityType).toBe('AuditEvent');
      const own = await events(tokens.danderydAuditor, { organisationId: orgs.danderyd }, 500);
      for (const n of own.nodes)
        expect(n.actorOrganisationId === orgs.danderyd || n.entityOrganisationIds.includes(orgs.danderyd)).toBe(true);
      // Another organisation's id does not widen the police auditor's scope: what it finds also
      // involves the police (provisioning of the partnership the two share), never Danderyd's own.
      const police = await events(tokens.policeAuditor, { organisationId: orgs.danderyd }, 500);
      for (const n of police.nodes)
        expect(n.actorOrganisationId === orgs.police || n.entityOrganisationIds.includes(orgs.police)).toBe(true);
      expect(police.nodes.every((n) => n.actorId === null && n.operationName?.startsWith('provision '))).toBe(true);
    });

    it('filters by entity type and id (the GIN-indexed lookup)', async () => {
      const res = await events(tokens.danderydAuditor, { entityType: 'User', entityId: ids.danderydWorker }, 500);
      expect(res.nodes.length).toBeGreaterThan(24);
      for (const n of res.nodes) {
        expect(n.entityType).toBe('User');
        expect(n.entityIds).toContain(ids.danderydWorker);
      }
      expect(new Set(res.nodes.map((n) => n.action))).toEqual(new Set(['LOGIN', 'READ']));
      const byId = await events(tokens.danderydAuditor, { entityId: orgs.danderyd }, 500);
      expect(byId.nodes.length).toBeGreaterThan(0);
      for (const n of byId.nodes) expect(n.entityIds).toContain(orgs.danderyd);
      // The repository's condition (`entity_ids @> ARRAY[$n::text]`) is one the GIN index serves.
      const runner = server.runtime.dataSource.createQueryRunner();
      try {
        await runner.query('SET enable_seqscan = off');
        const plan: { 'QUERY PLAN': string }[] = await runner.query(
          `EXPLAIN SELECT id FROM audit_event WHERE entity_ids @> ARRAY[$1::text]`,
          [ids.danderydWorker],
        );
        // The table is partitioned by month: each partition's copy of the GIN index (named after the
        // partition) serves the condition, and no partition is scanned sequentially.
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        expect(text).toMatch(/Bitmap Index Scan on \S*entity_ids\S*/);
        expect(text).not.toMatch(/Seq Scan/);
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.release();
      }
    });

    it('filters by action and by outcome', async () => {
      const logins = await events(tokens.danderydAuditor, { action: 'LOGIN' });
      expect(logins.nodes.length).toBeGreaterThanOrEqual(3);
      for (const n of logins.nodes) expect(n.action).toBe('LOGIN');

      const denied = await server.gql(AUDIT_EVENTS, {}, tokens.danderydWorker);
      expect(codeOf(denied)).toBe('FORBIDDEN');
      const res = await events(tokens.danderydAuditor, { outcome: 'DENIED' });
      expect(res.nodes.length).toBeGreaterThan(0);
      for (const n of res.nodes) expect(n.outcome).toBe('DENIED');
      const both = await events(tokens.danderydAuditor, { outcome: 'DENIED', action: 'LOGIN' });
      expect(both.nodes).toEqual([]);
    });

    it('filters by time range (inclusive bounds)', async () => {
      const all = await events(tokens.danderydAuditor, { actorId: ids.danderydWorker }, 500);
      const middle = all.nodes[Math.floor(all.nodes.length / 2)];
      const t = middle.occurredAt;
      const from = await events(tokens.danderydAuditor, { actorId: ids.danderydWorker, from: t }, 500);
      const to = await events(tokens.danderydAuditor, { actorId: ids.danderydWorker, to: t }, 500);
      for (const n of from.nodes) expect(Date.parse(n.occurredAt)).toBeGreaterThanOrEqual(Date.parse(t));
      for (const n of to.nodes) expect(Date.parse(n.occurredAt)).toBeLessThanOrEqual(Date.parse(t));
      expect(from.nodes.map((n) => n.id)).toContain(middle.id);
      expect(to.nodes.map((n) => n.id)).toContain(middle.id);
      const union = new Set([...from.nodes, ...to.nodes].map((n) => n.id));
      expect(union.size).toBe(all.nodes.length);
      const window = await events(tokens.danderydAuditor, { actorId: ids.danderydWorker, from: t, to: t });
      expect(window.nodes.map((n) => n.id)).toContain(middle.id);
      const future = await events(tokens.danderydAuditor, { from: new Date(Date.now() + 3600_000).toISOString() });
      expect(future.nodes).toEqual([]);
      const reversed = await server.gql(
        AUDIT_EVENTS,
        { filter: { from: t, to: '2000-01-01T00:00:00Z' } },
        tokens.danderydAuditor,
      );
      expect(codeOf(reversed)).toBe('BAD_USER_INPUT');
    });

    it('refuses malformed filter ids', async () => {
      const res = await server.gql(AUDIT_EVENTS, { filter: { actorId: 'not-a-uuid' } }, tokens.danderydAuditor);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    });
  });

  describe('pagination', () => {
    it('walks several pages newest first without duplicates or gaps, totalCount stable', async () => {
      const filter = { actorId: ids.danderydWorker };
      const expected = await server.sql<{ id: string }>(
        `SELECT id::text AS id FROM audit_event WHERE actor_user_id = $1 ORDER BY audit_event.id DESC`,
        [ids.danderydWorker],
      );
      expect(expected.length).toBeGreaterThan(20);
      const seen: string[] = [];
      let after: string | undefined;
      const totals = new Set<number>();
      let pages = 0;
      for (;;) {
        const page = await events(tokens.danderydAuditor, filter, 7, after);
        pages++;
        totals.add(page.totalCount);
        expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((n) => n.id));
        seen.push(...page.nodes.map((n) => n.id));
        if (page.nodes.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.nodes).toHaveLength(7);
        after = page.pageInfo.endCursor!;
      }
      expect(pages).toBeGreaterThan(3);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected.map((r) => r.id));
      expect([...totals]).toEqual([expected.length]);
    });

    it('is not disturbed by events written while paging (the auditor’s own reads)', async () => {
      const first = await events(tokens.policeAuditor, {}, 3);
      await server.gql('{ me { id } }', {}, tokens.policeAuditor);
      const second = await events(tokens.policeAuditor, {}, 3, first.pageInfo.endCursor!);
      const firstIds = first.nodes.map((n) => BigInt(n.id));
      for (const n of second.nodes) expect(BigInt(n.id) < firstIds[firstIds.length - 1]).toBe(true);
    });

    it('applies the default and maximum page size', async () => {
      const res = await events(tokens.danderydAuditor, {});
      expect(res.nodes.length).toBeLessThanOrEqual(50);
      expect(res.totalCount).toBeGreaterThan(50);
      expect(res.nodes).toHaveLength(50);
      for (const first of [0, -1, 501]) {
        expect(codeOf(await server.gql(AUDIT_EVENTS, { first }, tokens.danderydAuditor))).toBe('BAD_USER_INPUT');
      }
    });

    it('answers BAD_USER_INPUT to a malformed or forged cursor', async () => {
      const forged = [
        'not a cursor',
        'AAAA',
        b64('{"id":5}'),
        b64('["c1","AuditEvent","1 OR 1=1"]'),
        b64('["c1","AuditEvent","-5"]'),
        b64('["c1","AuditEvent","99999999999999999999"]'),
        b64('["c1","PreventionActivity","5"]'),
        b64('["c2","AuditEvent","5"]'),
        b64('["c1","AuditEvent",5]'),
        `${b64('["c1","AuditEvent","5"]')}!`,
        'x'.repeat(2000),
      ];
      for (const after of forged) {
        const res = await server.gql(AUDIT_EVENTS, { after }, tokens.danderydAuditor);
        expect(codeOf(res), after).toBe('BAD_USER_INPUT');
        expect(res.data ?? null).toBeNull();
      }
      // A well-formed cursor is only a position: it never widens the scope.
      const valid = await events(
        tokens.policeAuditor,
        { actorId: ids.danderydWorker },
        10,
        b64('["c1","AuditEvent","9223372036854775807"]'),
      );
      expect(valid.nodes).toEqual([]);
    });
  });

  describe('denied callers', () => {
    it('answers FORBIDDEN to admins and social workers, UNAUTHENTICATED to anonymous callers, and audits them as DENIED', async () => {
      const operations = [
        { query: AUDIT_EVENTS, variables: {}, field: 'Query.auditEvents' },
        {
          query: AUDIT_TRAIL,
          variables: { entityType: 'User', entityId: ids.danderydWorker },
          field: 'Query.auditTrail',
        },
        {
          query: EXPORT,
          variables: { entityType: 'User', entityId: ids.danderydWorker },
          field: 'Query.exportAuditTrail',
        },
        { query: VERIFY, variables: {}, field: 'Query.verifyAuditLog' },
      ];
      for (const caller of ['danderydAdmin', 'policeAdmin', 'danderydWorker'] as const) {
        for (const op of operations) {
          const res = await server.gql(op.query, op.variables, tokens[caller]);
          expect(codeOf(res), `${caller} ${op.field}`).toBe('FORBIDDEN');
          expect(res.data ?? null).toBeNull();
          const rows = await server.sql<{ outcome: string; error_code: string }>(
            `SELECT outcome, error_code FROM audit_event WHERE actor_user_id = $1 AND $2 = ANY(fields) ORDER BY id DESC LIMIT 1`,
            [ids[caller], op.field],
          );
          expect(rows[0]).toEqual({ outcome: 'DENIED', error_code: 'FORBIDDEN' });
        }
      }
      for (const op of operations) {
        const res = await server.gql(op.query, op.variables);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        const rows = await server.sql<{ outcome: string; actor_user_id: string | null }>(
          `SELECT outcome, actor_user_id FROM audit_event WHERE error_code = 'UNAUTHENTICATED' AND $1 = ANY(fields) ORDER BY id DESC LIMIT 1`,
          [op.field],
        );
        expect(rows[0]).toEqual({ outcome: 'DENIED', actor_user_id: null });
      }
      // The attempt shows up in the auditor API for the admin's own organisation.
      const seen = await events(tokens.danderydAuditor, { actorId: ids.danderydAdmin, outcome: 'DENIED' }, 100);
      expect(seen.nodes.length).toBe(operations.length);
      expect(new Set(seen.nodes.map((n) => n.operationName))).toEqual(
        new Set(['AuditReview', 'AuditTrail', 'ExportTrail', 'Verify']),
      );
      // An export attempt is recorded as EXPORT even when refused.
      expect(seen.nodes.find((n) => n.operationName === 'ExportTrail')?.action).toBe('EXPORT');
    });
  });

  describe('reading the log is audited', () => {
    it("lists the returned events' ids in the auditor's own READ event", async () => {
      const res = await server.gql<{ auditEvents: Connection }>(
        AUDIT_EVENTS.replace('query AuditReview', 'query ReviewOfDanderydWorker'),
        { filter: { actorId: ids.danderydWorker }, first: 10 },
        tokens.danderydAuditor,
      );
      const returned = res.data!.auditEvents.nodes.map((n) => n.id);
      expect(returned).toHaveLength(10);
      const [row] = await server.sql<{
        action: string;
        outcome: string;
        entity_type: string;
        entity_ids: string[];
        entity_organisation_ids: string[];
      }>(
        `SELECT action, outcome, entity_type, entity_ids, entity_organisation_ids::text[] FROM audit_event
          WHERE operation_name = 'ReviewOfDanderydWorker' AND actor_user_id = $1`,
        [ids.danderydAuditor],
      );
      expect(row.action).toBe('READ');
      expect(row.outcome).toBe('ALLOWED');
      expect(row.entity_type).toBe('AuditEvent');
      expect([...row.entity_ids].sort()).toEqual([...returned].sort());
      expect(row.entity_organisation_ids).toEqual([orgs.danderyd]);
      // The auditor's review is itself visible in the log, to auditors of that organisation.
      const trail = await events(tokens.danderydAuditor, { entityType: 'AuditEvent', entityId: returned[0] });
      expect(trail.nodes.map((n) => n.operationName)).toContain('ReviewOfDanderydWorker');
    });
  });

  describe('auditTrail', () => {
    it("lists who logged in as and read a user's record", async () => {
      const res = await server.gql<{ auditTrail: Connection }>(
        AUDIT_TRAIL,
        { entityType: 'User', entityId: ids.danderydWorker, first: 500 },
        tokens.danderydAuditor,
      );
      expect(res.errors).toBeUndefined();
      const trail = res.data!.auditTrail;
      const actions = new Set(trail.nodes.map((n) => n.action));
      expect(actions.has('LOGIN')).toBe(true);
      expect(actions.has('READ')).toBe(true);
      for (const n of trail.nodes) {
        expect(n.entityType).toBe('User');
        expect(n.entityIds).toContain(ids.danderydWorker);
      }
      expect(trail.totalCount).toBe(trail.nodes.length);
      const [{ n }] = await server.sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_event WHERE entity_type = 'User' AND entity_ids @> ARRAY[$1::text]`,
        [ids.danderydWorker],
      );
      expect(trail.totalCount).toBe(Number(n));

      const paged = await server.gql<{ auditTrail: Connection }>(
        AUDIT_TRAIL,
        { entityType: 'User', entityId: ids.danderydWorker, first: 5 },
        tokens.danderydAuditor,
      );
      expect(paged.data!.auditTrail.nodes.map((x) => x.id)).toEqual(trail.nodes.slice(0, 5).map((x) => x.id));

      const police = await server.gql<{ auditTrail: Connection }>(
        AUDIT_TRAIL,
        { entityType: 'User', entityId: ids.danderydWorker },
        tokens.policeAuditor,
      );
      expect(police.data!.auditTrail.nodes).toEqual([]);
      expect(police.data!.auditTrail.totalCount).toBe(0);
    });

    it('refuses an empty entity type or id', async () => {
      const res = await server.gql(
        AUDIT_TRAIL,
        { entityType: '', entityId: ids.danderydWorker },
        tokens.danderydAuditor,
      );
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const res2 = await server.gql(AUDIT_TRAIL, { entityType: 'User', entityId: ' ' }, tokens.danderydAuditor);
      expect(codeOf(res2)).toBe('BAD_USER_INPUT');
    });
  });

  describe('CSV export', () => {
    it('exports a log extract as CSV and audits the export as EXPORT', async () => {
      const trail = (
        await server.gql<{ auditTrail: Connection }>(
          AUDIT_TRAIL,
          { entityType: 'User', entityId: ids.danderydWorker, first: 500 },
          tokens.danderydAuditor,
        )
      ).data!.auditTrail;
      const res = await server.gql<{
        exportAuditTrail: { filename: string; contentType: string; csv: string; rowCount: number; truncated: boolean };
      }>(EXPORT, { entityType: 'User', entityId: ids.danderydWorker }, tokens.danderydAuditor);
      expect(res.errors).toBeUndefined();
      const out = res.data!.exportAuditTrail;
      expect(out.contentType).toBe('text/csv; charset=utf-8');
      expect(out.filename).toMatch(/^audit-trail_User_[0-9a-f-]+_\d{8}T\d{9}Z\.csv$/);
      expect(out.truncated).toBe(false);
      expect(out.csv.endsWith('\r\n')).toBe(true);
      const lines = out.csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,occurred_at_utc,actor_id,actor_organisation_id,actor_roles,action,outcome,error_code,operation_type,operation_name,entity_type,entity_ids,entity_organisation_ids,purpose,request_id,client_address',
      );
      expect(lines.length - 1).toBe(out.rowCount);
      expect(out.rowCount).toBe(trail.totalCount);
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows.map((r) => r[0])).toEqual(trail.nodes.map((n) => n.id));
      for (const r of rows) {
        expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(r[10]).toBe('User');
        expect(r[11].split(';')).toContain(ids.danderydWorker);
      }
      const first = trail.nodes[0];
      expect(rows[0]).toEqual(expect.arrayContaining([first.id, first.occurredAt, first.action, first.outcome]));

      const [event] = await server.sql<{ entity_type: string; entity_ids: string[] }>(
        `SELECT entity_type, entity_ids FROM audit_event
          WHERE action = 'EXPORT' AND outcome = 'ALLOWED' AND actor_user_id = $1 AND entity_type = 'User'`,
        [ids.danderydAuditor],
      );
      expect(event.entity_ids).toEqual([ids.danderydWorker]);
      const [exported] = await server.sql<{ entity_ids: string[] }>(
        `SELECT entity_ids FROM audit_event WHERE action = 'EXPORT' AND outcome = 'ALLOWED' AND actor_user_id = $1 AND entity_type = 'AuditEvent'`,
        [ids.danderydAuditor],
      );
      expect([...exported.entity_ids].sort()).toEqual(rows.map((r) => r[0]).sort());
      // The export shows up in the record's own log extract and in a search by action.
      const exports = await events(tokens.danderydAuditor, { action: 'EXPORT', entityId: ids.danderydWorker });
      expect(exports.nodes).toHaveLength(1);
      expect(exports.nodes[0].actorId).toBe(ids.danderydAuditor);
    });

    it('quotes cells and neutralises spreadsheet formulas', () => {
      expect(csvCell('plain')).toBe('plain');
      expect(csvCell(null)).toBe('');
      expect(csvCell('a,b')).toBe('"a,b"');
      expect(csvCell('say "hi"')).toBe('"say ""hi"""');
      expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
      expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
      expect(csvCell('+1')).toBe("'+1");
      expect(csvCell('-1')).toBe("'-1");
      expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
      expect(csvCell('\tcmd')).toBe("'\tcmd");
    });
  });

  describe('verifyAuditLog', () => {
    it('reports an untouched log as ok, then names the event a superuser altered', async () => {
      await server.runtime.sealer.sealOnce();
      const ok = await server.gql<{
        verifyAuditLog: {
          ok: boolean;
          checkedEvents: number;
          checkedCheckpoints: number;
          firstInvalidEventId: string | null;
        };
      }>(VERIFY, {}, tokens.policeAuditor);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.verifyAuditLog.ok).toBe(true);
      expect(ok.data!.verifyAuditLog.firstInvalidEventId).toBeNull();
      expect(ok.data!.verifyAuditLog.checkedCheckpoints).toBeGreaterThan(0);
      const [{ n }] = await server.sql<{ n: string }>(`SELECT count(*)::text AS n FROM audit_event`);
      expect(ok.data!.verifyAuditLog.checkedEvents).toBeGreaterThan(100);
      expect(ok.data!.verifyAuditLog.checkedEvents).toBeLessThanOrEqual(Number(n));

      const [victim] = await server.sql<{ id: string }>(
        `SELECT id::text AS id FROM audit_event WHERE actor_user_id = $1 AND action = 'LOGIN' ORDER BY audit_event.id LIMIT 1`,
        [ids.danderydWorker],
      );
      await server.sql(
        `SET session_replication_role = replica; UPDATE audit_event SET action = 'DELETE' WHERE id = ${Number(victim.id)}`,
      );
      const bad = await server.gql<{
        verifyAuditLog: { ok: boolean; firstInvalidEventId: string | null; problem: string | null };
      }>(VERIFY, {}, tokens.danderydAuditor);
      expect(bad.errors).toBeUndefined();
      expect(bad.data!.verifyAuditLog.ok).toBe(false);
      expect(bad.data!.verifyAuditLog.firstInvalidEventId).toBe(victim.id);
      expect(bad.data!.verifyAuditLog.problem).toContain(victim.id);
    });
  });
});
