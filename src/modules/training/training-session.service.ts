import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requireAccess } from '../../access/access';
import { requireTrainingSessionAccess, trainingSessionScope } from '../../access/training-session-access';
import { decodeCursor, encodeCursor, isoInstantPart, pageSize, uuidPart } from '../../shared/cursor';
import { badInput, InputReason } from '../../shared/errors';
import { TrainingReason } from './training.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { todayInSweden } from './certification-status';
import { Enrolment, EnrolmentStatus, TrainingCompletion, TrainingSession } from './training.entities';
import { type EnrolmentRow, type SessionRow, type SessionScope } from './training-repository.support';
import {
  UUID,
  SESSION_CURSOR,
  PAGE,
  SessionInput,
  Page,
  CertificateView,
  SessionView,
  dateArg,
  sessionFields,
  definedOnly,
} from './training.support';
import { TrainingServiceBase } from './training-service.base';

/** Training sessions, enrolments, attendance and completions. */
export class TrainingSessionService extends TrainingServiceBase {
  // --- sessions --------------------------------------------------------------------------------

  /** Own sessions, and joint sessions of the organisations the caller's organisation is in partnership with. */
  private async sessionScope(caller: Actor): Promise<SessionScope> {
    return trainingSessionScope(caller.principal, await caller.topology());
  }

  /** The access layer's word on sessions (own, or a partner's joint one): NOT_FOUND for any other. */
  private async checkSessions<T extends SessionRow>(caller: Actor, rows: readonly (T | null)[]): Promise<T[]> {
    return requireTrainingSessionAccess(caller.principal, await caller.topology(), rows);
  }

