import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput, ErrorCode, rateLimited } from '../../../shared/errors';
import { IdentityReason } from '../identity.reasons';
import { AuditAction, type AuditRecorder } from '../../audit/audit.recorder';
import type { User } from '../identity.entities';
import { Role } from '../identity.enums';
import { IdentityRepository, type UserWithRoles } from '../identity.repository';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../password';
import { SecondFactorRepository } from '../second-factor/second-factor.repository';
import type { Enrolment, SecondFactorService } from '../second-factor/second-factor.service';
import {
  accountKey,
  addressKey,
  BACKOFF_AFTER_FAILURES,
  CHALLENGE_ATTEMPTS,
  CHALLENGE_INVALID_MESSAGE,
  CHALLENGE_LIFETIME_SECONDS,
  CODE_INVALID_MESSAGE,
  DEVICE_LIFETIME_SECONDS,
  deviceKey,
  LOCAL_LOGIN_DISABLED_MESSAGE,
  LOCK_AT_FAILURES,
  LOGIN_FAILED_MESSAGE,
  LOGIN_THROTTLED_MESSAGE,
  LoginReason,
  MAX_BACKOFF_SECONDS,
  PASSWORD_CHANGE_REQUIRED_MESSAGE,
  SECOND_FACTOR_ENROLMENT_MESSAGE,
  SECOND_FACTOR_REQUIRED_MESSAGE,
  tokenHash,
} from './login.rules';

export interface LoginSettings {
  nodeEnv: string;
  absoluteTimeoutSeconds: number;
  /** LOCAL_LOGIN: 'true' (default), 'false', or 'flagged' (only accounts with `localLoginAllowed`). */
  localLogin?: 'true' | 'false' | 'flagged';
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserWithRoles;
  /** A new known-device token, when the login presented none valid for this user. */
  deviceToken: string | null;
}

/** A user id that no account has (the lookups of a failed login for an unknown address). */
const NO_USER = '00000000-0000-0000-0000-000000000000';
/** Roles whose local accounts need a second factor in production. */
const SECOND_FACTOR_ROLES: readonly Role[] = [Role.ADMIN, Role.AUDITOR];

interface Checked {
  user: User;
  roles: Role[];
  /** The login presented a live known-device token of this user. */
  knownDevice: boolean;
}

/**
 * Password login, its second-factor step and password change. Throttle counters are written outside
 * the request's transaction on purpose: a failed attempt counts even though the request fails.
 */
export class LoginService {
  private readonly repo = new IdentityRepository();
  private readonly factors = new SecondFactorRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: LoginSettings,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /** Whether a local account with these roles must hold a second factor (production, ADMIN/AUDITOR). */
  secondFactorRequired(roles: readonly Role[]): boolean {
    return this.settings.nodeEnv === 'production' && roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
  }

  /**
   * Checks the password. An account with a second factor (or one that must enrol one) gets no
   * session here: the answer is UNAUTHENTICATED with `extensions.reason` and a single-use challenge
   * for `loginWithSecondFactor` (or enrolment), so the password is never sent twice.
   */
  async login(
    email: string,
    password: string,
    deviceToken: string | null,
    clientAddress: string | null,
    audit: AuditRecorder,
    sessionManager: () => Promise<EntityManager>,
  ): Promise<IssuedSession> {
    audit.action = AuditAction.LOGIN_FAILED;
    const { user, roles, knownDevice } = await this.checkCredentials(
      email,
      password,
      deviceToken,
      clientAddress,
      audit,
    );
    if (user.passwordChangeRequired) {
      // The password was right but an administrator set it: it opens no session, only changePassword.
      throw new AppError(ErrorCode.FORBIDDEN, PASSWORD_CHANGE_REQUIRED_MESSAGE);
    }
    const enrolled = await this.factors.hasConfirmedFactor(this.dataSource.manager, user.id);
    if (enrolled || this.secondFactorRequired(roles)) {
      const purpose = enrolled ? 'verify' : 'enrol';
      const challenge = randomBytes(32).toString('base64url');
      // Outside the request's transaction: the request ends in the answer below, an error.
      await this.factors.insertChallenge(
        this.dataSource.manager,
        tokenHash(challenge),
        user.id,
        purpose,
        CHALLENGE_ATTEMPTS,
        CHALLENGE_LIFETIME_SECONDS,
      );
      throw new AppError(
        ErrorCode.UNAUTHENTICATED,
        enrolled ? SECOND_FACTOR_REQUIRED_MESSAGE : SECOND_FACTOR_ENROLMENT_MESSAGE,
        {
          reason: enrolled ? LoginReason.SECOND_FACTOR_REQUIRED : LoginReason.SECOND_FACTOR_ENROLMENT_REQUIRED,
          challenge,
        },
      );
    }
    return this.openSession(await sessionManager(), user, roles, knownDevice, audit);
  }

