import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANDERYD, POLICE } from '../../src/db/seed/demo-seed';
import { AuditAction, AuditOutcome, AuditRecorder } from '../../src/modules/audit/audit.recorder';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { spyOnStatements } from '../helpers/statement-spy';

const EVENTS = `query Events($first: Int) { auditEvents(first: $first) { nodes { actorId actor { id displayName organisation { name } } } } }`;

interface EventsData {
  auditEvents: {
    nodes: {
      actorId: string | null;
      actor: { id: string; displayName: string | null; organisation: { name: string } | null } | null;
    }[];
  };
}

describe("AuditEvent.actor: who acted, by name, for the organisation's auditors", () => {
  let server: TestServer;
  let auditor: string;
  const idOf = async (sql: string, param: string): Promise<string> =>
    (await server.sql<{ id: string }>(sql, [param]))[0].id;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    // Events by several users of the organisation, each its own actor.
    for (const email of [
      'socialsekreterare@danderyd.example',
      'utbildning@danderyd.example',
      'admin@danderyd.example',
    ]) {
      const token = await server.login(email);
      for (let i = 0; i < 3; i++) await server.gql('{ me { id } }', {}, token);
    }
    // A partner's user who read a record of the organisation (written as the audit plugin would).
    const police = await idOf(`SELECT id FROM app_user WHERE email = $1`, 'kommunpolis@polisen.example');
    const policeOrg = await idOf(`SELECT id FROM organisation WHERE name = $1`, POLICE);
    const danderyd = await idOf(`SELECT id FROM organisation WHERE name = $1`, DANDERYD);
    const recorder = new AuditRecorder(randomUUID(), '127.0.0.1');
    recorder.actor = { userId: police, organisationId: policeOrg, roles: [] };
    recorder.touch(AuditAction.READ, 'CaseFile', [{ id: randomUUID(), organisationId: danderyd }]);
    await server.runtime.app.services.audit.write(
      recorder.drafts({
        principal: undefined,
        operationType: 'query',
        operationName: 'PartnerRead',
        outcome: AuditOutcome.ALLOWED,
        errorCode: null,
        defaultAction: AuditAction.READ,
      }),
    );
    auditor = await server.login('loggkontroll@danderyd.example');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("names the organisation's own users and only the organisation of a partner's user", async () => {
    const res = await server.gql<EventsData>(EVENTS, { first: 200 }, auditor);
    expect(res.errors).toBeUndefined();
    const byName = new Map(res.data!.auditEvents.nodes.filter((n) => n.actor).map((n) => [n.actor!.id, n.actor!]));
    const sw = await idOf(`SELECT id FROM app_user WHERE email = $1`, 'socialsekreterare@danderyd.example');
    expect(byName.get(sw)).toEqual({
      id: sw,
      displayName: 'Socialsekreterare Danderyd',
      organisation: { name: DANDERYD },
    });
    const police = await idOf(`SELECT id FROM app_user WHERE email = $1`, 'kommunpolis@polisen.example');
    expect(byName.get(police)).toEqual({ id: police, displayName: null, organisation: { name: POLICE } });
    for (const node of res.data!.auditEvents.nodes) expect(node.actor?.id ?? null).toBe(node.actorId);
  });

  it('resolves the actors of a page in a constant number of statements (no N+1)', async () => {
    const spy = spyOnStatements(server.runtime.dataSource);
    const statements = async (first: number): Promise<string[]> => {
      spy.clear();
      const res = await server.gql<EventsData>(EVENTS, { first }, auditor);
      expect(res.errors).toBeUndefined();
      expect(res.data!.auditEvents.nodes.length).toBe(first);
      if (first > 10) expect(new Set(res.data!.auditEvents.nodes.map((n) => n.actorId)).size).toBeGreaterThan(1);
      return spy.texts();
    };
    try {
      const large = await statements(15);
      // One statement for every actor of the page, at most one for their organisations.
      expect(large.filter((q) => q.includes('FROM app_user WHERE id = ANY')).length).toBe(1);
      expect(large.filter((q) => q.includes('FROM organisation WHERE id = ANY')).length).toBeLessThanOrEqual(1);
      const small = await statements(3);
      expect(large.length - small.length).toBeLessThanOrEqual(1);
      expect(large.length).toBeLessThanOrEqual(8);
    } finally {
      spy.restore();
    }
  });

  it('is not readable without AUDIT_READ', async () => {
    const res = await server.gql(EVENTS, { first: 5 }, await server.login('socialsekreterare@danderyd.example'));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
  });
});
