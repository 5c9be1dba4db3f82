import type { DataSource, EntityManager } from 'typeorm';
import { Capability, organisationScope, requireAccess, requireCapability } from '../../../access/access';
import type { Actor } from '../../../access/actor';
import { AppError, badInput, ErrorCode, notFound, rateLimited } from '../../../shared/errors';
import { IdentityReason } from '../identity.reasons';
import { AuditAction, type AuditRecorder } from '../../audit/audit.recorder';
import { IdentityRepository } from '../identity.repository';
import {
  BACKOFF_AFTER_FAILURES,
  CODE_INVALID_MESSAGE,
  LOCK_AT_FAILURES,
  LOGIN_THROTTLED_MESSAGE,
  MAX_BACKOFF_SECONDS,
  secondFactorKey,
} from '../login/login.rules';
import { SecondFactorRepository } from './second-factor.repository';
import {
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  recoveryCodeHash,
  SecretBox,
} from './totp';
import { UUID } from '../../../shared/ids';

export interface Enrolment {
  otpauthUri: string;
  /** The same secret in base32, for typing it in by hand. */
  secret: string;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  recoveryCodesLeft: number;
}

/**
 * TOTP second factors of local accounts (RFC 6238) and their recovery codes. Secrets are encrypted at
 * rest and appear only in the answer to `enrol`; codes, secrets and recovery codes are never logged or
 * audited (the audit log records the user the change concerns).
 */
export class SecondFactorService {
  private readonly repo = new SecondFactorRepository();
  private readonly identity = new IdentityRepository();
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    masterSecret: Buffer,
    /** The clock (tests of the RFC's steps set their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.box = new SecretBox(masterSecret);
  }

  /**
   * A new secret for `userId` (unconfirmed until `confirm`): the otpauth:// URI is shown once. An
   * enrolled user cannot replace their factor this way (an administrator resets it).
   */
  async enrol(
    manager: EntityManager,
    userId: string,
    accountName: string,
    audit: AuditRecorder,
    organisationId: string,
  ): Promise<Enrolment> {
    const secret = newTotpSecret();
    if (!(await this.repo.startEnrolment(manager, userId, this.box.seal(secret, userId))))
      throw badInput(
        'secondFactor',
        IdentityReason.SECOND_FACTOR_ALREADY_ENROLLED,
        'a second factor is already enrolled; an administrator can reset it',
      );
    audit.touch(AuditAction.UPDATE, 'User', [{ id: userId, organisationId }]);
    return { otpauthUri: otpauthUri(secret, accountName), secret };
  }

  /** Confirms the enrolment with a first code; returns ten new recovery codes (shown once). */
  async confirm(
    manager: EntityManager,
    userId: string,
    code: string,
    audit: AuditRecorder,
    organisationId: string,
  ): Promise<string[]> {
    await this.claimCodeAttempt(userId);
    const factor = await this.repo.findFactor(manager, userId);
    if (!factor || factor.confirmedAt !== null)
      throw badInput('secondFactor', IdentityReason.NO_ENROLMENT_WAITING, 'no enrolment is waiting for confirmation');
    const step = matchingStep(this.box.open(factor.secretEncrypted, userId), code.trim(), this.now());
    if (step === null || !(await this.repo.useStep(manager, userId, step, true)))
      throw new AppError(ErrorCode.UNAUTHENTICATED, CODE_INVALID_MESSAGE);
    await this.identity.clearThrottle(this.dataSource.manager, secondFactorKey(userId));
    const codes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(manager, userId, codes.map(recoveryCodeHash));
    audit.touch(AuditAction.UPDATE, 'User', [{ id: userId, organisationId }]);
    return codes;
  }

