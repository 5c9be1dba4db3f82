import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import {
  AddCaseNoteInput,
  CaseMeetingType,
  CaseNoteType,
  CaseTaskType,
  CaseType,
  CreateCaseTaskInput,
  RecordCaseMeetingInput,
  RecordRiskAssessmentInput,
  RiskAssessmentType,
  UpdateCaseTaskInput,
} from './dto/case.types';

/** The work inside a case: tasks, meetings, notes, risk assessments. */
@Resolver(() => CaseType)
export class CaseWorkResolver {
  @Mutation(() => CaseTaskType)
  @Policy(Capability.CASE_READ)
  async createCaseTask(@Arg('input') input: CreateCaseTaskInput, @Ctx() ctx: RequestContext): Promise<CaseTaskType> {
    return ctx.services.cases.work.createTask(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseTaskType, { description: 'Absent fields stay as they are.' })
  @Policy(Capability.CASE_READ)
  async updateCaseTask(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCaseTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTaskType> {
    return ctx.services.cases.work.updateTask(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @Mutation(() => CaseMeetingType)
  @Policy(Capability.CASE_READ)
  async recordCaseMeeting(
    @Arg('input') input: RecordCaseMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMeetingType> {
    return ctx.services.cases.work.recordMeeting(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseNoteType, { description: 'The text is never written to the audit log, the history or any log.' })
  @Policy(Capability.CASE_READ)
  async addCaseNote(@Arg('input') input: AddCaseNoteInput, @Ctx() ctx: RequestContext): Promise<CaseNoteType> {
    return ctx.services.cases.work.addNote(
      ctx.actor,
      await ctx.transaction(),
      input.caseId,
      input.text,
      input.audience,
    );
  }

  @Mutation(() => RiskAssessmentType, {
    description:
      "Records the caller's assessment; FREDA, SARA:SV and PATRIARK need the caller's valid certificate for the method's course (FORBIDDEN otherwise).",
  })
  @Policy(Capability.CASE_READ)
  async recordRiskAssessment(
    @Arg('input') input: RecordRiskAssessmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskAssessmentType> {
    return ctx.services.cases.work.recordAssessment(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }
}
