import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { caseAccess, CaseOperation } from '../../access/case-access';
import { actionOwnerAllowed, agendaCaseVisible, meetingVisible } from '../../access/meeting-access';
import { Capability } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { checkDueOn, checkHeldOn, swedishDate } from '../../shared/date-rules';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { MeetingReason } from './meetings.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { CaseRepository, readerOf } from '../cases/case.repository';
import { boundedText } from '../cases/case.service';
import { MeetingRepository, type ActionRow, type AgendaItemRow, type MeetingRow } from './meeting.repository';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { UUID } from '../../shared/ids';

import {
  ACTION_STATUSES,
  attendance,
  dateArg,
  id,
  minutesText,
  type AddActionInput,
  type AgendaItemView,
  type CaseContext,
  type CreateMeetingInput,
  type MeetingView,
} from './meeting.support';

export {
  ACTION_STATUSES,
  type AddActionInput,
  type AgendaItemView,
  type CreateMeetingInput,
  type MeetingView,
} from './meeting.support';

/**
 * Multi-agency meetings (MARAC-style): a meeting of a partnership, its attendees, an agenda of cases,
 * a decision and actions per item; open actions are carried to the next meeting. Who sees what is
 * decided in src/access/meeting-access.ts; a meeting the caller's organisation does not attend
 * answers NOT_FOUND, an item the caller may not see shows only its position.
 */
