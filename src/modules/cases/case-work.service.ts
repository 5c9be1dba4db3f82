import { refuseInSharedText } from './case-shared-text';
import { checkDueOn, checkHeldOn, swedishDate } from '../../shared/date-rules';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { CaseContentAudience, CaseContentCategory, contentVisible } from '../../access/case-content';
import { Capability } from '../../access/policy';
import { AppError, badInput, ErrorCode, InputReason, notFound } from '../../shared/errors';
import { CaseReason } from './cases.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { addDays } from '../training/certification-status';
import type { CertificateService } from '../training/certificate.service';
import {
  CaseRiskLevel,
  RiskAssessmentMethod,
  type CaseMeeting,
  type CaseNote,
  type CaseTask,
  type RiskAssessment,
} from './case.entities';
import { CaseRepository, type HistoryEntry } from './case.repository';
import type { CaseService } from './case.service';
import {
  UUID,
  MAX_ASSESSMENT_AGE_DAYS,
  COURSE_FOR_METHOD,
  CaseView,
  TaskInput,
  boundedText,
  dateArg,
  id,
  auditChildren,
  notFoundAs,
  audienceOf,
} from './case.support';

/** The work inside a case: tasks, meetings, notes and risk assessments. */
export class CaseWorkService {
  constructor(
    private readonly cases: CaseService,
    private readonly repo: CaseRepository,
    private readonly training: Pick<CertificateService, 'hasValidCertificateOfCourse'>,
    private readonly today: () => string,
  ) {}

  // --- tasks, meetings, notes, assessments ----------------------------------------------------------

  /** The organisations that take part in a case now: the owner and those it is actively shared with. */
  private async participants(manager: EntityManager, view: CaseView): Promise<Set<string>> {
    const shares = await this.repo.sharing.sharesOf(manager, [view.id]);
    return new Set([view.ownerOrganisationId, ...shares.filter((s) => s.active).map((s) => s.organisationId)]);
  }

  private async checkAssignment(
    manager: EntityManager,
    view: CaseView,
    organisationId: string,
    userId: string | null,
    task: { authorOrganisationId: string; audience: CaseContentAudience },
  ): Promise<void> {
    if (!(await this.participants(manager, view)).has(organisationId))
      throw badInput('assignedOrganisationId', CaseReason.ORGANISATION_NOT_ON_CASE, 'not an organisation of the case');
    // The assigned organisation must be able to see its task: its audience and the legal basis decide.
    if (
      !contentVisible(organisationId, await this.cases.edges(manager, view), {
        ...task,
        category: CaseContentCategory.TASK,
      })
    ) {
      throw badInput(
        'audience',
        CaseReason.ASSIGNEE_CANNOT_SEE_TASK,
        'the assigned organisation could not see this task (audience or legal basis)',
      );
    }
    if (userId !== null) {
      const members = await this.repo.membersOf(manager, [view.id]);
      if (!members.some((x) => x.userId === userId && x.organisationId === organisationId))
        throw badInput(
          'assignedUserId',
          CaseReason.ASSIGNEE_NOT_A_MEMBER,
          'not a member of the case in that organisation',
        );
    }
  }

  async createTask(caller: Actor, manager: EntityManager, caseId: string, input: TaskInput): Promise<CaseTask> {
    const view = await this.cases.workable(caller, manager, caseId);
    const title = boundedText('title', input.title, 200);
    const organisationId = id('assignedOrganisationId', input.assignedOrganisationId);
    const userId =
      input.assignedUserId === undefined || input.assignedUserId === null
        ? null
        : id('assignedUserId', input.assignedUserId);
    const dueOn = dateArg('dueOn', input.dueOn);
    const authorOrganisationId = caller.principal.organisationId;
    // A task for another organisation is for it to see unless stated otherwise.
    const audience =
      input.audience === undefined || input.audience === null
        ? organisationId === authorOrganisationId
          ? CaseContentAudience.OWN_ORGANISATION
          : CaseContentAudience.SHARED
        : audienceOf(input.audience);
    await this.checkAssignment(manager, view, organisationId, userId, { authorOrganisationId, audience });
    checkDueOn('dueOn', dueOn, this.cases.today());
    refuseInSharedText(audience, { title });
    const taskId = await this.repo.work.insertTask(manager, {
      caseId: view.id,
      title,
      assignedOrganisationId: organisationId,
      assignedUserId: userId,
      dueOn,
      audience,
      authorOrganisationId,
      createdBy: caller.principal.userId,
    });
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseTask', taskId, 'CREATE', 'title', null, null),
      this.cases.entry(caller, 'CaseTask', taskId, 'CREATE', 'assignedOrganisationId', null, organisationId),
      ...(userId ? [this.cases.entry(caller, 'CaseTask', taskId, 'CREATE', 'assignedUserId', null, userId)] : []),
      this.cases.entry(caller, 'CaseTask', taskId, 'CREATE', 'dueOn', null, dueOn),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseTask', view.ownerOrganisationId, [{ id: taskId }]);
    return (await this.repo.work.taskById(manager, taskId))!;
  }