  async sessions(caller: Actor, first: number | undefined, after: string | undefined): Promise<Page<SessionView>> {
    const s = await this.sessionScope(caller);
    const size = pageSize(first, PAGE);
    const key =
      after === undefined || after === null ? null : decodeCursor(SESSION_CURSOR, after, [isoInstantPart, uuidPart]);
    const rows = await this.sessionRepo.sessionPage(
      this.dataSource.manager,
      s,
      size,
      key && { startsAt: key[0], id: key[1] },
    );
    const page = await this.checkSessions(caller, rows.slice(0, size));
    const views = await this.withEnrolments(caller, s, page);
    caller.audit.touch(AuditAction.READ, 'TrainingSession', page);
    return {
      nodes: views,
      cursors: page.map((r) => encodeCursor(SESSION_CURSOR, [new Date(r.startsAt).toISOString(), r.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.sessionRepo.sessionCount(this.dataSource.manager, s),
    };
  }

  async session(caller: Actor, id: string): Promise<SessionView> {
    const s = await this.sessionScope(caller);
    const row = UUID.test(id) ? await this.sessionRepo.session(this.dataSource.manager, s, id) : null;
    const [session] = await this.checkSessions(caller, [row]);
    caller.audit.touch(AuditAction.READ, 'TrainingSession', [session]);
    return (await this.withEnrolments(caller, s, [session]))[0];
  }

  /** Enrolments shown with a session: only those of the caller's own staff (a partner's staff stay the partner's). */
  private async withEnrolments(
    caller: Actor,
    s: SessionScope,
    sessions: SessionRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionView[]> {
    const rows = await this.sessionRepo.enrolmentsOfSessions(
      manager,
      s.scope,
      sessions.map((x) => x.id),
    );
    const allowed = requireAccess(caller.principal, Capability.TRAINING_MANAGE, rows, 'Enrolment');
    caller.audit.touch(AuditAction.READ, 'Enrolment', allowed);
    return sessions.map((x) => Object.assign(x, { enrolments: allowed.filter((e) => e.sessionId === x.id) }));
  }

  async createSession(caller: Actor, manager: EntityManager, input: SessionInput): Promise<SessionView> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = await this.courseById(manager, input.courseId, 'courseId');
    const saved = await this.sessionRepo.saveSession(
      manager,
      manager.create(TrainingSession, {
        courseId: course.id,
        organisationId: caller.principal.organisationId,
        cancelledAt: null,
        ...sessionFields(input),
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingSession', [saved]);
    return Object.assign(saved, { course, enrolledCount: 0, waitlistedCount: 0, enrolments: [] });
  }

  /**
   * Changes a session of the caller's own organisation (a partner's joint session answers
   * NOT_FOUND: only its holder edits it). Capacity may not drop below the staff already enrolled;
   * a raised capacity promotes the waitlist in order. A joint session stays joint while partner
   * staff are enrolled or waitlisted on it. A cancelled session cannot be changed.
   */
  async updateSession(
    caller: Actor,
    manager: EntityManager,
    id: string,
    input: Partial<Omit<SessionInput, 'courseId'>>,
  ): Promise<SessionView> {
    const session = await this.ownSessionForUpdate(caller, manager, id);
    const fields = sessionFields({ ...session, ...definedOnly(input) });
    const enrolled = await this.sessionRepo.countEnrolled(manager, session.id);
    if (fields.capacity < enrolled)
      throw badInput(
        'capacity',
        TrainingReason.CAPACITY_BELOW_ENROLLED,
        `must not be below the ${enrolled} staff already enrolled`,
      );
    if (
      session.joint &&
      !fields.joint &&
      (await this.sessionRepo.countPartnerEnrolments(manager, session.id, session.organisationId)) > 0
    ) {
      throw badInput(
        'joint',
        TrainingReason.PARTNER_STAFF_ENROLLED,
        'partner organisations have staff enrolled or waitlisted on this session',
      );
    }
    await this.sessionRepo.saveSession(
      manager,
      Object.assign(new TrainingSession(), this.plainSession(session), fields),
    );
    caller.audit.touch(AuditAction.UPDATE, 'TrainingSession', [session]);
    await this.promoteWaitlist(caller, manager, session.id, fields.capacity);
    return this.ownSessionView(caller, manager, session.id);
  }

  /** Cancels a session of the caller's own organisation, and with it every enrolled or waitlisted enrolment (partner staff's included). */
  async cancelSession(caller: Actor, manager: EntityManager, id: string): Promise<SessionView> {
    const session = await this.ownSessionForUpdate(caller, manager, id);
    await this.sessionRepo.saveSession(
      manager,
      Object.assign(new TrainingSession(), this.plainSession(session), { cancelledAt: new Date() }),
    );
    caller.audit.touch(AuditAction.UPDATE, 'TrainingSession', [session]);
    const own = caller.principal.organisationId;
    // Partner staff's enrolments are audited as changed without their organisation (not the caller's to show).
    const cancelled = await this.sessionRepo.cancelOpenEnrolments(manager, session.id);
    if (cancelled.length > 0)
      caller.audit.touch(
        AuditAction.UPDATE,
        'Enrolment',
        cancelled.map((e) => (e.organisationId === own ? e : { id: e.id })),
      );
    return this.ownSessionView(caller, manager, session.id);
  }

  /** A session of the caller's own organisation, locked for the change; NOT_FOUND otherwise, BAD_USER_INPUT when cancelled. */
  private async ownSessionForUpdate(caller: Actor, manager: EntityManager, id: string): Promise<SessionRow> {
    const s = await this.sessionScope(caller);
    const row = UUID.test(id) ? await this.sessionRepo.session(manager, s, id, true) : null;
    const [session] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Training session');
    if (session.cancelledAt !== null)
      throw badInput('id', TrainingReason.SESSION_CANCELLED, 'the session is cancelled');
    return session;
  }

  /** The changed session as its holder sees it, read in the change's transaction. */
  private async ownSessionView(caller: Actor, manager: EntityManager, id: string): Promise<SessionView> {
    const s = await this.sessionScope(caller);
    return (await this.withEnrolments(caller, s, [(await this.sessionRepo.session(manager, s, id))!], manager))[0];
  }

  private plainSession(x: SessionRow): Partial<TrainingSession> {
    return {
      id: x.id,
      courseId: x.courseId,
      organisationId: x.organisationId,
      startsAt: x.startsAt,
      endsAt: x.endsAt,
      place: x.place,
      capacity: x.capacity,
      instructor: x.instructor,
      joint: x.joint,
      cancelledAt: x.cancelledAt,
      createdAt: x.createdAt,
    };
  }

  /** Fills free places from the waitlist, first come first served. */
  private async promoteWaitlist(
    caller: Actor,
    manager: EntityManager,
    sessionId: string,
    capacity: number,
  ): Promise<void> {
    const free = capacity - (await this.sessionRepo.countEnrolled(manager, sessionId));
    for (const next of await this.sessionRepo.waitlist(manager, sessionId, free)) {
      next.status = EnrolmentStatus.ENROLLED;
      await this.sessionRepo.saveEnrolment(manager, next);
      // The promoted staff member may belong to a partner organisation (joint session): audited as changed, not shown.
      caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [{ id: next.id }]);
    }
  }

  // --- enrolments ------------------------------------------------------------------------------

  /**
   * Enrols a staff member of the caller's organisation on a session the caller may see (own, or a
   * partner's joint session). Capacity holds under concurrency: the session row is locked for the
   * rest of the transaction, so enrolments of one session are counted one at a time; when the
   * session is full the enrolment is WAITLISTED.
   */
  async enrol(caller: Actor, manager: EntityManager, sessionId: string, staffMemberId: string): Promise<EnrolmentRow> {
    const s = await this.sessionScope(caller);
    const [staffRow] = UUID.test(staffMemberId)
      ? await this.staffRepo.staffByIds(manager, s.scope, [staffMemberId])
      : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [staffRow], 'Staff member');
    const row = UUID.test(sessionId) ? await this.sessionRepo.session(manager, s, sessionId, true) : null;
    const [session] = await this.checkSessions(caller, [row]);
    if (session.cancelledAt !== null)
      throw badInput('sessionId', TrainingReason.SESSION_CANCELLED, 'the session is cancelled');
    const existing = await this.sessionRepo.enrolmentOf(manager, session.id, staff.id);
    if (
      existing &&
      [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.COMPLETED].includes(existing.status)
    ) {
      throw badInput(
        'staffMemberId',
        TrainingReason.ALREADY_ENROLLED,
        `is already ${existing.status.toLowerCase()} on this session`,
      );
    }
    const enrolled = await this.sessionRepo.countEnrolled(manager, session.id);
    const enrolment = existing ?? manager.create(Enrolment, { sessionId: session.id, staffMemberId: staff.id });
    enrolment.status = enrolled < session.capacity ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WAITLISTED;
    enrolment.completedOn = null;
    enrolment.enrolledAt = new Date();
    enrolment.enrolledBy = caller.principal.userId;
    const saved = await this.sessionRepo.saveEnrolment(manager, enrolment);
    caller.audit.touch(existing ? AuditAction.UPDATE : AuditAction.CREATE, 'Enrolment', [
      { id: saved.id, organisationId: staff.organisationId },
    ]);
    return (await this.sessionRepo.enrolment(manager, s.scope, saved.id))!;
  }

  /** Cancels an enrolment of the caller's own staff; a freed place goes to the first on the waitlist. */
  async cancelEnrolment(caller: Actor, manager: EntityManager, enrolmentId: string): Promise<EnrolmentRow> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(enrolmentId) ? await this.sessionRepo.enrolment(manager, scope, enrolmentId) : null;
    const [found] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Enrolment');
    // Lock order as in enrol: the session first, then the enrolment.
    const capacity = await this.sessionRepo.lockSessionCapacity(manager, found.sessionId);
    const enrolment = await this.sessionRepo.enrolment(manager, scope, found.id, true);
    if (
      !enrolment ||
      (enrolment.status !== EnrolmentStatus.ENROLLED && enrolment.status !== EnrolmentStatus.WAITLISTED)
    ) {
      throw badInput(
        'enrolmentId',
        TrainingReason.ENROLMENT_NOT_CANCELLABLE,
        'only an enrolled or waitlisted enrolment can be cancelled',
      );
    }
    await this.sessionRepo.saveEnrolment(
      manager,
      Object.assign(new Enrolment(), this.plain(enrolment), { status: EnrolmentStatus.CANCELLED }),
    );
    caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [enrolment]);
    await this.promoteWaitlist(caller, manager, enrolment.sessionId, capacity);
    return (await this.sessionRepo.enrolment(manager, scope, enrolment.id))!;
  }

  /** Attendance of an enrolment of the caller's own staff: COMPLETED (writes the completion) or NO_SHOW. */
  async recordAttendance(
    caller: Actor,
    manager: EntityManager,
    enrolmentId: string,
    status: EnrolmentStatus,
    completedOn?: string | null,
  ): Promise<EnrolmentRow> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(enrolmentId) ? await this.sessionRepo.enrolment(manager, scope, enrolmentId, true) : null;
    const [enrolment] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Enrolment');
    if (status !== EnrolmentStatus.COMPLETED && status !== EnrolmentStatus.NO_SHOW)
      throw badInput('status', InputReason.UNKNOWN_VALUE, 'must be COMPLETED or NO_SHOW');
    if (enrolment.status !== EnrolmentStatus.ENROLLED && enrolment.status !== EnrolmentStatus.NO_SHOW) {
      throw badInput(
        'enrolmentId',
        TrainingReason.ATTENDANCE_NOT_RECORDABLE,
        'attendance is recorded for enrolled staff (or corrected from NO_SHOW)',
      );
    }
    const plain = Object.assign(new Enrolment(), this.plain(enrolment), { status });
    if (status === EnrolmentStatus.COMPLETED) {
      const sessionDay = todayInSweden(new Date(enrolment.sessionEndsAt));
      const on = dateArg('completedOn', completedOn, sessionDay);
      if (on > this.today())
        throw badInput('completedOn', TrainingReason.COMPLETION_IN_FUTURE, 'must not be in the future');
      plain.completedOn = on;
      await this.completionRepo.saveCompletion(
        manager,
        manager.create(TrainingCompletion, {
          staffMemberId: enrolment.staffMemberId,
          courseId: enrolment.course.id,
          completedOn: on,
          enrolmentId: enrolment.id,
          recordedBy: caller.principal.userId,
        }),
      );
      caller.audit.touch(AuditAction.CREATE, 'TrainingCompletion', [
        { id: enrolment.id, organisationId: enrolment.organisationId },
      ]);
    } else {
      plain.completedOn = null;
    }
    await this.sessionRepo.saveEnrolment(manager, plain);
    caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [enrolment]);
    return (await this.sessionRepo.enrolment(manager, scope, enrolment.id))!;
  }

