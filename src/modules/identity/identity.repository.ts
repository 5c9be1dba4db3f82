import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { OrganisationScope, PartnershipTopology } from '../../access/access';
import { preparedStatement, queryPrepared } from '../../db/prepared';
import { assertScope } from '../../db/scoped-repository';
import type { OrganisationKind, Role } from './identity.enums';
import { Area, LoginThrottle, Organisation, User, UserRole, UserSession } from './identity.entities';

export interface SessionRow {
  sessionId: string;
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  roles: Role[];
  partnershipIds: string[];
  partnershipOrganisationIds: string[];
  /** The caller's partnerships with their organisations and areas. */
  topology: PartnershipTopology[];
  lastSeenAt: Date;
  email: string;
  displayName: string;
  organisationName: string;
}

export interface UserListFilter {
  search?: string | null;
  disabled?: boolean | null;
}

export interface UserWithRoles extends User {
  roles: Role[];
}

/**
 * The live session, its user, roles and partnerships (each with its organisations and areas: what
 * `RequestContext.topology` serves), by token hash ($1) and idle seconds ($2).
 */
export const LIVE_SESSION =
  preparedStatement(`SELECT s.id AS session_id, u.id AS user_id, u.organisation_id, o.kind, s.last_seen_at,
              u.email, u.display_name, o.name AS organisation_name,
              (SELECT array_agg(r.role::text ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id) AS roles,
              (SELECT json_agg(json_build_object(
                        'partnershipId', mine.partnership_id,
                        'organisationIds', (SELECT array_agg(po.organisation_id) FROM partnership_organisation po WHERE po.partnership_id = mine.partnership_id),
                        'areaIds', COALESCE((SELECT array_agg(pa.area_id) FROM partnership_area pa WHERE pa.partnership_id = mine.partnership_id), '{}')))
                 FROM partnership_organisation mine WHERE mine.organisation_id = u.organisation_id) AS topology
         FROM user_session s
         JOIN app_user u ON u.id = s.user_id
         JOIN organisation o ON o.id = u.organisation_id
        WHERE s.token_hash = $1
          AND s.revoked_at IS NULL
          AND u.disabled_at IS NULL
          AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => $2)`);

/** Areas of the given partnerships ($1 uuid[]). */
export const AREAS = preparedStatement(`SELECT DISTINCT a.id, a.name, a.created_at AS "createdAt"
         FROM area a
         JOIN partnership_area pa ON pa.area_id = a.id
        WHERE pa.partnership_id = ANY($1::uuid[])
        ORDER BY a.name`);

/** A user and its roles (in role order, as `rolesOf`), by id ($1). */
export const SELF =
  preparedStatement(`SELECT u.id, u.organisation_id AS "organisationId", u.email, u.display_name AS "displayName",
       u.password_hash AS "passwordHash", u.disabled_at AS "disabledAt", u.created_at AS "createdAt",
       COALESCE((SELECT array_agg(r.role::text ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id), '{}') AS roles
  FROM app_user u WHERE u.id = $1`);

/** Organisations by id ($1 uuid[]): the per-request loader's statement, on every list's hot path. */
const ORGANISATIONS_BY_IDS = preparedStatement(
  `SELECT id, name, kind, created_at AS "createdAt" FROM organisation WHERE id = ANY($1::uuid[])`,
);

/** Areas by id ($1 uuid[]): the per-request loader's statement. */
const AREAS_BY_IDS = preparedStatement(
  `SELECT id, name, created_at AS "createdAt" FROM area WHERE id = ANY($1::uuid[])`,
);

