import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  Capability,
  organisationScope,
  requireAccess,
  requireCapability,
  type PartnershipTopology,
} from '../../access/access';
import type { Principal } from '../../access/principal';
import { ROLE_ORGANISATION_KINDS } from '../../access/roles';
import { roleChangeDecision } from '../../access/separation-of-duties';
import { decodeCursor, encodeCursor, pageSize, uuidPart } from '../../shared/cursor';
import { AppError, badInput, ErrorCode, notFound, rateLimited } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import type { Area, Organisation, User } from './identity.entities';
import { Role } from './identity.enums';
import { IdentityRepository, type UserListFilter, type UserWithRoles } from './identity.repository';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';

export interface SessionSettings {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  /** LOCAL_LOGIN: 'true' (default), 'false', or 'flagged' (only accounts with `localLoginAllowed`). */
  localLogin?: 'true' | 'false' | 'flagged';
}

export const LOCAL_LOGIN_DISABLED_MESSAGE =
  "Password login is disabled; sign in through your organisation's identity provider";

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

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserWithRoles;
}

/** Throttling: back-off starts after this many failures within the hour... */
export const BACKOFF_AFTER_FAILURES = { account: 5, address: 20 } as const;
/** ...doubling from 1 s up to this cap... */
export const MAX_BACKOFF_SECONDS = 15 * 60;
/** ...and the key locks until its hour window ends at this many failures. */
export const LOCK_AT_FAILURES = { account: 100, address: 1000 } as const;
/** Touch `last_seen_at` at most this often: idle expiry is exact to within this many seconds. */
const TOUCH_INTERVAL_MS = 30_000;

