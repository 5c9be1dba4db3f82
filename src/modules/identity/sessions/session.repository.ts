import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../../access/access';
import { assertScope } from '../../../db/scoped-repository';

export interface LiveSessionRow {
  id: string;
  userId: string;
  organisationId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const LIVE = `s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`;
const COLUMNS = `s.id, s.user_id AS "userId", u.organisation_id AS "organisationId", s.created_at AS "createdAt",
  s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt"`;

/** Sessions as their holders and administrators see them: never the token hash. */
export class SessionRepository {
  /** The live sessions of one user (the caller: `me`'s own id). */
  liveSessionsOf(manager: EntityManager, userId: string, idleSeconds: number): Promise<LiveSessionRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.user_id = $1 AND ${LIVE} ORDER BY s.last_seen_at DESC`,
      [userId, idleSeconds],
    );
  }

  /** One live session by id, with its owner (the access layer decides whether the caller may end it). */
  async liveSession(manager: EntityManager, id: string, idleSeconds: number): Promise<LiveSessionRow | null> {
    const rows: LiveSessionRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1 AND ${LIVE}`,
      [id, idleSeconds],
    );
    return rows[0] ?? null;
  }

  /** A user of the administrator's organisation scope, or null. */
  async userInScope(
    manager: EntityManager,
    scope: OrganisationScope,
    userId: string,
  ): Promise<{ id: string; organisationId: string } | null> {
    assertScope(scope);
    const rows: { id: string; organisationId: string }[] = await manager.query(
      `SELECT id, organisation_id AS "organisationId" FROM app_user WHERE id = $1 AND organisation_id = ANY($2::uuid[])`,
      [userId, [...scope.organisationIds]],
    );
    return rows[0] ?? null;
  }
}
