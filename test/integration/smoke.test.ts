import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('server smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in a demo user and answers me, writing audit events', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    const res = await server.gql<{ me: { email: string; organisation: { kind: string } } }>(
      '{ me { email organisation { kind } } }',
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.me.email).toBe('socialsekreterare@danderyd.example');
    expect(res.data?.me.organisation.kind).toBe('SOCIAL_SERVICES');
    const events = await server.sql<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM audit_event ORDER BY id`,
    );
    expect(events.map((e) => e.action)).toContain('LOGIN');
    expect(events.map((e) => e.action)).toContain('READ');
  });
});