/** A user id that no account has (the roles lookup of a failed login for an unknown address). */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** The one answer to every failed login, whatever the cause. */
export const LOGIN_FAILED_MESSAGE = 'Invalid email or password';
export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  'The password was set by an administrator: set your own with changePassword before logging in';
/** The one answer to creating a user with an address that is taken, wherever it is taken. */
export const EMAIL_UNAVAILABLE_MESSAGE = 'cannot be used for a new account; choose another address';
export const LOGIN_THROTTLED_MESSAGE = 'Too many failed login attempts; try again later';

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
const accountKey = (email: string): string =>
  `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
const addressKey = (address: string): string => `address:${address}`;

/** The wait after `failures` failures; `IdentityRepository.claimAttempt` applies the same rule in SQL. */
export function backoffSeconds(failures: number, after: number): number {
  if (failures < after) return 0;
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** (failures - after));
}

export class IdentityService {
  private readonly repo = new IdentityRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SessionSettings,
  ) {}

  /** Resolves a bearer token to the caller, or undefined when it is unknown, expired or revoked. */
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

  /** `sessionManager` opens the request's transaction for the new session; the throttling counters are written outside it, on purpose. */
  async login(
    email: string,
    password: string,
    clientAddress: string | null,
    audit: AuditRecorder,
    sessionManager: () => Promise<EntityManager>,
  ): Promise<IssuedSession> {
    const manager = this.dataSource.manager;
    audit.action = AuditAction.LOGIN_FAILED;
    const user = await this.checkCredentials(email, password, clientAddress, audit);
    if (user.passwordChangeRequired) {
      // The password was right but an administrator set it: it opens no session, only changePassword.
      throw new AppError(ErrorCode.FORBIDDEN, PASSWORD_CHANGE_REQUIRED_MESSAGE);
    }
    const token = randomBytes(32).toString('base64url');
    // The session commits with the login's audit event: if the audit write fails, no session exists.
    const session = await this.repo.createSession(
      await sessionManager(),
      user.id,
      tokenHash(token),
      this.settings.absoluteTimeoutSeconds,
    );
    const roles = (await this.repo.rolesOf(manager, [user.id])).get(user.id) ?? [];
    audit.action = AuditAction.LOGIN;
    audit.actor = { userId: user.id, organisationId: user.organisationId, roles };
    audit.sessionHash = tokenHash(token);
    audit.touch(AuditAction.LOGIN, 'User', [{ id: user.id, organisationId: user.organisationId }]);
    return { token, expiresAt: session.expiresAt, user: Object.assign(user, { roles }) };
  }

  /**
   * The user sets their own password, proving the current one (throttled exactly like a login). An
   * account an administrator created can do nothing else until it has: the administrator knows only
   * the temporary password, never the working one. Ends every session of the user.
   */
  async changePassword(
    email: string,
    currentPassword: string,
    newPassword: string,
    clientAddress: string | null,
    audit: AuditRecorder,
    manager: () => Promise<EntityManager>,
  ): Promise<boolean> {
    audit.action = AuditAction.LOGIN_FAILED;
    const user = await this.checkCredentials(email, currentPassword, clientAddress, audit);
    const problem = passwordProblem(newPassword);
    if (problem) throw badInput('newPassword', problem);
    if (newPassword === currentPassword) throw badInput('newPassword', 'must differ from the current password');
    const m = await manager();
    await this.repo.setOwnPassword(m, user.id, await hashPassword(newPassword));
    await this.repo.revokeAllSessions(m, user.id, 'password changed');
    audit.action = AuditAction.UPDATE;
    audit.touch(AuditAction.UPDATE, 'User', [{ id: user.id, organisationId: user.organisationId }]);
    return true;
  }

  /**
   * Throttle state and failure counts are written outside the request's transaction on purpose:
   * a failed attempt must be counted even though the request ends in an error. Each attempt is
   * counted as a failure before the password is checked; a success clears the account's count and
   * takes the attempt back from the address's. Every failure answers the same.
   */
  private async checkCredentials(
    email: string,
    password: string,
    clientAddress: string | null,
    audit: AuditRecorder,
  ): Promise<User> {
    const manager = this.dataSource.manager;
    // Disabled for everyone: the same answer for every address, before any account is looked at.
    if (this.settings.localLogin === 'false')
      throw new AppError(ErrorCode.UNAUTHENTICATED, LOCAL_LOGIN_DISABLED_MESSAGE);
    const account = accountKey(email);
    const address = clientAddress ? addressKey(clientAddress) : undefined;
    // Count the attempt before checking the password, atomically with the throttle check, so that
    // concurrent guesses cannot all pass one check. Both keys or neither: a refusal rolls back.
    await this.dataSource.transaction(async (m) => {
      const allowed =
        (await this.repo.claimAttempt(
          m,
          account,
          BACKOFF_AFTER_FAILURES.account,
          LOCK_AT_FAILURES.account,
          MAX_BACKOFF_SECONDS,
        )) &&
        (!address ||
          (await this.repo.claimAttempt(
            m,
            address,
            BACKOFF_AFTER_FAILURES.address,
            LOCK_AT_FAILURES.address,
            MAX_BACKOFF_SECONDS,
          )));
      if (!allowed) throw rateLimited(LOGIN_THROTTLED_MESSAGE);
    });

    const user = email.length <= 320 ? await this.repo.findUserByEmailForLogin(manager, email.trim()) : null;
    // Verify against a dummy hash for unknown accounts so that timing does not reveal which exist.
    // Users who sign in through an identity provider have no password hash: the same work for them.
    const hash = user?.passwordHash.startsWith('$argon2') ? user.passwordHash : await dummyPasswordHash();
    const ok = (await verifyPassword(hash, password)) && hash === user?.passwordHash;
    // An account not flagged for password login fails like a wrong password: which accounts are
    // flagged is not told.
    const allowedHere = this.settings.localLogin !== 'flagged' || user?.localLoginAllowed === true;
    if (!user || !ok || user.disabledAt !== null || !allowedHere) {
      // The same statements for unknown and known addresses (a roles lookup for each), so that a
      // failed login takes as long whether or not the address has an account.
      const roles = await this.repo.rolesOf(manager, [user?.id ?? NO_USER]);
      if (user) audit.actor = { userId: user.id, organisationId: user.organisationId, roles: roles.get(user.id) ?? [] };
      throw new AppError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED_MESSAGE);
    }
    await this.repo.clearThrottle(manager, account);
    if (address) await this.repo.uncountAttempt(manager, address);
    return user;
  }

  /** `manager`: the request's transaction, so that the revocation commits with its audit event. */
  async logout(principal: Principal | undefined, manager: EntityManager, audit: AuditRecorder): Promise<boolean> {
    requireCapability(principal, Capability.SESSION_SELF);
    audit.action = AuditAction.LOGOUT;
    await this.repo.revokeSession(manager, principal!.sessionId, 'logout');
    return true;
  }

  /** The caller's own record, as read with the session in this request (or afresh without one). */
  async me(
    principal: Principal | undefined,
    profile: SessionProfile | undefined,
    audit: AuditRecorder,
  ): Promise<SelfView> {
    requireCapability(principal, Capability.SESSION_SELF);
    const caller = principal!;
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

  async areas(principal: Principal | undefined, audit: AuditRecorder): Promise<Area[]> {
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
    principal: Principal | undefined,
    manager: EntityManager,
    input: { email: string; displayName: string; password: string; roles: Role[] },
    audit: AuditRecorder,
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const organisationId = principal!.organisationId;
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
      throw badInput('email', 'must be a valid email address');
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > 200)
      throw badInput('displayName', 'must be 1 to 200 characters');
    const problem = passwordProblem(input.password);
    if (problem) throw badInput('password', problem);
    this.checkRoles(input.roles, principal!.organisationKind);
    this.checkRoleChange(principal!, null, [], input.roles);
    // E-mail addresses are unique across the installation. The answer is the same whether the
    // address is held in the administrator's own organisation, in another one, or by a user of an
    // identity provider: it names no organisation, user or role (the address itself is all it confirms).
    if (await this.repo.emailTaken(manager, email)) throw badInput('email', EMAIL_UNAVAILABLE_MESSAGE);
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
    principal: Principal | undefined,
    manager: EntityManager,
    userId: string,
    roles: Role[],
    audit: AuditRecorder,
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    this.checkRoles(roles, principal!.organisationKind);
    this.checkRoleChange(principal!, user.id, user.roles, roles);
    await this.repo.replaceRoles(manager, user.id, roles);
    await this.repo.revokeAllSessions(manager, user.id, 'roles changed');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  async disableUser(
    principal: Principal | undefined,
    manager: EntityManager,
    userId: string,
    audit: AuditRecorder,
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    if (user.id === principal!.userId) throw badInput('userId', 'an administrator cannot disable their own account');
    await this.repo.disableUser(manager, user.id);
    await this.repo.revokeAllSessions(manager, user.id, 'user disabled');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  async enableUser(
    principal: Principal | undefined,
    manager: EntityManager,
    userId: string,
    audit: AuditRecorder,
  ): Promise<UserWithRoles> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const user = await this.managedUser(principal, manager, scope, userId);
    await this.repo.enableUser(manager, user.id);
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    const [updated] = await this.repo.findUsers(manager, scope, [user.id]);
    return updated;
  }

  /** The administrator's own organisation's users, by email, with an optional search and state filter. */
  async users(
    principal: Principal | undefined,
    audit: AuditRecorder,
    filter: UserListFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<UserPage> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    const limit = pageSize(first, { defaultSize: 50, maxSize: 200 });
    const search = filter.search?.trim() || null;
    if (search !== null && search.length > 200) throw badInput('filter.search', 'must be at most 200 characters');
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
    principal: Principal | undefined,
    manager: EntityManager,
    scope: ReturnType<typeof organisationScope>,
    userId: string,
  ): Promise<UserWithRoles> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw notFound('User');
    const [user] = await this.repo.findUsers(manager, scope, [userId]);
    return requireAccess(principal, Capability.USER_MANAGE, [user ?? null], 'User')[0];
  }

  private checkRoles(roles: readonly Role[], kind: Principal['organisationKind']): void {
    if (roles.length === 0) throw badInput('roles', 'at least one role is required');
    for (const role of roles) {
      if (!ROLE_ORGANISATION_KINDS[role].includes(kind))
        throw badInput('roles', `${role} cannot be held in a ${kind} organisation`);
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
    if (!decision.allowed) throw badInput('roles', decision.reason ?? 'refused (separation of duties)');
  }
}

export { Role };
