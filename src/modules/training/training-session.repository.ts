import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { Enrolment, EnrolmentStatus, TrainingSession } from './training.entities';
import {
  InstantKey,
  SessionRow,
  EnrolmentRow,
  SessionScope,
  SESSION,
  courseJson,
  ENROLMENT,
  ENROLMENT_FROM,
  own,
} from './training-repository.support';

/** Training sessions and enrolments. */
export class TrainingSessionRepository {
  // --- sessions --------------------------------------------------------------------------------

  private sessionVisibility(s: SessionScope): { sql: string; params: unknown[] } {
    const params: unknown[] = [own(s.scope), [...s.jointOrganisationIds]];
    return {
      sql: `(t.organisation_id = ANY($1::uuid[]) OR (t.joint AND t.organisation_id = ANY($2::uuid[])))`,
      params,
    };
  }

  /** One page, latest start first; one extra row to know whether more follow. */
  async sessionPage(
    manager: EntityManager,
    s: SessionScope,
    first: number,
    after: InstantKey | null,
  ): Promise<SessionRow[]> {
    const { sql, params } = this.sessionVisibility(s);
    let keyset = '';
    if (after) {
      params.push(after.startsAt, after.id);
      keyset = `AND (t.starts_at, t.id) < ($3::timestamptz, $4::uuid)`;
    }
    return manager.query(
      `SELECT ${SESSION}, ${courseJson},
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'ENROLLED') AS "enrolledCount",
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'WAITLISTED') AS "waitlistedCount"
         FROM training_session t JOIN course c ON c.id = t.course_id
        WHERE ${sql} ${keyset} ORDER BY t.starts_at DESC, t.id DESC LIMIT ${first + 1}`,
      params,
    );
  }

  async sessionCount(manager: EntityManager, s: SessionScope): Promise<number> {
    const { sql, params } = this.sessionVisibility(s);
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*) AS n FROM training_session t WHERE ${sql}`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One visible session; `lock` takes its row lock (enrolments of one session are serialised on it). */
  async session(manager: EntityManager, s: SessionScope, id: string, lock = false): Promise<SessionRow | null> {
    const { sql, params } = this.sessionVisibility(s);
    params.push(id);
    const [row]: SessionRow[] = await manager.query(
      `SELECT ${SESSION}, ${courseJson},
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'ENROLLED') AS "enrolledCount",
              (SELECT count(*)::int FROM enrolment e WHERE e.session_id = t.id AND e.status = 'WAITLISTED') AS "waitlistedCount"
         FROM training_session t JOIN course c ON c.id = t.course_id
        WHERE ${sql} AND t.id = $3 ${lock ? 'FOR UPDATE OF t' : ''}`,
      params,
    );
    return row ?? null;
  }

  saveSession(manager: EntityManager, session: TrainingSession): Promise<TrainingSession> {
    return manager.save(TrainingSession, session);
  }

  /** Locks a session's row (enrolments of one session are serialised on it) and returns its capacity. */
  async lockSessionCapacity(manager: EntityManager, sessionId: string): Promise<number> {
    const rows: { capacity: number }[] = await manager.query(
      `SELECT capacity FROM training_session WHERE id = $1 FOR UPDATE`,
      [sessionId],
    );
    return rows[0]?.capacity ?? 0;
  }

  /** Staff of other organisations than `organisationId` enrolled or waitlisted on a session (a joint session's partners). */
  async countPartnerEnrolments(manager: EntityManager, sessionId: string, organisationId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM enrolment e JOIN staff_member s ON s.id = e.staff_member_id
        WHERE e.session_id = $1 AND e.status IN ('ENROLLED', 'WAITLISTED') AND s.organisation_id <> $2`,
      [sessionId, organisationId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Cancels every enrolled or waitlisted enrolment of a session; the cancelled ones with their staff's organisation. */
  async cancelOpenEnrolments(
    manager: EntityManager,
    sessionId: string,
  ): Promise<{ id: string; organisationId: string }[]> {
    return manager.query(
      `UPDATE enrolment e SET status = 'CANCELLED', updated_at = now() FROM staff_member s
        WHERE s.id = e.staff_member_id AND e.session_id = $1 AND e.status IN ('ENROLLED', 'WAITLISTED')
       RETURNING e.id, s.organisation_id AS "organisationId"`,
      [sessionId],
    );
  }

  async countEnrolled(manager: EntityManager, sessionId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM enrolment WHERE session_id = $1 AND status = 'ENROLLED'`,
      [sessionId],
    );
    return rows[0]?.n ?? 0;
  }

  // --- enrolments ------------------------------------------------------------------------------

  /** Enrolments of these sessions whose staff belong to the caller's organisation(s). */
  async enrolmentsOfSessions(
    manager: EntityManager,
    scope: OrganisationScope,
    sessionIds: readonly string[],
  ): Promise<EnrolmentRow[]> {
    if (sessionIds.length === 0) return [];
    return manager.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM}
        WHERE e.session_id = ANY($1::uuid[]) AND s.organisation_id = ANY($2::uuid[]) ORDER BY e.enrolled_at, e.id`,
      [[...sessionIds], own(scope)],
    );
  }

  /** Enrolments of one staff member (the caller's own record, or one the caller was granted). */
  enrolmentsOfStaff(manager: EntityManager, staffMemberId: string): Promise<EnrolmentRow[]> {
    return manager.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM} WHERE e.staff_member_id = $1 ORDER BY t.starts_at DESC, e.id`,
      [staffMemberId],
    );
  }

  /** An enrolment of a staff member of the caller's organisation(s); `lock` takes its row lock. */
  async enrolment(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
    lock = false,
  ): Promise<EnrolmentRow | null> {
    const [row]: EnrolmentRow[] = await manager.query(
      `SELECT ${ENROLMENT} FROM ${ENROLMENT_FROM} WHERE e.id = $1 AND s.organisation_id = ANY($2::uuid[]) ${lock ? 'FOR UPDATE OF e' : ''}`,
      [id, own(scope)],
    );
    return row ?? null;
  }

  async enrolmentOf(manager: EntityManager, sessionId: string, staffMemberId: string): Promise<Enrolment | null> {
    return manager.findOne(Enrolment, { where: { sessionId, staffMemberId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The waitlisted enrolments of a session, first come first; locked for promotion. */
  waitlist(manager: EntityManager, sessionId: string, limit: number): Promise<Enrolment[]> {
    if (limit <= 0) return Promise.resolve([]);
    return manager
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.session_id = :sessionId AND e.status = :status', { sessionId, status: EnrolmentStatus.WAITLISTED })
      .orderBy('e.enrolled_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  saveEnrolment(manager: EntityManager, e: Enrolment): Promise<Enrolment> {
    return manager.save(Enrolment, e);
  }
}