  async updateTask(caller: Actor, manager: EntityManager, taskId: string, input: TaskInput): Promise<CaseTask> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const task =
      typeof taskId === 'string' && UUID.test(taskId) ? await this.repo.work.taskById(manager, taskId, true) : null;
    if (!task) throw notFound('Task');
    const view = await notFoundAs('Task', this.cases.workable(caller, manager, task.caseId));
    // A task the caller's organisation cannot see answers like a missing one.
    if (
      !contentVisible(caller.principal.organisationId, await this.cases.edges(manager, view), {
        ...task,
        category: CaseContentCategory.TASK,
      })
    )
      throw notFound('Task');
    const next = {
      id: task.id,
      title: input.title === undefined || input.title === null ? task.title : boundedText('title', input.title, 200),
      assignedOrganisationId: input.assignedOrganisationId
        ? id('assignedOrganisationId', input.assignedOrganisationId)
        : task.assignedOrganisationId,
      assignedUserId:
        input.assignedUserId === undefined
          ? task.assignedUserId
          : input.assignedUserId === null
            ? null
            : id('assignedUserId', input.assignedUserId),
      dueOn: input.dueOn ? dateArg('dueOn', input.dueOn) : task.dueOn,
      status: input.status ?? task.status,
    };
    if (next.dueOn !== task.dueOn) checkDueOn('dueOn', next.dueOn, swedishDate(new Date(task.createdAt)));
    if (next.title !== task.title) refuseInSharedText(task.audience, { title: next.title });
    if (next.assignedOrganisationId !== task.assignedOrganisationId || next.assignedUserId !== task.assignedUserId) {
      await this.checkAssignment(manager, view, next.assignedOrganisationId, next.assignedUserId, task);
    }
    const entries: HistoryEntry[] = [];
    if (next.title !== task.title)
      entries.push(this.cases.entry(caller, 'CaseTask', task.id, 'UPDATE', 'title', null, null));
    for (const field of ['assignedOrganisationId', 'assignedUserId', 'dueOn', 'status'] as const) {
      if (next[field] !== task[field])
        entries.push(this.cases.entry(caller, 'CaseTask', task.id, 'UPDATE', field, task[field], next[field]));
    }
    if (entries.length > 0) {
      await this.repo.work.updateTask(manager, next);
      await this.repo.appendHistory(manager, view.id, entries);
    }
    auditChildren(caller.audit, AuditAction.UPDATE, 'CaseTask', view.ownerOrganisationId, [task]);
    return (await this.repo.work.taskById(manager, task.id))!;
  }

  async recordMeeting(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    input: {
      heldOn: Date | string;
      participantOrganisationIds: string[];
      decisions: string;
      audience?: CaseContentAudience | null;
    },
  ): Promise<CaseMeeting> {
    const view = await this.cases.workable(caller, manager, caseId);
    const heldOn = dateArg('heldOn', input.heldOn);
    checkHeldOn('heldOn', heldOn, this.cases.today());
    const participants = [
      ...new Set((input.participantOrganisationIds ?? []).map((x) => id('participantOrganisationIds', x))),
    ];
    if (participants.length === 0 || participants.length > 10)
      throw badInput('participantOrganisationIds', InputReason.LIST_SIZE_OUT_OF_RANGE, 'one to ten organisations');
    const allowed = await this.participants(manager, view);
    if (participants.some((p) => !allowed.has(p)))
      throw badInput(
        'participantOrganisationIds',
        CaseReason.ORGANISATION_NOT_ON_CASE,
        'not an organisation of the case',
      );
    const decisions = boundedText('decisions', input.decisions, 4000, true);
    refuseInSharedText(audienceOf(input.audience), { decisions });
    const meetingId = await this.repo.work.insertMeeting(manager, {
      caseId: view.id,
      heldOn,
      participantOrganisationIds: participants,
      decisions,
      audience: audienceOf(input.audience),
      authorOrganisationId: caller.principal.organisationId,
      createdBy: caller.principal.userId,
    });
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'heldOn', null, heldOn),
      this.cases.entry(caller, 'CaseMeeting', meetingId, 'CREATE', 'decisions', null, null),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMeeting', view.ownerOrganisationId, [{ id: meetingId }]);
    return (await this.repo.work.meetingsOf(manager, [view.id])).find((x) => x.id === meetingId)!;
  }

  async addNote(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    text: string,
    audience?: CaseContentAudience | null,
  ): Promise<CaseNote> {
    const view = await this.cases.workable(caller, manager, caseId);
    const principal = caller.principal;
    const noteText = boundedText('text', text, 4000, true);
    refuseInSharedText(audienceOf(audience), { text: noteText });
    const note = await this.repo.work.insertNote(manager, {
      caseId: view.id,
      text: noteText,
      audience: audienceOf(audience),
      authorId: principal.userId,
      authorOrganisationId: principal.organisationId,
    });
    // Neither the timeline nor the audit log holds the text: only that a note was added.
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseNote', note.id, 'CREATE', null, null, null),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseNote', view.ownerOrganisationId, [note]);
    return note;
  }

  /** Records a risk assessment made by the caller; a method with a course needs the caller's valid certificate (training's gate). */
  async recordAssessment(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    input: {
      method: RiskAssessmentMethod;
      assessedOn: Date | string;
      level: CaseRiskLevel;
      audience?: CaseContentAudience | null;
    },
  ): Promise<RiskAssessment> {
    const view = await this.cases.workable(caller, manager, caseId);
    const principal = caller.principal;
    if (!Object.values(RiskAssessmentMethod).includes(input.method))
      throw badInput('method', InputReason.UNKNOWN_VALUE, 'unknown method');
    if (!Object.values(CaseRiskLevel).includes(input.level))
      throw badInput('level', InputReason.UNKNOWN_VALUE, 'unknown risk level');
    const assessedOn = dateArg('assessedOn', input.assessedOn);
    const today = this.today();
    if (assessedOn > today) throw badInput('assessedOn', CaseReason.ASSESSMENT_IN_FUTURE, 'must not be in the future');
    if (assessedOn < addDays(today, -MAX_ASSESSMENT_AGE_DAYS))
      throw badInput(
        'assessedOn',
        CaseReason.ASSESSMENT_TOO_OLD,
        `must be within the last ${MAX_ASSESSMENT_AGE_DAYS} days`,
      );
    const needed = COURSE_FOR_METHOD[input.method];
    if (needed) {
      // The caller's organisation's gate names the course by id; without a gate nobody records the method.
      const gate = await this.repo.work.gateFor(manager, principal.organisationId, input.method);
      if (!gate) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `Recording a ${input.method} risk assessment requires a valid certificate for the course ${needed.code} (${needed.title}) through your organisation's training gate, and it has none`,
          { reason: CaseReason.NO_TRAINING_GATE, course: `${needed.code} (${needed.title})` },
        );
      }
      if (!(await this.training.hasValidCertificateOfCourse(principal.userId, gate.courseId, today))) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          `Recording a ${input.method} risk assessment requires a valid certificate for the course ${gate.code} (${gate.title})`,
          { reason: CaseReason.CERTIFICATE_MISSING, course: `${gate.code} (${gate.title})` },
        );
      }
    }
    const assessment = await this.repo.work.insertAssessment(manager, {
      caseId: view.id,
      method: input.method,
      assessedOn,
      level: input.level,
      assessorId: principal.userId,
      assessorOrganisationId: principal.organisationId,
      audience: audienceOf(input.audience),
    });
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'method', null, input.method),
      this.cases.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'level', null, input.level),
      this.cases.entry(caller, 'RiskAssessment', assessment.id, 'CREATE', 'assessedOn', null, assessedOn),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'RiskAssessment', view.ownerOrganisationId, [assessment]);
    return assessment;
  }
}
