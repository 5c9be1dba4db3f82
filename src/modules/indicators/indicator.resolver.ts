import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AreaDto } from '../identity/dto/identity.dto';
import {
  DetectionRecordConnection,
  DetectionRecordDto,
  IndicatorDefinitionDto,
  IndicatorTableDto,
} from './dto/indicator.dto';
import { RecordDetectionInput } from './dto/indicator.input';
import type { DetectionRecord } from './indicator.entities';
import { IndicatorGranularity } from './indicator-tables';
import type { IndicatorTable } from './indicator.service';

const toRecord = (r: DetectionRecord): DetectionRecordDto => Object.assign(new DetectionRecordDto(), r);
const toTable = (t: IndicatorTable): IndicatorTableDto =>
  Object.assign(new IndicatorTableDto(), { ...t, threshold: t.rule.threshold, roundingBase: t.rule.roundingBase });

@Resolver(() => DetectionRecordDto)
export class IndicatorResolver {
  @Query(() => [IndicatorDefinitionDto], {
    description: 'Every indicator, with the protection rule in force today (reference data: no figures).',
  })
  @Policy(Capability.REFERENCE_READ)
  async indicators(@Ctx() ctx: RequestContext): Promise<IndicatorDefinitionDto[]> {
    const list = await ctx.services.indicator.list(ctx.actor);
    return list.map((d) =>
      Object.assign(new IndicatorDefinitionDto(), {
        code: d.code,
        name: d.nameSv,
        nameSv: d.nameSv,
        nameEn: d.nameEn,
        description: d.description,
        reportedBy: d.reportedBy,
        threshold: d.rule.threshold,
        roundingBase: d.rule.roundingBase,
        ruleValidFrom: d.rule.validFrom,
        active: d.active,
      }),
    );
  }

  @Query(() => IndicatorTableDto, {
    description:
      "Areas × months (or quarters, or the year) of one year. An indicator of the caller's own organisation kind: its own exact figures (protected: false). Otherwise the protected table of the partner organisations (counts towards the daily cap), coarsened when its counts are too small.",
  })
  @Policy(Capability.INDICATOR_READ_PROTECTED)
  async indicatorTable(
    @Arg('indicatorCode') indicatorCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('granularity', () => IndicatorGranularity, { defaultValue: IndicatorGranularity.MONTH })
    granularity: IndicatorGranularity,
    @Ctx() ctx: RequestContext,
  ): Promise<IndicatorTableDto> {
    return toTable(await ctx.services.indicator.table(ctx.actor, indicatorCode, year, granularity));
  }

  @Query(() => [IndicatorTableDto], {
    description: 'indicatorTable for each year from fromYear to toYear (at most 10), each protected on its own.',
  })
  @Policy(Capability.INDICATOR_READ_PROTECTED)
  async indicatorTrend(
    @Arg('indicatorCode') indicatorCode: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('granularity', () => IndicatorGranularity, { defaultValue: IndicatorGranularity.MONTH })
    granularity: IndicatorGranularity,
    @Ctx() ctx: RequestContext,
  ): Promise<IndicatorTableDto[]> {
    return (await ctx.services.indicator.trend(ctx.actor, indicatorCode, fromYear, toYear, granularity)).map(toTable);
  }

  @Query(() => DetectionRecordConnection, {
    description:
      "The caller's organisation's detection records, newest first (when recorded), voided ones too: to find a mistaken one and void it.",
  })
  @Policy(Capability.DETECTION_RECORD)
  async detectionRecords(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: default 50, at most 200.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<DetectionRecordConnection> {
    const page = await ctx.services.indicator.records(ctx.actor, first ?? undefined, after ?? undefined);
    const connection = new DetectionRecordConnection();
    connection.edges = page.nodes.map((node, i) => ({ node: toRecord(node), cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Mutation(() => DetectionRecordDto, {
    description: "Records detections of an indicator of the caller's organisation kind.",
  })
  @Policy(Capability.DETECTION_RECORD)
  async recordDetection(
    @Arg('input', () => RecordDetectionInput) input: RecordDetectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DetectionRecordDto> {
    const manager = await ctx.transaction();
    return toRecord(await ctx.services.indicator.record(ctx.actor, manager, { ...input }));
  }

  @Mutation(() => [DetectionRecordDto], { description: 'Up to 1000 records in one call: all are stored or none.' })
  @Policy(Capability.DETECTION_RECORD)
  async recordDetections(
    @Arg('inputs', () => [RecordDetectionInput]) inputs: RecordDetectionInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<DetectionRecordDto[]> {
    const manager = await ctx.transaction();
    return (
      await ctx.services.indicator.recordBulk(
        ctx.actor,
        manager,
        inputs.map((i) => ({ ...i })),
      )
    ).map(toRecord);
  }

  @Mutation(() => DetectionRecordDto, {
    description: "Voids a record of the caller's organisation (kept, no longer counted).",
  })
  @Policy(Capability.DETECTION_RECORD)
  async voidDetection(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DetectionRecordDto> {
    const manager = await ctx.transaction();
    return toRecord(await ctx.services.indicator.void(ctx.actor, manager, id, reason));
  }

  @FieldResolver(() => AreaDto)
  async area(@Root() r: DetectionRecordDto, @Ctx() ctx: RequestContext): Promise<AreaDto> {
    const area = await ctx.loaders.area.load(r.areaId);
    if (!area) throw notFound('Area');
    return area;
  }
}
