import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import { CaseTaskStatus } from '../cases/case.entities';
import { AddMeetingActionInput, CreateCoordinationMeetingInput } from './dto/meeting.input';
import { CoordinationMeetingDto, MeetingActionDto, MeetingAgendaItemDto } from './dto/meeting.dto';

@Resolver(() => CoordinationMeetingDto)
export class MeetingResolver {
  @Query(() => CoordinationMeetingDto, {
    description: "A meeting the caller's organisation attends; NOT_FOUND otherwise.",
  })
  @Policy(Capability.MEETING_WORK)
  async coordinationMeeting(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingDto> {
    return ctx.services.meetings.get(ctx.actor, id) as Promise<CoordinationMeetingDto>;
  }

  @Query(() => [CoordinationMeetingDto], {
    description:
      "Meetings of one of the caller's partnerships that its organisation attends, newest first (at most 50).",
  })
  @Policy(Capability.MEETING_WORK)
  async coordinationMeetings(
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingDto[]> {
    return ctx.services.meetings.list(ctx.actor, partnershipId) as Promise<CoordinationMeetingDto[]>;
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

  @Mutation(() => CoordinationMeetingDto, {
    description:
      "Calls a meeting of one of the caller's partnerships; cases with open actions from earlier meetings come onto its agenda.",
  })
  @Policy(Capability.MEETING_WORK)
  async createCoordinationMeeting(
    @Arg('input') input: CreateCoordinationMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingDto> {
    return ctx.services.meetings.create(ctx.actor, await ctx.transaction(), {
      ...input,
    }) as Promise<CoordinationMeetingDto>;
  }

  @Mutation(() => CoordinationMeetingDto, { description: 'Puts a case the caller may work on the agenda.' })
  @Policy(Capability.MEETING_WORK)
  async addMeetingAgendaCase(
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CoordinationMeetingDto> {
    return ctx.services.meetings.addAgendaCase(
      ctx.actor,
      await ctx.transaction(),
      meetingId,
      caseId,
    ) as Promise<CoordinationMeetingDto>;
  }

  @Mutation(() => MeetingAgendaItemDto, {
    description: 'Records the decision on an agenda item (at most 4,000 characters).',
  })
  @Policy(Capability.MEETING_WORK)
  async recordAgendaDecision(
    @Arg('agendaItemId', () => ID) agendaItemId: string,
    @Arg('decision') decision: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingAgendaItemDto> {
    return ctx.services.meetings.recordDecision(
      ctx.actor,
      await ctx.transaction(),
      agendaItemId,
      decision,
    ) as Promise<MeetingAgendaItemDto>;
  }

  @Mutation(() => MeetingActionDto, { description: 'Adds an action to an agenda item.' })
  @Policy(Capability.MEETING_WORK)
  async addMeetingAction(
    @Arg('input') input: AddMeetingActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingActionDto> {
    return ctx.services.meetings.addAction(ctx.actor, await ctx.transaction(), {
      ...input,
    }) as Promise<MeetingActionDto>;
  }

  @Mutation(() => MeetingActionDto, { description: "Changes an action's status." })
  @Policy(Capability.MEETING_WORK)
  async updateMeetingAction(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => CaseTaskStatus) status: CaseTaskStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingActionDto> {
    return ctx.services.meetings.updateActionStatus(
      ctx.actor,
      await ctx.transaction(),
      id,
      status,
    ) as Promise<MeetingActionDto>;
  }
}
