import type { DataSource, EntityManager } from 'typeorm';
import {
  Capability,
  organisationScope,
  requireAccess,
  requireCapability,
  type PartnershipTopology,
} from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Principal } from '../../access/principal';
import { ROLE_ORGANISATION_KINDS } from '../../access/roles';
import { roleChangeDecision } from '../../access/separation-of-duties';
import { decodeCursor, encodeCursor, pageSize, uuidPart } from '../../shared/cursor';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { IdentityReason } from './identity.reasons';
import { AuditAction } from '../audit/audit.recorder';
import type { Area, Organisation } from './identity.entities';
import { Role } from './identity.enums';
import { IdentityRepository, type UserListFilter, type UserWithRoles } from './identity.repository';
import { tokenHash } from './login/login.rules';
import { hashPassword, passwordProblem } from './password';

export interface SessionSettings {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  /** LOCAL_LOGIN: 'true' (default), 'false', or 'flagged' (only accounts with `localLoginAllowed`). */
  localLogin?: 'true' | 'false' | 'flagged';
}

/** What the session lookup tells about the caller beyond the principal: its own profile. */
export interface SessionProfile {
  email: string;
  displayName: string;
  organisation: { id: string; name: string; kind: Principal['organisationKind'] };
}

export interface Authenticated {
  principal: Principal;
  profile: SessionProfile;
  /** The caller's partnerships, read by the same statement. */
  topology: PartnershipTopology[];
}

export interface SelfView {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
}

export interface UserPage {
  users: UserWithRoles[];
  cursors: string[];
  hasNextPage: boolean;
  count(): Promise<number>;
}

const USER_CURSOR = 'User';

/** The one answer to creating a user with an address that is taken, wherever it is taken. */
export const EMAIL_UNAVAILABLE_MESSAGE = 'cannot be used for a new account; choose another address';

// Login, its throttling and password change live in login/ (re-exported for existing importers).
export {
  BACKOFF_AFTER_FAILURES,
  backoffSeconds,
  LOCAL_LOGIN_DISABLED_MESSAGE,
  LOCK_AT_FAILURES,
  LOGIN_FAILED_MESSAGE,
  LOGIN_THROTTLED_MESSAGE,
  MAX_BACKOFF_SECONDS,
  PASSWORD_CHANGE_REQUIRED_MESSAGE,
  tokenHash,
} from './login/login.rules';
export type { IssuedSession } from './login/login.service';

/** Touch `last_seen_at` at most this often: idle expiry is exact to within this many seconds. */
const TOUCH_INTERVAL_MS = 30_000;