  private plain(e: EnrolmentRow): Partial<Enrolment> {
    return {
      id: e.id,
      sessionId: e.sessionId,
      staffMemberId: e.staffMemberId,
      status: e.status,
      completedOn: e.completedOn,
      enrolledAt: e.enrolledAt,
      enrolledBy: e.enrolledBy,
    };
  }

  /** A historical completion (a course taken before the register, or elsewhere), without a session. */
  async recordCompletion(
    caller: Actor,
    manager: EntityManager,
    input: { staffMemberId: string; courseId: string; completedOn: string },
  ): Promise<CertificateView> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(input.staffMemberId)
      ? await this.staffRepo.staffByIds(manager, scope, [input.staffMemberId])
      : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    const course = await this.courseById(manager, input.courseId, 'courseId');
    const completedOn = dateArg('completedOn', input.completedOn, '');
    if (completedOn > this.today())
      throw badInput('completedOn', TrainingReason.COMPLETION_IN_FUTURE, 'must not be in the future');
    const saved = await this.completionRepo.saveCompletion(
      manager,
      manager.create(TrainingCompletion, {
        staffMemberId: staff.id,
        courseId: course.id,
        completedOn,
        enrolmentId: null,
        recordedBy: caller.principal.userId,
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingCompletion', [
      { id: saved.id, organisationId: staff.organisationId },
    ]);
    const [certificate] = await this.certificates(manager, staff, [course], this.today());
    return certificate;
  }
}
