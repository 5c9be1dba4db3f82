import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import { CaseTaskStatus } from '../cases/case.entities';
import {
  AddMeetingActionInput,
  CoordinationMeetingType,
  CreateCoordinationMeetingInput,
  MeetingActionType,
  MeetingAgendaItemType,
} from './dto/meeting.types';

@Resolver(() => CoordinationMeetingType)
export class MeetingResolver {
  @Query(() => CoordinationMeetingType, {
    description: "A meeting the caller's organisation attends; NOT_FOUND otherwise.",
  })
  @Policy(Capability.MEETING_WORK)
  async coordinationMeeting(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingType> {
    return ctx.services.meetings.get(ctx.actor, id) as Promise<CoordinationMeetingType>;
  }

  @Query(() => [CoordinationMeetingType], {
    description:
      "Meetings of one of the caller's partnerships that its organisation attends, newest first (at most 50).",
  })
  @Policy(Capability.MEETING_WORK)
  async coordinationMeetings(
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingType[]> {
    return ctx.services.meetings.list(ctx.actor, partnershipId) as Promise<CoordinationMeetingType[]>;
  }

  @Query(() => String, {
    description:
      'The minutes as plain text (Swedish). Items about cases the caller may not read appear without any case content. Audited as EXPORT.',
  })
  @Policy(Capability.MEETING_WORK)
  @AuditAs(AuditAction.EXPORT)
  async exportMeetingMinutes(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.services.meetings.minutes(ctx.actor, id);
  }

  @Mutation(() => CoordinationMeetingType, {
    description:
      "Calls a meeting of one of the caller's partnerships; cases with open actions from earlier meetings come onto its agenda.",
  })
  @Policy(Capability.MEETING_WORK)
  async createCoordinationMeeting(
    @Arg('input') input: CreateCoordinationMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingType> {
    return ctx.services.meetings.create(ctx.actor, await ctx.transaction(), {
      ...input,
    }) as Promise<CoordinationMeetingType>;
  }

  @Mutation(() => CoordinationMeetingType, { description: 'Puts a case the caller may work on the agenda.' })
  @Policy(Capability.MEETING_WORK)
  async addMeetingAgendaCase(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingType> {
    return ctx.services.meetings.addAgendaCase(
      ctx.actor,
      await ctx.transaction(),
      meetingId,
      caseId,
    ) as Promise<CoordinationMeetingType>;
  }

  @Mutation(() => MeetingAgendaItemType, {
    description: 'Records the decision on an agenda item (at most 4,000 characters).',
  })
  @Policy(Capability.MEETING_WORK)
  async recordAgendaDecision(
    @Arg('agendaItemId', () => ID) agendaItemId: string,
    @Arg('decision') decision: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingAgendaItemType> {
    return ctx.services.meetings.recordDecision(
      ctx.actor,
      await ctx.transaction(),
      agendaItemId,
      decision,
    ) as Promise<MeetingAgendaItemType>;
  }

  @Mutation(() => MeetingActionType, { description: 'Adds an action to an agenda item.' })
  @Policy(Capability.MEETING_WORK)
  async addMeetingAction(
    @Arg('input') input: AddMeetingActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingActionType> {
    return ctx.services.meetings.addAction(ctx.actor, await ctx.transaction(), {
      ...input,
    }) as Promise<MeetingActionType>;
  }

  @Mutation(() => MeetingActionType, { description: "Changes an action's status." })
  @Policy(Capability.MEETING_WORK)
  async updateMeetingAction(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => CaseTaskStatus) status: CaseTaskStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingActionType> {
    return ctx.services.meetings.updateActionStatus(
      ctx.actor,
      await ctx.transaction(),
      id,
      status,
    ) as Promise<MeetingActionType>;
  }
}