  /**
   * Whether `code` is a current TOTP code of the user's confirmed factor not used before, or (with
   * `allowRecovery`) one of their unused recovery codes — which is then used up. Throttled per user.
   * Runs outside the request's transaction: a used step or code stays used even if the request fails.
   */
  async verifyCode(userId: string, code: string, allowRecovery: boolean): Promise<boolean> {
    await this.claimCodeAttempt(userId);
    const manager = this.dataSource.manager;
    const factor = await this.repo.findFactor(manager, userId);
    if (!factor || factor.confirmedAt === null) return false;
    const typed = code.trim();
    let ok = false;
    if (/^\d{6}$/.test(typed)) {
      const step = matchingStep(this.box.open(factor.secretEncrypted, userId), typed, this.now());
      ok = step !== null && (await this.repo.useStep(manager, userId, step, false));
    } else if (allowRecovery && normaliseRecoveryCode(typed).length === 16) {
      ok = await this.repo.useRecoveryCode(manager, userId, recoveryCodeHash(typed));
    }
    if (ok) await this.identity.clearThrottle(manager, secondFactorKey(userId));
    return ok;
  }

  /** The signed-in caller enrols (optional outside production; required there for ADMIN and AUDITOR). */
  async enrolSelf(
    { principal, audit }: Actor,
    profile: { email: string } | undefined,
    manager: EntityManager,
  ): Promise<Enrolment> {
    requireCapability(principal, Capability.SESSION_SELF);
    const caller = principal;
    const email = profile?.email ?? (await this.identity.findSelf(manager, caller.userId))!.email;
    return this.enrol(manager, caller.userId, email, audit, caller.organisationId);
  }

  async confirmSelf({ principal, audit }: Actor, manager: EntityManager, code: string): Promise<string[]> {
    requireCapability(principal, Capability.SESSION_SELF);
    return this.confirm(manager, principal.userId, code, audit, principal.organisationId);
  }

  /** New recovery codes for the caller, proving the factor with a current TOTP code; the old ones stop working. */
  async regenerateRecoveryCodes({ principal, audit }: Actor, manager: EntityManager, code: string): Promise<string[]> {
    requireCapability(principal, Capability.SESSION_SELF);
    const caller = principal;
    if (!/^\d{6}$/.test(code.trim()) || !(await this.verifyCode(caller.userId, code, false)))
      throw new AppError(ErrorCode.UNAUTHENTICATED, CODE_INVALID_MESSAGE);
    const codes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(manager, caller.userId, codes.map(recoveryCodeHash));
    audit.touch(AuditAction.UPDATE, 'User', [{ id: caller.userId, organisationId: caller.organisationId }]);
    return codes;
  }

  async status({ principal, audit }: Actor): Promise<SecondFactorStatus> {
    requireCapability(principal, Capability.SESSION_SELF);
    const caller = principal;
    const manager = this.dataSource.manager;
    const enrolled = await this.repo.hasConfirmedFactor(manager, caller.userId);
    const recoveryCodesLeft = enrolled ? await this.repo.unusedRecoveryCodes(manager, caller.userId) : 0;
    audit.touch(AuditAction.READ, 'User', [{ id: caller.userId, organisationId: caller.organisationId }]);
    return { enrolled, recoveryCodesLeft };
  }

  /**
   * An administrator removes the second factor of a user of their own organisation (a lost phone):
   * the user's sessions end and their next login enrols anew. Not the administrator's own.
   */
  async reset({ principal, audit }: Actor, manager: EntityManager, userId: string): Promise<boolean> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    if (!UUID.test(userId)) throw notFound('User');
    const [found] = await this.identity.findUsers(manager, scope, [userId]);
    const [user] = requireAccess(principal, Capability.USER_MANAGE, [found ?? null], 'User');
    if (user.id === principal.userId)
      throw badInput(
        'userId',
        IdentityReason.SELF_SECOND_FACTOR_RESET,
        'an administrator cannot reset their own second factor; ask another administrator',
      );
    const removed = await this.repo.deleteFactor(manager, user.id);
    await this.repo.forgetDevices(manager, user.id);
    await this.identity.revokeAllSessions(manager, user.id, 'second factor reset');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    return removed;
  }

  private async claimCodeAttempt(userId: string): Promise<void> {
    const allowed = await this.identity.claimAttempt(
      this.dataSource.manager,
      secondFactorKey(userId),
      BACKOFF_AFTER_FAILURES.secondFactor,
      LOCK_AT_FAILURES.secondFactor,
      MAX_BACKOFF_SECONDS,
    );
    if (!allowed) throw rateLimited(LOGIN_THROTTLED_MESSAGE);
  }
}