export class MeetingService {
  private readonly repo = new MeetingRepository();
  private readonly cases = new CaseRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly today: () => string = () => swedishDate(),
  ) {}

  // --- access ---------------------------------------------------------------------------------------

  private async meeting(caller: Actor, manager: EntityManager, meetingId: string, lock = false): Promise<MeetingRow> {
    requireCapability(caller.principal, Capability.MEETING_WORK);
    const row =
      typeof meetingId === 'string' && UUID.test(meetingId)
        ? await this.repo.meetingById(manager, meetingId, lock)
        : null;
    if (!row || !meetingVisible(caller.principal, row)) {
      caller.audit.refused(
        'CoordinationMeeting',
        typeof meetingId === 'string' ? meetingId : '',
        row?.organiserOrganisationId ?? null,
      );
      throw notFound('Meeting');
    }
    return row;
  }

  private async caseContexts(
    manager: EntityManager,
    principal: Principal,
    caseIds: readonly string[],
  ): Promise<Map<string, CaseContext>> {
    const ids = [...new Set(caseIds)];
    const [rows, shares] = await Promise.all([
      this.cases.byIds(manager, readerOf(principal), ids),
      this.cases.sharing.sharesOf(manager, ids),
    ]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          row,
          edges: {
            ownerOrganisationId: row.ownerOrganisationId,
            activeShares: shares.filter((s) => s.caseId === row.id && s.active),
          },
        },
      ]),
    );
  }

  /** The case of an item the caller may change; NOT_FOUND (under `what`) otherwise. */
  private async workableCase(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    what: string,
  ): Promise<CaseContext> {
    const principal = caller.principal;
    const ctx = (await this.caseContexts(manager, principal, [caseId])).get(caseId);
    if (!ctx || !agendaCaseVisible(principal, ctx.row, ctx.edges, CaseOperation.WORK)) {
      caller.audit.refused(
        what === 'Case' ? 'Case' : 'CoordinationAgendaItem',
        caseId,
        ctx?.row.ownerOrganisationId ?? null,
      );
      throw notFound(what);
    }
    caller.audit.addPurpose(
      caseAccess(principal, ctx.row, CaseOperation.WORK)?.purpose ?? null,
      ctx.row.ownerOrganisationId,
    );
    return ctx;
  }

  // --- reading --------------------------------------------------------------------------------------

  async get(caller: Actor, meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const meeting = await this.meeting(caller, manager, meetingId);
    return this.view(caller, manager, meeting);
  }

  async list(caller: Actor, partnershipId: string): Promise<MeetingView[]> {
    requireCapability(caller.principal, Capability.MEETING_WORK);
    const principal = caller.principal;
    const pid = id('partnershipId', partnershipId);
    if (!principal.partnershipIds.includes(pid)) return [];
    const manager = this.dataSource.manager;
    const rows = await this.repo.meetingsOf(manager, pid, principal.organisationId);
    const views: MeetingView[] = [];
    for (const row of rows.slice(0, 50)) views.push(await this.view(caller, manager, row));
    return views;
  }

  /** The meeting as the caller may see it; audited by id (meeting, the items, decisions and actions shown). */
  private async view(caller: Actor, manager: EntityManager, meeting: MeetingRow): Promise<MeetingView> {
    const principal = caller.principal;
    const [attendees, items, actions] = await Promise.all([
      this.repo.attendeesOf(manager, meeting.id),
      this.repo.itemsOf(manager, meeting.id),
      this.repo.actionsOf(manager, meeting.id),
    ]);
    const contexts = await this.caseContexts(
      manager,
      principal,
      items.map((i) => i.caseId),
    );
    const carried = await this.repo.openActionsBefore(
      manager,
      meeting,
      items.map((i) => i.caseId),
    );
    caller.audit.touch(AuditAction.READ, 'CoordinationMeeting', [
      { id: meeting.id, organisationId: meeting.organiserOrganisationId },
    ]);
    const agenda = items.map((item) => this.itemView(caller, item, contexts.get(item.caseId), actions, carried));
    return {
      ...meeting,
      attendees: attendees.map((a) => ({ organisationId: a.organisationId, userId: a.userId })),
      agenda,
    };
  }

  private itemView(
    caller: Actor,
    item: AgendaItemRow,
    ctx: CaseContext | undefined,
    actions: readonly ActionRow[],
    carried: readonly ActionRow[],
  ): AgendaItemView {
    const principal = caller.principal;
    const visible = ctx !== undefined && agendaCaseVisible(principal, ctx.row, ctx.edges);
    if (!visible) {
      return {
        id: item.id,
        position: item.position,
        carriedOver: item.carriedOver,
        visible: false,
        caseId: null,
        decision: null,
        actions: [],
        carriedActions: [],
      };
    }
    const owner = ctx.row.ownerOrganisationId;
    const mine = actions.filter((a) => a.agendaItemId === item.id);
    const before = carried.filter((a) => a.caseId === item.caseId);
    caller.audit.addPurpose(caseAccess(principal, ctx.row, CaseOperation.READ)?.purpose ?? null, owner);
    caller.audit.touch(AuditAction.READ, 'CoordinationAgendaItem', [{ id: item.id, organisationId: owner }]);
    caller.audit.touch(AuditAction.READ, 'Case', [{ id: item.caseId, organisationId: owner }]);
    if (mine.length + before.length > 0)
      caller.audit.touch(
        AuditAction.READ,
        'CoordinationAction',
        [...mine, ...before].map((a) => ({ id: a.id, organisationId: owner })),
      );
    return {
      id: item.id,
      position: item.position,
      carriedOver: item.carriedOver,
      visible: true,
      caseId: item.caseId,
      decision: item.decision,
      actions: mine,
      carriedActions: before,
    };
  }

  // --- changes --------------------------------------------------------------------------------------

  async create(caller: Actor, manager: EntityManager, input: CreateMeetingInput): Promise<MeetingView> {
    requireCapability(caller.principal, Capability.MEETING_WORK);
    const principal = caller.principal;
    const partnershipId = id('partnershipId', input.partnershipId);
    if (!principal.partnershipIds.includes(partnershipId)) throw notFound('Partnership');
    const meetingOn = dateArg('meetingOn', input.meetingOn);
    const place = refuseIdentityNumber('place', boundedText('place', input.place, 200));
    const { organisations, userIds, caseIds } = attendance(principal, input);
    const users = await this.repo.usersOrganisations(manager, userIds);
    if (users.length !== userIds.length || users.some((u) => !organisations.includes(u.organisationId)))
      throw badInput(
        'attendeeUserIds',
        MeetingReason.ATTENDEE_NOT_OF_ATTENDING_ORGANISATION,
        'a person of an attending organisation',
      );
    for (const caseId of caseIds) await this.workableCase(caller, manager, caseId, 'Case');

    const meetingId = await this.repo.insertMeeting(manager, {
      partnershipId,
      meetingOn,
      place,
      organiserOrganisationId: principal.organisationId,
      createdBy: principal.userId,
    });
    await this.repo.insertAttendees(manager, meetingId, [
      ...organisations.map((organisationId) => ({ organisationId, userId: null })),
      ...users.map((u) => ({ organisationId: u.organisationId, userId: u.id })),
    ]);
    await this.repo.appendItems(manager, meetingId, caseIds, false);
    // Open actions of earlier meetings bring their cases onto this agenda.
    await this.repo.appendItems(
      manager,
      meetingId,
      await this.repo.casesWithOpenActions(manager, partnershipId, meetingId),
      true,
    );
    caller.audit.touch(AuditAction.CREATE, 'CoordinationMeeting', [
      { id: meetingId, organisationId: principal.organisationId },
    ]);
    return this.get(caller, meetingId, manager);
  }

  async addAgendaCase(caller: Actor, manager: EntityManager, meetingId: string, caseId: string): Promise<MeetingView> {
    const meeting = await this.meeting(caller, manager, meetingId, true);
    const cid = id('caseId', caseId);
    await this.workableCase(caller, manager, cid, 'Case');
    await this.repo.appendItems(manager, meeting.id, [cid], false);
    caller.audit.touch(AuditAction.UPDATE, 'CoordinationMeeting', [
      { id: meeting.id, organisationId: meeting.organiserOrganisationId },
    ]);
    return this.get(caller, meeting.id, manager);
  }

  /** The item and its case, for a change by the caller; NOT_FOUND when the caller may not see or work it. */
  private async workableItem(
    caller: Actor,
    manager: EntityManager,
    itemId: string,
  ): Promise<{ item: AgendaItemRow; ctx: CaseContext }> {
    requireCapability(caller.principal, Capability.MEETING_WORK);
    const item =
      typeof itemId === 'string' && UUID.test(itemId) ? await this.repo.itemById(manager, itemId, true) : null;
    if (!item) {
      caller.audit.refused('CoordinationAgendaItem', typeof itemId === 'string' ? itemId : '', null);
      throw notFound('Agenda item');
    }
    const meeting = await this.repo.meetingById(manager, item.meetingId);
    if (!meetingVisible(caller.principal, meeting)) {
      caller.audit.refused('CoordinationAgendaItem', item.id, meeting?.organiserOrganisationId ?? null);
      throw notFound('Agenda item');
    }
    const ctx = await this.workableCase(caller, manager, item.caseId, 'Agenda item');
    return { item, ctx };
  }

  async recordDecision(
    caller: Actor,
    manager: EntityManager,
    itemId: string,
    decision: string,
  ): Promise<AgendaItemView> {
    const { item, ctx } = await this.workableItem(caller, manager, itemId);
    const text = refuseIdentityNumber('decision', boundedText('decision', decision, 4000, true));
    // A decision is taken when the meeting is held: not before its day (meetings are not held in the future).
    checkHeldOn('decision', (await this.repo.meetingById(manager, item.meetingId))!.meetingOn, this.today());
    await this.repo.setDecision(manager, item.id, text);
    caller.audit.touch(AuditAction.UPDATE, 'CoordinationAgendaItem', [
      { id: item.id, organisationId: ctx.row.ownerOrganisationId },
    ]);
    return this.itemAfterChange(caller, manager, item.id);
  }

  async addAction(caller: Actor, manager: EntityManager, input: AddActionInput): Promise<ActionRow> {
    const { item, ctx } = await this.workableItem(caller, manager, input.agendaItemId);
    const principal = caller.principal;
    const title = refuseIdentityNumber('title', boundedText('title', input.title, 500));
    const dueOn = dateArg('dueOn', input.dueOn);
    const ownerOrganisationId = id('ownerOrganisationId', input.ownerOrganisationId);
    const meeting = (await this.repo.meetingById(manager, item.meetingId))!;
    if (
      !meeting.attendeeOrganisationIds.includes(ownerOrganisationId) ||
      !actionOwnerAllowed(ctx.edges, ownerOrganisationId)
    )
      throw badInput(
        'ownerOrganisationId',
        MeetingReason.OWNER_NOT_ATTENDING_WITH_ACCESS,
        'an attending organisation that may see the case',
      );
    const ownerUserId =
      input.ownerUserId === undefined || input.ownerUserId === null ? null : id('ownerUserId', input.ownerUserId);
    if (ownerUserId) {
      const [user] = await this.repo.usersOrganisations(manager, [ownerUserId]);
      if (!user || user.organisationId !== ownerOrganisationId)
        throw badInput(
          'ownerUserId',
          MeetingReason.OWNER_USER_NOT_OF_OWNER_ORGANISATION,
          'a person of the owner organisation',
        );
    }
    checkDueOn('dueOn', dueOn, this.today());
    const actionId = await this.repo.insertAction(manager, {
      agendaItemId: item.id,
      title,
      ownerOrganisationId,
      ownerUserId,
      dueOn,
      createdBy: principal.userId,
    });
    caller.audit.touch(AuditAction.CREATE, 'CoordinationAction', [
      { id: actionId, organisationId: ctx.row.ownerOrganisationId },
    ]);
    return (await this.repo.actionById(manager, actionId))!;
  }

  async updateActionStatus(
    caller: Actor,
    manager: EntityManager,
    actionId: string,
    status: string,
  ): Promise<ActionRow> {
    requireCapability(caller.principal, Capability.MEETING_WORK);
    const action =
      typeof actionId === 'string' && UUID.test(actionId) ? await this.repo.actionById(manager, actionId, true) : null;
    if (!action) {
      caller.audit.refused('CoordinationAction', typeof actionId === 'string' ? actionId : '', null);
      throw notFound('Action');
    }
    const { ctx } = await this.workableItem(caller, manager, action.agendaItemId).catch(() => {
      throw notFound('Action');
    });
    if (!(ACTION_STATUSES as readonly string[]).includes(status))
      throw badInput('status', InputReason.UNKNOWN_VALUE, 'unknown status');
    await this.repo.setActionStatus(manager, action.id, status);
    caller.audit.touch(AuditAction.UPDATE, 'CoordinationAction', [
      { id: action.id, organisationId: ctx.row.ownerOrganisationId },
    ]);
    return (await this.repo.actionById(manager, action.id))!;
  }

  private async itemAfterChange(caller: Actor, manager: EntityManager, itemId: string): Promise<AgendaItemView> {
    const item = (await this.repo.itemById(manager, itemId))!;
    const meeting = (await this.repo.meetingById(manager, item.meetingId))!;
    const view = await this.view(caller, manager, meeting);
    return view.agenda.find((i) => i.id === itemId)!;
  }

  // --- minutes --------------------------------------------------------------------------------------

  /**
   * The minutes as plain text (Swedish): every item the caller may see with its case, decision and
   * actions; every other item only as "not shown", so nothing of a case reaches a reader not entitled to it.
   */
  async minutes(caller: Actor, meetingId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const view = await this.get(caller, meetingId, manager);
    const orgIds = new Set<string>(view.attendees.map((a) => a.organisationId));
    for (const i of view.agenda) for (const a of [...i.actions, ...i.carriedActions]) orgIds.add(a.ownerOrganisationId);
    const names = await this.repo.organisationNames(manager, [...orgIds]);
    const text = minutesText(view, (o) => names.get(o) ?? o);
    caller.audit.touch(AuditAction.EXPORT, 'CoordinationMeeting', [
      { id: view.id, organisationId: view.organiserOrganisationId },
    ]);
    return text;
  }
}
