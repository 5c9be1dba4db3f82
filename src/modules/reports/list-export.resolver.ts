import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { CsvSeparator } from '../../shared/export-file';
import { AuditAction } from '../audit/audit.recorder';
import { IndicatorGranularity } from '../indicators/indicator-tables';
import { PreventionActivityFilter } from '../prevention/dto/prevention-activity.input';
import type { PreventionActivity } from '../prevention/prevention-activity.entity';
import { ExportFormat, FileExportDto } from './dto/partnership-report.dto';
import { exportFile } from './export-file.service';
import { activitiesDocument, coverageDocument, indicatorDocument } from './list-exports';

/** At most this many activities in one exported list. */
export const MAX_EXPORT_ACTIVITIES = 5000;

/** Files of the existing lists and reports, in the formats of docs/reports.md; each audited as EXPORT. */
@Resolver()
export class ListExportResolver {
  @Query(() => FileExportDto, {
    description: `The activities the caller may see (newest first, at most ${MAX_EXPORT_ACTIVITIES}) as CSV, xlsx or PDF.`,
  })
  @Policy(Capability.ACTIVITY_READ)
  @AuditAs(AuditAction.EXPORT)
  async exportPreventionActivities(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PreventionActivityFilter, { nullable: true }) filter?: PreventionActivityFilter,
    @Arg('separator', () => CsvSeparator, { defaultValue: CsvSeparator.SEMICOLON }) separator?: CsvSeparator,
  ): Promise<FileExportDto> {
    const activities: PreventionActivity[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await ctx.services.preventionActivity.list(ctx.actor, { ...(filter ?? {}) }, 100, after);
      activities.push(...page.nodes);
      if (!page.hasNextPage || activities.length >= MAX_EXPORT_ACTIVITIES) break;
      after = page.nodes.length > 0 ? page.cursor(page.nodes.length - 1) : undefined;
    }
    const list = activities.slice(0, MAX_EXPORT_ACTIVITIES);
    const [owners, areas, places, commitments] = await Promise.all([
      ctx.loaders.organisation.loadMany([...new Set(list.map((a) => a.organisationId))]),
      ctx.loaders.area.loadMany([...new Set(list.map((a) => a.areaId))]),
      ctx.loaders.place.loadMany([...new Set(list.flatMap((a) => (a.placeId ? [a.placeId] : [])))]),
      ctx.loaders.commitment.loadMany([...new Set(list.flatMap((a) => (a.commitmentId ? [a.commitmentId] : [])))]),
    ]);
    const names = <T extends { id: string; name?: string; title?: string }>(rows: (T | Error | null)[]) =>
      new Map(
        rows.flatMap((r) => (r === null || r instanceof Error ? [] : [[r.id, r.name ?? r.title ?? ''] as const])),
      );
    const [o, a, p, c] = [names(owners), names(areas), names(places), names(commitments)];
    ctx.audit.action = AuditAction.EXPORT;
    const doc = activitiesDocument(list, {
      owner: (id) => o.get(id) ?? '',
      area: (id) => a.get(id) ?? '',
      place: (id) => (id ? (p.get(id) ?? '') : ''),
      commitment: (id) => (id ? (c.get(id) ?? '') : ''),
    });
    return exportFile(doc, 'Förebyggande aktiviteter', format, separator);
  }

  @Query(() => FileExportDto, { description: 'The coverage report (own organisation) as CSV, xlsx or PDF.' })
  @Policy(Capability.TRAINING_REPORT)
  @AuditAs(AuditAction.EXPORT)
  async exportTrainingCoverageFile(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true }) on?: string,
    @Arg('separator', () => CsvSeparator, { defaultValue: CsvSeparator.SEMICOLON }) separator?: CsvSeparator,
  ): Promise<FileExportDto> {
    const report = await ctx.services.training.reports.coverage(ctx.actor, on);
    ctx.audit.action = AuditAction.EXPORT;
    return exportFile(coverageDocument(report.on, report.rows), `Utbildningstäckning ${report.on}`, format, separator);
  }

  @Query(() => FileExportDto, {
    description: 'An indicator table (protected for partners, exact for the own organisation) as CSV, xlsx or PDF.',
  })
  @Policy(Capability.INDICATOR_READ_PROTECTED)
  @AuditAs(AuditAction.EXPORT)
  async exportIndicatorTable(
    @Arg('indicatorCode') indicatorCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() ctx: RequestContext,
    @Arg('granularity', () => IndicatorGranularity, { defaultValue: IndicatorGranularity.MONTH })
    granularity: IndicatorGranularity,
    @Arg('separator', () => CsvSeparator, { defaultValue: CsvSeparator.SEMICOLON }) separator?: CsvSeparator,
  ): Promise<FileExportDto> {
    const table = await ctx.services.indicator.table(ctx.actor, indicatorCode, year, granularity);
    const definition = (await ctx.services.indicator.list(ctx.actor)).find((d) => d.code === table.indicatorCode);
    ctx.audit.action = AuditAction.EXPORT;
    const name = definition?.nameSv ?? table.indicatorCode;
    return exportFile(indicatorDocument(name, table), `${name} ${year}`, format, separator);
  }
}