  /** The second call of a login with a second factor: the challenge and a TOTP or recovery code. */
  async loginWithSecondFactor(
    challenge: string,
    code: string,
    audit: AuditRecorder,
    sessionManager: () => Promise<EntityManager>,
  ): Promise<IssuedSession> {
    audit.action = AuditAction.LOGIN_FAILED;
    const manager = this.dataSource.manager;
    const pending = await this.spendChallenge(challenge, 'verify');
    const user = (await this.repo.findSelf(manager, pending.userId))!;
    audit.actor = { userId: user.id, organisationId: user.organisationId, roles: user.roles };
    if (!(await this.secondFactor.verifyCode(user.id, code, true)))
      throw new AppError(ErrorCode.UNAUTHENTICATED, CODE_INVALID_MESSAGE);
    // Single use: of two requests with the same challenge, only the one that deletes it goes on.
    if (!(await this.factors.takeChallenge(manager, tokenHash(challenge))))
      throw new AppError(ErrorCode.UNAUTHENTICATED, CHALLENGE_INVALID_MESSAGE);
    if (user.disabledAt !== null) throw new AppError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED_MESSAGE);
    // The second factor proves the owner: the account's failure count (an attacker's guesses) is cleared.
    await this.repo.clearThrottle(manager, accountKey(user.email));
    return this.openSession(await sessionManager(), user, user.roles, false, audit);
  }

  /** Enrolment during a login that requires it: the challenge stands for the checked password. */
  async enrolWithChallenge(challenge: string, manager: EntityManager, audit: AuditRecorder): Promise<Enrolment> {
    audit.action = AuditAction.LOGIN_FAILED;
    const { userId } = await this.spendChallenge(challenge, 'enrol');
    const user = (await this.repo.findSelf(this.dataSource.manager, userId))!;
    audit.actor = { userId: user.id, organisationId: user.organisationId, roles: user.roles };
    audit.action = AuditAction.UPDATE;
    return this.secondFactor.enrol(manager, user.id, user.email, audit, user.organisationId);
  }

  /** Confirms the enrolment with a first code and completes the login the challenge belongs to. */
  async confirmWithChallenge(
    challenge: string,
    code: string,
    manager: EntityManager,
    audit: AuditRecorder,
  ): Promise<{ recoveryCodes: string[]; session: IssuedSession }> {
    audit.action = AuditAction.LOGIN_FAILED;
    const { userId } = await this.spendChallenge(challenge, 'enrol');
    const user = (await this.repo.findSelf(this.dataSource.manager, userId))!;
    audit.actor = { userId: user.id, organisationId: user.organisationId, roles: user.roles };
    const recoveryCodes = await this.secondFactor.confirm(manager, user.id, code, audit, user.organisationId);
    if (!(await this.factors.takeChallenge(this.dataSource.manager, tokenHash(challenge))))
      throw new AppError(ErrorCode.UNAUTHENTICATED, CHALLENGE_INVALID_MESSAGE);
    if (user.disabledAt !== null) throw new AppError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED_MESSAGE);
    return { recoveryCodes, session: await this.openSession(manager, user, user.roles, false, audit) };
  }

  /** A live challenge of `purpose`, one attempt spent; anything else answers the same. */
  async spendChallenge(challenge: string, purpose: 'verify' | 'enrol'): Promise<{ userId: string }> {
    const row =
      challenge.length >= 20 && challenge.length <= 200
        ? await this.factors.spendChallengeAttempt(this.dataSource.manager, tokenHash(challenge))
        : null;
    if (!row || row.purpose !== purpose) throw new AppError(ErrorCode.UNAUTHENTICATED, CHALLENGE_INVALID_MESSAGE);
    return row;
  }

  /** Starts a session in `manager` (the request's transaction, with its LOGIN audit event). */
  async openSession(
    manager: EntityManager,
    user: User,
    roles: Role[],
    knownDevice: boolean,
    audit: AuditRecorder,
  ): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    // The session commits with the login's audit event: if the audit write fails, no session exists.
    const session = await this.repo.createSession(
      manager,
      user.id,
      tokenHash(token),
      this.settings.absoluteTimeoutSeconds,
    );
    let deviceToken: string | null = null;
    if (!knownDevice) {
      deviceToken = randomBytes(32).toString('base64url');
      await this.factors.insertDevice(manager, tokenHash(deviceToken), user.id, DEVICE_LIFETIME_SECONDS);
    }
    audit.action = AuditAction.LOGIN;
    audit.actor = { userId: user.id, organisationId: user.organisationId, roles };
    audit.sessionHash = tokenHash(token);
    audit.touch(AuditAction.LOGIN, 'User', [{ id: user.id, organisationId: user.organisationId }]);
    return { token, expiresAt: session.expiresAt, user: Object.assign(user, { roles }), deviceToken };
  }

  /**
   * The user sets their own password, proving the current one (throttled exactly like a login). An
   * account an administrator created can do nothing else until it has. Ends every session of the user.
   */
  async changePassword(
    email: string,
    currentPassword: string,
    newPassword: string,
    clientAddress: string | null,
    audit: AuditRecorder,
    transaction: () => Promise<EntityManager>,
  ): Promise<boolean> {
    audit.action = AuditAction.LOGIN_FAILED;
    const { user } = await this.checkCredentials(email, currentPassword, null, clientAddress, audit);
    const problem = passwordProblem(newPassword);
    if (problem) throw badInput('newPassword', IdentityReason.PASSWORD_POLICY, problem);
    if (newPassword === currentPassword)
      throw badInput('newPassword', IdentityReason.PASSWORD_UNCHANGED, 'must differ from the current password');
    const manager = await transaction();
    await this.repo.setOwnPassword(manager, user.id, await hashPassword(newPassword));
    await this.repo.revokeAllSessions(manager, user.id, 'password changed');
    audit.action = AuditAction.UPDATE;
    audit.touch(AuditAction.UPDATE, 'User', [{ id: user.id, organisationId: user.organisationId }]);
    return true;
  }

  /**
   * Each attempt is counted as a failure before the password is checked: on the client address, and
   * on the account — or, when the attempt presents a live known-device token of this account, on
   * that device instead, so that an attacker's guesses elsewhere cannot keep the owner out. An account
   * with a confirmed second factor is checked even while its account count holds it back: a correct
   * password then only leads to the code step. A success clears the key counted and takes the attempt
   * back from the address's. Unknown and known addresses run the same statements and one argon2
   * verification each. Every failure answers the same.
   */
  private async checkCredentials(
    email: string,
    password: string,
    deviceToken: string | null,
    clientAddress: string | null,
    audit: AuditRecorder,
  ): Promise<Checked> {
    const manager = this.dataSource.manager;
    // Disabled for everyone: the same answer for every address, before any account is looked at.
    if (this.settings.localLogin === 'false')
      throw new AppError(ErrorCode.UNAUTHENTICATED, LOCAL_LOGIN_DISABLED_MESSAGE);
    const user = email.length <= 320 ? await this.repo.findUserByEmailForLogin(manager, email.trim()) : null;
    const deviceHash = deviceToken && deviceToken.length <= 200 ? tokenHash(deviceToken) : null;
    const deviceUser = deviceHash ? await this.factors.deviceUser(manager, deviceHash) : null;
    const knownDevice = user !== null && deviceUser === user.id;
    const enrolled = await this.factors.hasConfirmedFactor(manager, user?.id ?? NO_USER);
    const roles = (await this.repo.rolesOf(manager, [user?.id ?? NO_USER])).get(user?.id ?? NO_USER) ?? [];
    if (user) audit.actor = { userId: user.id, organisationId: user.organisationId, roles };

    const account = knownDevice ? deviceKey(deviceHash!) : accountKey(email);
    const limits = knownDevice ? 'device' : 'account';
    const address = clientAddress ? addressKey(clientAddress) : undefined;
    // Count the attempt before checking the password, atomically with the throttle check, so that
    // concurrent guesses cannot all pass one check. Both keys or neither: a refusal rolls back.
    let accountHeldBack = false;
    await this.dataSource.transaction(async (manager) => {
      const addressAllowed =
        !address ||
        (await this.repo.claimAttempt(
          manager,
          address,
          BACKOFF_AFTER_FAILURES.address,
          LOCK_AT_FAILURES.address,
          MAX_BACKOFF_SECONDS,
        ));
      if (!addressAllowed) throw rateLimited(LOGIN_THROTTLED_MESSAGE);
      const accountAllowed = await this.repo.claimAttempt(
        manager,
        account,
        BACKOFF_AFTER_FAILURES[limits],
        LOCK_AT_FAILURES[limits],
        MAX_BACKOFF_SECONDS,
      );
      // The second factor still stands between this attempt and a session.
      if (!accountAllowed && !enrolled) throw rateLimited(LOGIN_THROTTLED_MESSAGE);
      accountHeldBack = !accountAllowed;
    });

    // Verify against a dummy hash for unknown accounts so that timing does not reveal which exist.
    // Users who sign in through an identity provider have no password hash: the same work for them.
    const hash = user?.passwordHash.startsWith('$argon2') ? user.passwordHash : await dummyPasswordHash();
    const ok = (await verifyPassword(hash, password)) && hash === user?.passwordHash;
    // An account not flagged for password login fails like a wrong password.
    const allowedHere = this.settings.localLogin !== 'flagged' || user?.localLoginAllowed === true;
    if (!user || !ok || user.disabledAt !== null || !allowedHere)
      throw new AppError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED_MESSAGE);
    // The attacker's count on the account stays while it was held back (the second factor decides).
    if (!accountHeldBack) await this.repo.clearThrottle(manager, account);
    if (address) await this.repo.uncountAttempt(manager, address);
    return { user, roles, knownDevice };
  }
}
