import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { CsvSeparator } from '../../shared/export-file';
import { AuditAction } from '../audit/audit.recorder';
import { CommitmentTargetInput, RecordSafetySurveyInput } from './dto/partnership-report.input';
import {
  CommitmentTargetRecordDto,
  ExportFormat,
  FileExportDto,
  PartnershipReportDto,
  SafetySurveyDto,
} from './dto/partnership-report.dto';
import { exportFile } from './export-file.service';
import { reportDocument } from './report-export';

@Resolver()
export class PartnershipReportResolver {
  @Query(() => PartnershipReportDto, {
    description:
      "The joint yearly report of a partnership of the caller's organisation: the same numbers for every partner.",
  })
  @Policy(Capability.PARTNERSHIP_REPORT_READ)
  async partnershipReport(
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnershipReportDto> {
    return (await ctx.services.partnershipReport.report(ctx.actor, partnershipId, year)) as PartnershipReportDto;
  }

  @Query(() => FileExportDto, { description: 'The yearly report as CSV, xlsx or PDF; audited as EXPORT.' })
  @Policy(Capability.PARTNERSHIP_REPORT_READ)
  @AuditAs(AuditAction.EXPORT)
  async exportPartnershipReport(
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('year', () => Int) year: number,
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() ctx: RequestContext,
    @Arg('separator', () => CsvSeparator, { defaultValue: CsvSeparator.SEMICOLON }) separator: CsvSeparator,
  ): Promise<FileExportDto> {
    const report = await ctx.services.partnershipReport.report(ctx.actor, partnershipId, year);
    ctx.audit.action = AuditAction.EXPORT;
    ctx.audit.touch(AuditAction.EXPORT, 'PartnershipReport', [{ id: `${report.partnershipId}:${year}` }]);
    return exportFile(reportDocument(report), `Årsrapport ${report.partnershipName} ${year}`, format, separator);
  }

  @Mutation(() => SafetySurveyDto, {
    description: 'Records (or replaces) the safety survey (trygghetsmätning) of an area of the partnership and a year.',
  })
  @Policy(Capability.EFFECT_RECORD)
  async recordSafetySurvey(
    @Arg('input', () => RecordSafetySurveyInput) input: RecordSafetySurveyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SafetySurveyDto> {
    const manager = await ctx.transaction();
    return ctx.services.effects.recordSurvey(ctx.actor, manager, {
      ...input,
      questions: input.questions.map((q) => ({ question: q.question, answers: q.answers.map((a) => ({ ...a })) })),
    });
  }

  @Mutation(() => CommitmentTargetRecordDto, {
    description:
      'Sets the expected effect (förväntad effekt) of a commitment; one of the same description is replaced.',
  })
  @Policy(Capability.EFFECT_RECORD)
  async setCommitmentTarget(
    @Arg('partnershipId', () => ID) partnershipId: string,
    @Arg('input', () => CommitmentTargetInput) input: CommitmentTargetInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CommitmentTargetRecordDto> {
    const manager = await ctx.transaction();
    return ctx.services.effects.setTarget(ctx.actor, manager, partnershipId, { ...input });
  }
}
