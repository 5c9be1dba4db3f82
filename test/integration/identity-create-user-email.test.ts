import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICE } from '../../src/db/seed/demo-seed';
import { startTestServer, type TestServer } from '../helpers/test-server';

const CREATE_USER = `mutation Create($input: CreateUserInput!) { createUser(input: $input) { id } }`;

describe('creating a user with an e-mail address that is already taken', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers the same, naming no organisation, whether the address is taken in another organisation or in the own one', async () => {
    const admin = await server.login('admin@danderyd.example');
    const users = async (): Promise<number> =>
      Number((await server.sql<{ n: string }>(`SELECT count(*) AS n FROM app_user`))[0].n);
    const before = await users();
    const attempt = (email: string) =>
      server.gql(
        CREATE_USER,
        {
          input: {
            email,
            displayName: 'Ny Person',
            password: 'Blåbärssoppa-Vasaloppet-7',
            roles: ['TRAINING_COORDINATOR'],
          },
        },
        admin,
      );

    const elsewhere = await attempt('kommunpolis@polisen.example');
    const own = await attempt('socialsekreterare@danderyd.example');
    expect(elsewhere.errors).toHaveLength(1);
    expect(elsewhere.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
      reason: 'EMAIL_UNAVAILABLE',
    });
    // Identical answers: the caller cannot tell the other organisation's account from an own one.
    expect({ ...elsewhere.errors![0], path: undefined }).toEqual({ ...own.errors![0], path: undefined });
    expect(elsewhere.data ?? null).toBeNull();
    const text = JSON.stringify(elsewhere);
    for (const secret of [POLICE, 'Polisen', 'POLICE', 'POLICE_LIAISON', 'Kommunpolis'])
      expect(text).not.toContain(secret);
    expect(await users()).toBe(before);
  });
});