export class IdentityService {
  private readonly repo = new IdentityRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SessionSettings,
  ) {}

  /**
   * Resolves a bearer token to the caller, or undefined when it is unknown, expired or revoked.
   * The same statement returns the caller's own profile and partnerships, so that `me` and the
   * access checks that need the partnerships' organisations and areas need no further query.
   */
  async authenticate(token: string): Promise<Authenticated | undefined> {
    if (token.length < 20 || token.length > 200) return undefined;
    const hash = tokenHash(token);
    const row = await this.repo.findLiveSession(this.dataSource.manager, hash, this.settings.idleTimeoutSeconds);
    if (!row) return undefined;
    if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.repo.touchSession(this.dataSource.manager, row.sessionId);
    }
    return {
      principal: {
        userId: row.userId,
        organisationId: row.organisationId,
        organisationKind: row.organisationKind,
        roles: row.roles,
        sessionId: row.sessionId,
        sessionHash: hash,
        partnershipIds: row.partnershipIds,
        partnershipOrganisationIds: row.partnershipOrganisationIds,
      },
      profile: {
        email: row.email,
        displayName: row.displayName,
        organisation: { id: row.organisationId, name: row.organisationName, kind: row.organisationKind },
      },
      topology: row.topology,
    };
  }

  /** `manager`: the request's transaction, so that the revocation commits with its audit event. */
  async logout({ principal, audit }: Actor, manager: EntityManager): Promise<boolean> {
    requireCapability(principal, Capability.SESSION_SELF);
    audit.action = AuditAction.LOGOUT;
    await this.repo.revokeSession(manager, principal.sessionId, 'logout');
    return true;
  }

  /** The caller's own record, as read with the session in this request (or afresh without one). */
  async me({ principal, audit }: Actor, profile: SessionProfile | undefined): Promise<SelfView> {
    requireCapability(principal, Capability.SESSION_SELF);
    const caller = principal;
    let view: SelfView | null;
    if (profile) {
      view = {
        id: caller.userId,
        organisationId: caller.organisationId,
        email: profile.email,
        displayName: profile.displayName,
        roles: [...caller.roles],
        disabled: false,
      };
    } else {
      const user = await this.repo.findSelf(this.dataSource.manager, caller.userId);
      view = user && {
        id: user.id,
        organisationId: user.organisationId,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        disabled: user.disabledAt !== null,
      };
    }
    const [self] = requireAccess(principal, Capability.SESSION_SELF, [view && { ...view, userId: view.id }], 'User');
    audit.touch(AuditAction.READ, 'User', [self]);
    return view!;
  }

  async areas({ principal, audit }: Actor): Promise<Area[]> {
    const scope = organisationScope(principal, Capability.REFERENCE_READ);
    const areas = await this.repo.findAreas(this.dataSource.manager, scope);
    audit.touch(AuditAction.READ, 'Area', areas);
    return areas;
  }

  areasByIds(ids: readonly string[]): Promise<Area[]> {
    return this.repo.findAreasByIds(this.dataSource.manager, ids);
  }

  organisationsByIds(ids: readonly string[]): Promise<Organisation[]> {
    return this.repo.findOrganisationsByIds(this.dataSource.manager, ids);
  }

  // --- administration (ADMIN, own organisation only) -----------------------------------------

  async createUser(
    { principal, audit }: Actor,
    manager: EntityManager,
    input: { email: string; displayName: string; password: string; roles: Role[] },
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const organisationId = principal.organisationId;
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
      throw badInput('email', InputReason.INVALID_FORMAT, 'must be a valid email address');
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > 200)
      throw badInput('displayName', InputReason.TEXT_LENGTH_OUT_OF_RANGE, 'must be 1 to 200 characters');
    const problem = passwordProblem(input.password);
    if (problem) throw badInput('password', IdentityReason.PASSWORD_POLICY, problem);
    this.checkRoles(input.roles, principal.organisationKind);
    this.checkRoleChange(principal, null, [], input.roles);
    // E-mail addresses are unique across the installation. The answer is the same whether the
    // address is held in the administrator's own organisation, in another one, or by a user of an
    // identity provider: it names no organisation, user or role (the address itself is all it confirms).
    if (await this.repo.emailTaken(manager, email))
      throw badInput('email', IdentityReason.EMAIL_UNAVAILABLE, EMAIL_UNAVAILABLE_MESSAGE);
    const user = await this.repo.insertUser(manager, {
      organisationId,
      email,
      displayName,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      // A temporary password: the user must replace it before the account opens a session.
      passwordChangeRequired: true,
    });
    audit.touch(AuditAction.CREATE, 'User', [user]);
    const [created] = await this.repo.findUsers(manager, scope, [user.id]);
    return created;
  }

  async setUserRoles(
    { principal, audit }: Actor,
    manager: EntityManager,
    userId: string,
    roles: Role[],
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    this.checkRoles(roles, principal.organisationKind);
    this.checkRoleChange(principal, user.id, user.roles, roles);
    await this.repo.replaceRoles(manager, user.id, roles);
    await this.repo.revokeAllSessions(manager, user.id, 'roles changed');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  async disableUser({ principal, audit }: Actor, manager: EntityManager, userId: string): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    if (user.id === principal.userId)
      throw badInput('userId', IdentityReason.SELF_DISABLE, 'an administrator cannot disable their own account');
    await this.repo.disableUser(manager, user.id);
    await this.repo.revokeAllSessions(manager, user.id, 'user disabled');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  async enableUser({ principal, audit }: Actor, manager: EntityManager, userId: string): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    await this.repo.enableUser(manager, user.id);
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  /** The administrator's own organisation's users, by email, with an optional search and state filter. */
  async users(
    { principal, audit }: Actor,
    filter: UserListFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<UserPage> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const limit = pageSize(first, { defaultSize: 50, maxSize: 200 });
    const search = filter.search?.trim() || null;
    if (search !== null && search.length > 200)
      throw badInput('filter.search', InputReason.TEXT_TOO_LONG, 'must be at most 200 characters');
    const key = after ? decodeCursor(USER_CURSOR, after, [(v) => v.length > 0 && v.length <= 320, uuidPart]) : null;
    const criteria = { search, disabled: filter.disabled ?? null };
    const rows = await this.repo.listUsers(
      this.dataSource.manager,
      scope,
      criteria,
      key ? [key[0], key[1]] : null,
      limit + 1,
    );
    const users = requireAccess(principal, Capability.USER_MANAGE, rows.slice(0, limit), 'User');
    audit.touch(AuditAction.READ, 'User', users);
    return {
      users,
      cursors: users.map((u) => encodeCursor(USER_CURSOR, [u.email, u.id])),
      hasNextPage: rows.length > limit,
      count: () => this.repo.countUsers(this.dataSource.manager, scope, criteria),
    };
  }

  private async managedUser(
    principal: Principal,
    manager: EntityManager,
    scope: ReturnType<typeof organisationScope>,
    userId: string,
  ): Promise<UserWithRoles> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw notFound('User');
    const [user] = await this.repo.findUsers(manager, scope, [userId]);
    return requireAccess(principal, Capability.USER_MANAGE, [user ?? null], 'User')[0];
  }

  private checkRoles(roles: readonly Role[], kind: Principal['organisationKind']): void {
    if (roles.length === 0) throw badInput('roles', IdentityReason.ROLE_REQUIRED, 'at least one role is required');
    for (const role of roles) {
      if (!ROLE_ORGANISATION_KINDS[role].includes(kind))
        throw badInput(
          'roles',
          IdentityReason.ROLE_NOT_FOR_ORGANISATION_KIND,
          `${role} cannot be held in a ${kind} organisation`,
        );
    }
  }

  /** Separation of duties (src/access/separation-of-duties.ts): refused with the reason as BAD_USER_INPUT. */
  private checkRoleChange(
    principal: Principal,
    targetUserId: string | null,
    current: readonly Role[],
    next: readonly Role[],
  ): void {
    const decision = roleChangeDecision({ actorUserId: principal.userId, targetUserId, current, next });
    if (!decision.allowed)
      throw badInput('roles', IdentityReason.SEPARATION_OF_DUTIES, decision.reason ?? 'refused (separation of duties)');
  }
}

export { Role };
