import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

const CREATE_USER = (name: string): string => `mutation ${name}($input: CreateUserInput!) {
  createUser(input: $input) { id email displayName roles disabled organisation { name } }
}`;
const SET_ROLES = (name: string): string => `mutation ${name}($id: ID!, $roles: [Role!]!) {
  setUserRoles(input: { userId: $id, roles: $roles }) { id roles }
}`;
const DISABLE = (name: string): string => `mutation ${name}($id: ID!) { disableUser(userId: $id) { id disabled } }`;
const GOOD_PASSWORD = 'Blåbärssoppa-Vasaloppet-7';

interface UserData {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  organisation: { name: string };
}

describe('user administration', () => {
  let server: TestServer;
  const tokens = new Map<string, string>();
  const as = async (email: string): Promise<string> => {
    if (!tokens.has(email)) tokens.set(email, await server.login(email));
    return tokens.get(email)!;
  };
  const userId = async (email: string): Promise<string> =>
    (await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
  const codeOf = (res: GqlResponse<unknown>): string | undefined => res.errors?.[0]?.extensions?.code;
  /** Everything the admin mutations could change. */
  const snapshot = async (): Promise<unknown> => ({
    users: await server.sql(`SELECT row_to_json(u)::text AS row FROM app_user u ORDER BY id`),
    roles: await server.sql(`SELECT user_id, role::text AS role FROM user_role ORDER BY user_id, role`),
    sessions: await server.sql(`SELECT id, revoked_at, revoked_reason FROM user_session ORDER BY id`),
  });
  const auditOf = (
    operationName: string,
  ): Promise<{ action: string; outcome: string; error_code: string | null; actor_user_id: string | null }[]> =>
    server.sql(
      `SELECT action, outcome, error_code, actor_user_id FROM audit_event WHERE operation_name = $1 ORDER BY id`,
      [operationName],
    );

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    // Log everyone in first so that the snapshots below see the sessions.
    for (const email of [
      'admin@danderyd.example',
      'admin@polisen.example',
      'socialsekreterare@danderyd.example',
      'loggkontroll@danderyd.example',
      'kommunpolis@polisen.example',
    ]) {
      await as(email);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("in the admin's own organisation", () => {
    it('creates a user who can then log in', async () => {
      const admin = await as('admin@danderyd.example');
      const res = await server.gql<{ createUser: UserData }>(
        CREATE_USER('CreateOwn'),
        {
          input: {
            email: 'Ny.Handlaggare@Danderyd.example',
            displayName: 'Ny handläggare',
            password: GOOD_PASSWORD,
            roles: ['SOCIAL_WORKER'],
          },
        },
        admin,
      );
      expect(res.errors).toBeUndefined();
      const created = res.data!.createUser;
      expect(created).toEqual({
        id: expect.any(String),
        email: 'ny.handlaggare@danderyd.example',
        displayName: 'Ny handläggare',
        roles: ['SOCIAL_WORKER'],
        disabled: false,
        organisation: { name: 'Danderyds kommun socialtjänst' },
      });
      const [row] = await server.sql<{ password_hash: string; org: string }>(
        `SELECT u.password_hash, o.name AS org FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
        [created.id],
      );
      expect(row.org).toBe('Danderyds kommun socialtjänst');
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(row.password_hash).not.toContain(GOOD_PASSWORD);

      // The administrator's password is temporary: it opens no session, only the user's own change.
      const first = await server.gql(
        'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: 'ny.handlaggare@danderyd.example', p: GOOD_PASSWORD },
      );
      expect(first.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const changed = await server.gql(
        'mutation P($e: String!, $c: String!, $n: String!) { changePassword(email: $e, currentPassword: $c, newPassword: $n) }',
        {
          e: 'ny.handlaggare@danderyd.example',
          c: GOOD_PASSWORD,
          n: `${GOOD_PASSWORD}-egen`,
        },
      );
      expect(changed.data).toEqual({ changePassword: true });
      const token = await server.login('ny.handlaggare@danderyd.example', `${GOOD_PASSWORD}-egen`);
      const me = await server.gql<{ me: { roles: string[] } }>('{ me { roles } }', {}, token);
      expect(me.data?.me.roles).toEqual(['SOCIAL_WORKER']);

      // One CREATE of the user (plus the READ of the organisation returned with it).
      const audit = await auditOf('CreateOwn');
      expect(audit.filter((e) => e.action === 'CREATE')).toEqual([
        {
          outcome: 'ALLOWED',
          action: 'CREATE',
          error_code: null,
          actor_user_id: await userId('admin@danderyd.example'),
        },
      ]);
      const events = await server.sql<{ action: string; entity_type: string; row: string; entity_ids: string[] }>(
        `SELECT action, entity_type, entity_ids, row_to_json(a)::text AS row FROM audit_event a WHERE operation_name = 'CreateOwn'`,
      );
      const createEvent = events.find((e) => e.action === 'CREATE')!;
      expect(createEvent.entity_type).toBe('User');
      expect(createEvent.entity_ids).toEqual([created.id]);
      for (const event of events) expect(event.row).not.toContain(GOOD_PASSWORD);
    });

    it('sets roles and disables a user', async () => {
      const admin = await as('admin@danderyd.example');
      const id = await userId('utbildning@danderyd.example');
      const roles = await server.gql<{ setUserRoles: { id: string; roles: string[] } }>(
        SET_ROLES('SetOwn'),
        { id, roles: ['TRAINING_COORDINATOR', 'SOCIAL_WORKER'] },
        admin,
      );
      expect(roles.errors).toBeUndefined();
      expect([...roles.data!.setUserRoles.roles].sort()).toEqual(['SOCIAL_WORKER', 'TRAINING_COORDINATOR']);
      const stored = await server.sql<{ role: string }>(
        `SELECT role::text AS role FROM user_role WHERE user_id = $1 ORDER BY role`,
        [id],
      );
      expect(stored.map((r) => r.role)).toEqual(['SOCIAL_WORKER', 'TRAINING_COORDINATOR']);

      const disabled = await server.gql<{ disableUser: { id: string; disabled: boolean } }>(
        DISABLE('DisableOwn'),
        { id },
        admin,
      );
      expect(disabled.errors).toBeUndefined();
      expect(disabled.data!.disableUser).toEqual({ id, disabled: true });
      const [row] = await server.sql<{ disabled: boolean }>(
        `SELECT disabled_at IS NOT NULL AS disabled FROM app_user WHERE id = $1`,
        [id],
      );
      expect(row.disabled).toBe(true);
      expect((await auditOf('SetOwn'))[0]).toMatchObject({ outcome: 'ALLOWED', action: 'UPDATE' });
      expect((await auditOf('DisableOwn'))[0]).toMatchObject({ outcome: 'ALLOWED', action: 'UPDATE' });
    });

    it('does not let an admin disable their own account', async () => {
      const before = await snapshot();
      const res = await server.gql(
        DISABLE('DisableSelf'),
        { id: await userId('admin@danderyd.example') },
        await as('admin@danderyd.example'),
      );
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions?.field).toBe('userId');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('across organisations', () => {
    it.each([
      ['setUserRoles', 'CrossSetRoles', SET_ROLES('CrossSetRoles'), { roles: ['TRAINING_COORDINATOR'] }],
      ['disableUser', 'CrossDisable', DISABLE('CrossDisable'), {}],
    ])(
      '%s on a user of another organisation answers NOT_FOUND, changes nothing and is audited as DENIED',
      async (_m, name, query, extra) => {
        const admin = await as('admin@polisen.example');
        const target = await userId('socialsekreterare@danderyd.example');
        const before = await snapshot();
        const res = await server.gql(query, { id: target, ...extra }, admin);
        expect(codeOf(res)).toBe('NOT_FOUND');
        expect(res.data ?? null).toBeNull();
        expect(JSON.stringify(res.errors)).not.toContain(target);
        expect(await snapshot()).toEqual(before);

        // Indistinguishable from a user that does not exist at all.
        const ghost = await server.gql(query, { id: '00000000-0000-4000-8000-000000000000', ...extra }, admin);
        expect(ghost).toEqual(res);

        const audit = await auditOf(name);
        expect(audit).toHaveLength(2);
        for (const event of audit) {
          expect(event).toMatchObject({
            outcome: 'DENIED',
            error_code: 'NOT_FOUND',
            actor_user_id: await userId('admin@polisen.example'),
          });
        }
        // The target's sessions are intact.
        const me = await server.gql<{ me: { roles: string[] } }>(
          '{ me { roles } }',
          {},
          await as('socialsekreterare@danderyd.example'),
        );
        expect(me.data?.me.roles).toEqual(['SOCIAL_WORKER']);
      },
    );

    it("createUser always creates in the admin's own organisation", async () => {
      const res = await server.gql<{ createUser: UserData }>(
        CREATE_USER('CreateByPolice'),
        {
          input: {
            email: 'ny.polis@polisen.example',
            displayName: 'Ny polis',
            password: GOOD_PASSWORD,
            roles: ['POLICE_LIAISON'],
          },
        },
        await as('admin@polisen.example'),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createUser.organisation.name).toBe('Polisen LPO Södra Roslagen');
    });
  });

  describe('callers who are not administrators', () => {
    it.each([
      ['socialsekreterare@danderyd.example'],
      ['loggkontroll@danderyd.example'],
      ['kommunpolis@polisen.example'],
    ])('%s gets FORBIDDEN for every admin mutation, changes nothing and is audited', async (email) => {
      const token = await as(email);
      const tag = email.split('@')[0].replace(/\W/g, '');
      const target = await userId('socialsekreterare@danderyd.example');
      const before = await snapshot();
      const calls: [string, string, Record<string, unknown>][] = [
        [
          `Create_${tag}`,
          CREATE_USER(`Create_${tag}`),
          {
            input: {
              email: `x-${tag}@danderyd.example`,
              displayName: 'X',
              password: GOOD_PASSWORD,
              roles: ['SOCIAL_WORKER'],
            },
          },
        ],
        [`Set_${tag}`, SET_ROLES(`Set_${tag}`), { id: target, roles: ['ADMIN'] }],
        [`Disable_${tag}`, DISABLE(`Disable_${tag}`), { id: target }],
      ];
      for (const [name, query, variables] of calls) {
        const res = await server.gql(query, variables, token);
        expect(codeOf(res), name).toBe('FORBIDDEN');
        expect(res.data ?? null).toBeNull();
        const audit = await auditOf(name);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({
          outcome: 'DENIED',
          error_code: 'FORBIDDEN',
          actor_user_id: await userId(email),
        });
      }
      expect(await snapshot()).toEqual(before);
    });

    it('an anonymous caller gets UNAUTHENTICATED', async () => {
      const before = await snapshot();
      const res = await server.gql(DISABLE('DisableAnon'), { id: await userId('socialsekreterare@danderyd.example') });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(await snapshot()).toEqual(before);
      expect((await auditOf('DisableAnon'))[0]).toMatchObject({ outcome: 'DENIED', actor_user_id: null });
    });

    it('the policy gate answers before input validation: anonymous createUser with a weak password', async () => {
      const before = await snapshot();
      const res = await server.gql(CREATE_USER('CreateAnonWeak'), {
        input: { email: 'anon@danderyd.example', displayName: 'Anon', password: 'kort', roles: ['SOCIAL_WORKER'] },
      });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.extensions?.field).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect((await auditOf('CreateAnonWeak'))[0]).toMatchObject({
        outcome: 'DENIED',
        error_code: 'UNAUTHENTICATED',
        actor_user_id: null,
      });
    });

    it('the policy gate answers before input validation: a social worker creating a user with a weak password', async () => {
      const res = await server.gql(
        CREATE_USER('CreateWorkerWeak'),
        {
          input: { email: 'sw@danderyd.example', displayName: 'SW', password: 'kort', roles: ['SOCIAL_WORKER'] },
        },
        await as('socialsekreterare@danderyd.example'),
      );
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect((await auditOf('CreateWorkerWeak'))[0]).toMatchObject({ outcome: 'DENIED', error_code: 'FORBIDDEN' });
    });
  });

  describe('bad input', () => {
    const create = (input: Record<string, unknown>): Promise<GqlResponse> =>
      as('admin@danderyd.example').then((admin) =>
        server.gql(
          CREATE_USER('CreateBad'),
          {
            input: {
              email: 'ny2@danderyd.example',
              displayName: 'Ny',
              password: GOOD_PASSWORD,
              roles: ['SOCIAL_WORKER'],
              ...input,
            },
          },
          admin,
        ),
      );
    const expectBadInput = (res: GqlResponse<unknown>, field: string, reason: string): void => {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.data ?? null).toBeNull();
      const ext = res.errors![0].extensions!;
      const fields = (ext.fields as string[] | undefined) ?? [ext.field];
      expect(fields).toContain(field);
      expect(ext.reason).toBe(reason);
    };

    it('refuses ADMIN and AUDITOR together, on create and on setUserRoles', async () => {
      const before = await snapshot();
      expectBadInput(await create({ roles: ['ADMIN', 'AUDITOR'] }), 'roles', 'SEPARATION_OF_DUTIES');
      const res = await server.gql(
        SET_ROLES('SetAdminAuditor'),
        { id: await userId('loggkontroll@danderyd.example'), roles: ['AUDITOR', 'ADMIN'] },
        await as('admin@danderyd.example'),
      );
      expectBadInput(res, 'roles', 'SEPARATION_OF_DUTIES');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses POLICE_LIAISON in a social-services organisation and SOCIAL_WORKER in the police', async () => {
      const before = await snapshot();
      expectBadInput(await create({ roles: ['POLICE_LIAISON'] }), 'roles', 'ROLE_NOT_FOR_ORGANISATION_KIND');
      const res = await server.gql(
        SET_ROLES('SetLiaison'),
        { id: await userId('socialsekreterare@danderyd.example'), roles: ['POLICE_LIAISON'] },
        await as('admin@danderyd.example'),
      );
      expectBadInput(res, 'roles', 'ROLE_NOT_FOR_ORGANISATION_KIND');
      const police = await server.gql(
        CREATE_USER('CreatePoliceSocialWorker'),
        {
          input: { email: 'ss@polisen.example', displayName: 'Fel', password: GOOD_PASSWORD, roles: ['SOCIAL_WORKER'] },
        },
        await as('admin@polisen.example'),
      );
      expectBadInput(police, 'roles', 'ROLE_NOT_FOR_ORGANISATION_KIND');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an empty role list', async () => {
      expectBadInput(await create({ roles: [] }), 'roles', 'ARGUMENT_CONSTRAINT');
    });

    it.each([
      ['password12345!', 'PASSWORD_POLICY'],
      ['Sommar2026!!!', 'PASSWORD_POLICY'],
      ['samverkan-demo-2026', 'PASSWORD_POLICY'],
      ['kort-lösen', 'ARGUMENT_CONSTRAINT'], // too short: the input type's @MinLength
    ])('refuses the weak password %s, naming the field but not the value', async (password, reason) => {
      const before = await snapshot();
      const res = await create({ password });
      expectBadInput(res, 'password', reason);
      expect(JSON.stringify(res)).not.toContain(password);
      expect(await snapshot()).toEqual(before);
      const audit = await server.sql<{ row: string }>(
        `SELECT row_to_json(a)::text AS row FROM audit_event a WHERE operation_name = 'CreateBad'`,
      );
      for (const event of audit) expect(event.row).not.toContain(password);
    });

    it('refuses a duplicate email, whatever its case', async () => {
      const before = await snapshot();
      expectBadInput(await create({ email: 'socialsekreterare@danderyd.example' }), 'email', 'EMAIL_UNAVAILABLE');
      expectBadInput(await create({ email: 'SocialSekreterare@Danderyd.Example' }), 'email', 'EMAIL_UNAVAILABLE');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a malformed email and an empty display name', async () => {
      expectBadInput(await create({ email: 'inte-en-adress' }), 'email', 'ARGUMENT_CONSTRAINT');
      expectBadInput(await create({ displayName: '   ' }), 'displayName', 'TEXT_LENGTH_OUT_OF_RANGE');
    });

    it('still serves the demo password of the existing demo users (only new passwords are checked)', async () => {
      expect(await server.login('admin@danderyd.example', DEMO_PASSWORD)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });
});
