import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import {
  AddCaseNoteInput,
  CreateCaseTaskInput,
  RecordCaseMeetingInput,
  RecordRiskAssessmentInput,
  UpdateCaseTaskInput,
} from './dto/case.input';
import { CaseDto, CaseMeetingDto, CaseNoteDto, CaseTaskDto, RiskAssessmentDto } from './dto/case.dto';

/** The work inside a case: tasks, meetings, notes, risk assessments. */
@Resolver(() => CaseDto)
export class CaseWorkResolver {
  @Mutation(() => CaseTaskDto)
  @Policy(Capability.CASE_READ)
  async createCaseTask(@Arg('input') input: CreateCaseTaskInput, @Ctx() ctx: RequestContext): Promise<CaseTaskDto> {
    return ctx.services.cases.work.createTask(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseTaskDto, { description: 'Absent fields stay as they are.' })
  @Policy(Capability.CASE_READ)
  async updateCaseTask(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCaseTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTaskDto> {
    return ctx.services.cases.work.updateTask(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @Mutation(() => CaseMeetingDto)
  @Policy(Capability.CASE_READ)
  async recordCaseMeeting(
    @Arg('input') input: RecordCaseMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMeetingDto> {
    return ctx.services.cases.work.recordMeeting(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseNoteDto, { description: 'The text is never written to the audit log, the history or any log.' })
  @Policy(Capability.CASE_READ)
  async addCaseNote(@Arg('input') input: AddCaseNoteInput, @Ctx() ctx: RequestContext): Promise<CaseNoteDto> {
    return ctx.services.cases.work.addNote(
      ctx.actor,
      await ctx.transaction(),
      input.caseId,
      input.text,
      input.audience,
    );
  }

  @Mutation(() => RiskAssessmentDto, {
    description:
      "Records the caller's assessment; FREDA, SARA:SV and PATRIARK need the caller's valid certificate for the method's course (FORBIDDEN otherwise).",
  })
  @Policy(Capability.CASE_READ)
  async recordRiskAssessment(
    @Arg('input') input: RecordRiskAssessmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskAssessmentDto> {
    return ctx.services.cases.work.recordAssessment(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }
}
