import type { DataSource, EntityManager } from 'typeorm';
import { Capability, organisationScope, requireAccess, requireCapability } from '../../../access/access';
import type { Actor } from '../../../access/actor';
import { notFound } from '../../../shared/errors';
import { AuditAction } from '../../audit/audit.recorder';
import { IdentityRepository } from '../identity.repository';
import { SessionRepository, type LiveSessionRow } from './session.repository';
import { UUID } from '../../../shared/ids';

export interface SessionView extends LiveSessionRow {
  current: boolean;
}

/** A user's own sessions (list, end one), and an administrator ending all sessions of a user. */
export class SessionService {
  private readonly repo = new SessionRepository();
  private readonly identity = new IdentityRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly idleTimeoutSeconds: number,
  ) {}

  async mySessions({ principal, audit }: Actor): Promise<SessionView[]> {
    requireCapability(principal, Capability.SESSION_SELF);
    const rows = await this.repo.liveSessionsOf(this.dataSource.manager, principal.userId, this.idleTimeoutSeconds);
    const mine = requireAccess(principal, Capability.SESSION_SELF, rows, 'Session');
    audit.touch(AuditAction.READ, 'UserSession', mine);
    return mine.map((row) => ({ ...row, current: row.id === principal.sessionId }));
  }

  /** Ends one of the caller's own sessions; another user's session answers NOT_FOUND, like a missing one. */
  async endSession({ principal, audit }: Actor, manager: EntityManager, sessionId: string): Promise<boolean> {
    requireCapability(principal, Capability.SESSION_SELF);
    if (!UUID.test(sessionId)) throw notFound('Session');
    const row = await this.repo.liveSession(manager, sessionId, this.idleTimeoutSeconds);
    const [session] = requireAccess(principal, Capability.SESSION_SELF, [row], 'Session');
    await this.identity.revokeSession(manager, session.id, 'ended by user');
    audit.touch(AuditAction.UPDATE, 'UserSession', [session]);
    return true;
  }

  /** An administrator ends every session of a user of their own organisation; the number ended. */
  async endUserSessions({ principal, audit }: Actor, manager: EntityManager, userId: string): Promise<number> {
    const scope = organisationScope(principal, Capability.USER_MANAGE);
    if (!UUID.test(userId)) throw notFound('User');
    const [user] = requireAccess(
      principal,
      Capability.USER_MANAGE,
      [await this.repo.userInScope(manager, scope, userId)],
      'User',
    );
    const ended = await this.identity.revokeAllSessions(manager, user.id, 'ended by administrator');
    audit.touch(AuditAction.UPDATE, 'User', [user]);
    return ended;
  }
}