/** The only place identity rows are read or written. */
export class IdentityRepository {
  /** One statement: the live session, its user, roles and partnerships. */
  async findLiveSession(manager: EntityManager, tokenHash: string, idleSeconds: number): Promise<SessionRow | null> {
    const rows: {
      session_id: string;
      user_id: string;
      organisation_id: string;
      kind: OrganisationKind;
      roles: Role[] | null;
      topology: PartnershipTopology[] | null;
      last_seen_at: Date;
      email: string;
      display_name: string;
      organisation_name: string;
    }[] = await queryPrepared(manager, LIVE_SESSION, [tokenHash, idleSeconds]);
    const row = rows[0];
    if (!row) return null;
    const topology = row.topology ?? [];
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      organisationId: row.organisation_id,
      organisationKind: row.kind,
      roles: row.roles ?? [],
      partnershipIds: topology.map((p) => p.partnershipId),
      partnershipOrganisationIds:
        topology.length > 0 ? [...new Set(topology.flatMap((p) => p.organisationIds))].sort() : [row.organisation_id],
      topology,
      lastSeenAt: row.last_seen_at,
      email: row.email,
      displayName: row.display_name,
      organisationName: row.organisation_name,
    };
  }

  async touchSession(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(`UPDATE user_session SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  async createSession(
    manager: EntityManager,
    userId: string,
    tokenHash: string,
    absoluteSeconds: number,
  ): Promise<UserSession> {
    const rows: UserSession[] = await manager.query(
      `INSERT INTO user_session (token_hash, user_id, last_seen_at, expires_at)
       VALUES ($1, $2, now(), now() + make_interval(secs => $3))
       RETURNING id, expires_at AS "expiresAt"`,
      [tokenHash, userId, absoluteSeconds],
    );
    return rows[0];
  }

  async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE user_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  async revokeAllSessions(manager: EntityManager, userId: string, reason: string): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE user_session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
    return result[1];
  }

  /** Login looks a user up by email before anyone is authenticated: unscoped by necessity. */
  findUserByEmailForLogin(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOne(User, { where: { email: email.toLowerCase() } });
  }

  /** The user's own new password: the temporary one stops working and every session ends. */
  async setOwnPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE app_user SET password_hash = $2, password_change_required = false WHERE id = $1`, [
      userId,
      passwordHash,
    ]);
  }

  async rolesOf(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, Role[]>> {
    const map = new Map<string, Role[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    const rows = await manager.find(UserRole, { where: { userId: In([...userIds]) }, order: { role: 'ASC' } });
    for (const row of rows) map.get(row.userId)?.push(row.role);
    return map;
  }

  /** Users by id within the caller's organisation scope (admin management, `me`). */
  async findUsers(manager: EntityManager, scope: OrganisationScope, ids: readonly string[]): Promise<UserWithRoles[]> {
    assertScope(scope);
    if (ids.length === 0) return [];
    const users = await manager.find(User, {
      where: { id: In([...ids]), organisationId: In([...scope.organisationIds]) },
    });
    const roles = await this.rolesOf(
      manager,
      users.map((u) => u.id),
    );
    return users.map((u) => Object.assign(u, { roles: roles.get(u.id) ?? [] }));
  }

  /** A user's own record, by the id of the authenticated caller. */
  async findSelf(manager: EntityManager, userId: string): Promise<UserWithRoles | null> {
    // One round trip on the hot path of `me` (was findOne + rolesOf: two queries through the query builder).
    const rows: (Omit<User, 'organisation'> & { roles: Role[] })[] = await queryPrepared(manager, SELF, [userId]);
    const row = rows[0];
    if (!row) return null;
    return Object.assign(new User(), row);
  }

  /** Per-request DataLoader batches: plain SQL, as these run on every page with relations. */
  findOrganisationsByIds(manager: EntityManager, ids: readonly string[]): Promise<Organisation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return queryPrepared(manager, ORGANISATIONS_BY_IDS, [[...ids]]);
  }

  /** Areas covered by the caller's own partnerships (not those of its partners' other partnerships). */
  async findAreas(manager: EntityManager, scope: OrganisationScope): Promise<Area[]> {
    assertScope(scope);
    return queryPrepared(manager, AREAS, [[...scope.partnershipIds]]);
  }

  findAreasByIds(manager: EntityManager, ids: readonly string[]): Promise<Area[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return queryPrepared(manager, AREAS_BY_IDS, [[...ids]]);
  }

  async insertUser(
    manager: EntityManager,
    input: {
      organisationId: string;
      email: string;
      displayName: string;
      passwordHash: string;
      roles: readonly Role[];
      passwordChangeRequired?: boolean;
    },
  ): Promise<User> {
    const user = await manager.save(
      manager.create(User, {
        organisationId: input.organisationId,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        passwordChangeRequired: input.passwordChangeRequired ?? false,
        disabledAt: null,
      }),
    );
    await this.replaceRoles(manager, user.id, input.roles);
    return user;
  }

  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return (await manager.count(User, { where: { email: email.toLowerCase() } })) > 0;
  }

  async replaceRoles(manager: EntityManager, userId: string, roles: readonly Role[]): Promise<void> {
    await manager.delete(UserRole, { userId });
    if (roles.length > 0)
      await manager.insert(
        UserRole,
        roles.map((role) => ({ userId, role })),
      );
  }

  async disableUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(User, { id: userId }, { disabledAt: () => 'now()' });
  }

  async enableUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(User, { id: userId }, { disabledAt: null });
  }

  /** A page of the scope's users by email then id, after the key `after`; `limit` rows at most. */
  async listUsers(
    manager: EntityManager,
    scope: OrganisationScope,
    filter: UserListFilter,
    after: readonly [string, string] | null,
    limit: number,
  ): Promise<UserWithRoles[]> {
    const qb = this.userQuery(manager, scope, filter).orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').limit(limit);
    if (after) qb.andWhere('(u.email, u.id) > (:afterEmail, :afterId)', { afterEmail: after[0], afterId: after[1] });
    const users = await qb.getMany();
    const roles = await this.rolesOf(
      manager,
      users.map((u) => u.id),
    );
    return users.map((u) => Object.assign(u, { roles: roles.get(u.id) ?? [] }));
  }

  countUsers(manager: EntityManager, scope: OrganisationScope, filter: UserListFilter): Promise<number> {
    return this.userQuery(manager, scope, filter).getCount();
  }

  private userQuery(manager: EntityManager, scope: OrganisationScope, filter: UserListFilter) {
    assertScope(scope);
    const qb = manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.organisation_id IN (:...orgs)', { orgs: [...scope.organisationIds] });
    if (filter.search) {
      // LIKE's own wildcards in the search text match themselves.
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(`(lower(u.email) LIKE :pattern ESCAPE '\\' OR lower(u.display_name) LIKE :pattern ESCAPE '\\')`, {
        pattern,
      });
    }
    if (filter.disabled === true) qb.andWhere('u.disabled_at IS NOT NULL');
    if (filter.disabled === false) qb.andWhere('u.disabled_at IS NULL');
    return qb;
  }

  // --- login throttling -------------------------------------------------------------------

  /**
   * Claims one login attempt for `key`, counting it as a failure up front, in one atomic statement
   * (safe with concurrent requests and several API processes: a check followed by a separate
   * update let parallel guesses all pass the same check). Refused — nothing changes, and false is
   * returned — while the key is locked or its back-off (`backoffSeconds` in identity.service, up to
   * `maxBackoffSeconds`) since the last failure has not passed. The hour window restarts when it has
   * passed; reaching `lockAt` failures locks the key until the window ends. A successful login then
   * clears the key (`clearThrottle`) or takes the attempt back (`uncountAttempt`).
   */
  async claimAttempt(
    manager: EntityManager,
    key: string,
    backoffAfter: number,
    lockAt: number,
    maxBackoffSeconds: number,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, last_failure_at, locked_until)
       VALUES ($1, 1, now(), now(), CASE WHEN 1 >= $3::int THEN now() + interval '1 hour' END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - interval '1 hour' THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - interval '1 hour' THEN now() ELSE t.window_started_at END,
         last_failure_at = now(),
         locked_until = CASE
           WHEN t.window_started_at >= now() - interval '1 hour' AND t.failures + 1 >= $3::int
             THEN t.window_started_at + interval '1 hour'
           ELSE t.locked_until END
       WHERE (t.locked_until IS NULL OR t.locked_until <= now())
         AND (t.window_started_at < now() - interval '1 hour'
              OR t.failures < $2::int
              OR t.last_failure_at
                   + make_interval(secs => least($4::float8, power(2::float8, least(t.failures - $2::int, 30)))) <= now())
       RETURNING t.failures`,
      [key, backoffAfter, lockAt, maxBackoffSeconds],
    );
    return rows.length > 0;
  }

  /** Takes back an attempt counted by `claimAttempt` that turned out to succeed. */
  async uncountAttempt(manager: EntityManager, key: string): Promise<void> {
    await manager.query(`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1`, [key]);
  }

  async clearThrottle(manager: EntityManager, key: string): Promise<void> {
    await manager.delete(LoginThrottle, { key });
  }
}
