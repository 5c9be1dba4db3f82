import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { OrganisationKind } from '../../identity/identity.enums';
import { AreaDto } from '../../identity/dto/identity.dto';
import { IndicatorGranularity } from '../indicator-tables';

registerEnumType(IndicatorGranularity, {
  name: 'IndicatorGranularity',
  description: 'The period of the cells of an indicator table.',
  valuesConfig: {
    MONTH: { description: '12 months.' },
    QUARTER: { description: '4 quarters.' },
    YEAR: { description: 'The whole year.' },
  },
});

@ObjectType('IndicatorDefinition', {
  description: 'An anonymised detection indicator and the protection rule in force today.',
})
@Policy(Capability.REFERENCE_READ)
export class IndicatorDefinitionDto {
  @Field() code: string;
  @Field({ description: 'The Swedish name.' }) name: string;
  @Field() nameSv: string;
  @Field() nameEn: string;
  @Field() description: string;
  @Field(() => OrganisationKind, { description: 'The kind of organisation that records it.' })
  reportedBy: OrganisationKind;
  @Field(() => Int, { description: 'Suppression threshold k: true counts 1 … k−1 are never shown to others (≥ 3).' })
  threshold: number;
  @Field(() => Int, { description: 'Shown numbers of protected tables are rounded to a multiple of this.' })
  roundingBase: number;
  @Field(() => DateScalar, {
    description: "The day the current rule applies from (a year's table uses the rule in force on 1 January).",
  })
  ruleValidFrom: string;
  @Field({ description: 'Retired indicators take no new records.' }) active: boolean;
}

@ObjectType('DetectionRecord', {
  description: 'A number of detections of one indicator in one area on one day. No person data.',
})
@Policy(Capability.DETECTION_RECORD)
export class DetectionRecordDto {
  @Field(() => ID) id: string;
  @Field() indicatorCode: string;
  @Field(() => DateScalar) occurredOn: string;
  @Field(() => Int) count: number;
  @Field() recordedAt: Date;
  @Field(() => Date, { nullable: true }) voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;
  areaId: string;
  organisationId: string;
}

@ObjectType('DetectionRecordEdge')
@Policy(Capability.DETECTION_RECORD)
export class DetectionRecordEdge {
  @Field(() => DetectionRecordDto) node: DetectionRecordDto;
  @Field() cursor: string;
}

@ObjectType('DetectionRecordConnection', {
  description: "The caller's organisation's detection records, newest first.",
})
@Policy(Capability.DETECTION_RECORD)
export class DetectionRecordConnection {
  @Field(() => [DetectionRecordEdge]) edges: DetectionRecordEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  count: () => Promise<number>;
  @Field(() => Int, { description: 'Voided records included.' }) totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('IndicatorValue', {
  description: 'A published number: `value` is null exactly when `suppressed` (not published yet).',
})
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorValueDto {
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

@ObjectType('IndicatorMonthValue')
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorMonthValueDto {
  @Field(() => Int, { description: 'The first month (1–12) of the period.' }) month: number;
  @Field(() => Int, { description: 'The period: 1–12 (MONTH), 1–4 (QUARTER) or 1 (YEAR).' }) period: number;
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field({ description: 'true when value is null: the period is not published to partners yet.' }) suppressed: boolean;
  @Field({ description: 'false: not published to partners yet (see docs/indicator-protection.md, "Time").' })
  published: boolean;
}

@ObjectType('IndicatorTableRow')
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorTableRowDto {
  @Field(() => AreaDto) area: AreaDto;
  @Field(() => [IndicatorMonthValueDto]) cells: IndicatorMonthValueDto[];
  @Field(() => IndicatorValueDto) total: IndicatorValueDto;
}

@ObjectType('IndicatorTable', {
  description:
    "Areas × periods of one year with row, column and grand totals. protected: false for the caller's own organisation's exact figures; protected: true for partners' figures under the cell-key method (docs/indicator-protection.md), where every total is the sum of the published cells it covers.",
})
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorTableDto {
  @Field() indicatorCode: string;
  @Field(() => Int) year: number;
  @Field() protected: boolean;
  @Field(() => Int, { description: 'The threshold of the rule in force on 1 January of the year.' }) threshold: number;
  @Field(() => Int, { description: 'The rounding base of that rule (protected tables only apply it).' })
  roundingBase: number;
  @Field(() => IndicatorGranularity, {
    description: 'The period of the cells: the one asked for, or a coarser one when coarsened.',
  })
  granularity: IndicatorGranularity;
  @Field(() => IndicatorGranularity) requestedGranularity: IndicatorGranularity;
  @Field({
    description:
      'true: the expected counts per cell were too small for the granularity asked for, so a coarser one is served.',
  })
  coarsened: boolean;
  @Field(() => [IndicatorTableRowDto]) rows: IndicatorTableRowDto[];
  @Field(() => [IndicatorMonthValueDto]) columnTotals: IndicatorMonthValueDto[];
  @Field(() => IndicatorValueDto) grandTotal: IndicatorValueDto;
}
