import { MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { OrganisationKind } from '../../identity/identity.enums';
import { AreaType } from '../../identity/dto/identity.types';

@ObjectType('IndicatorDefinition', { description: 'An anonymised detection indicator and the protection rule in force today.' })
@Policy(Capability.REFERENCE_READ)
export class IndicatorDefinitionType {
  @Field() code: string;
  @Field({ description: 'The Swedish name.' }) name: string;
  @Field() nameSv: string;
  @Field() nameEn: string;
  @Field() description: string;
  @Field(() => OrganisationKind, { description: 'The kind of organisation that records it.' }) reportedBy: OrganisationKind;
  @Field(() => Int, { description: 'Suppression threshold k: true counts 1 … k−1 are never shown to others (≥ 3).' }) threshold: number;
  @Field(() => Int, { description: 'Shown numbers of protected tables are rounded to a multiple of this.' }) roundingBase: number;
  @Field(() => DateScalar, { description: 'The day the current rule applies from (a year\'s table uses the rule in force on 1 January).' }) ruleValidFrom: string;
  @Field({ description: 'Retired indicators take no new records.' }) active: boolean;
}

@ObjectType('DetectionRecord', { description: 'A number of detections of one indicator in one area on one day. No person data.' })
@Policy(Capability.DETECTION_RECORD)
export class DetectionRecordType {
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

@ObjectType('IndicatorValue', { description: 'A published number: `value` is null exactly when `suppressed`.' })
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorValueType {
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

@ObjectType('IndicatorMonthValue')
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorMonthValueType {
  @Field(() => Int, { description: '1–12.' }) month: number;
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

@ObjectType('IndicatorTableRow')
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorTableRowType {
  @Field(() => AreaType) area: AreaType;
  @Field(() => [IndicatorMonthValueType]) cells: IndicatorMonthValueType[];
  @Field(() => IndicatorValueType) total: IndicatorValueType;
}

@ObjectType('IndicatorTable', {
  description: "Areas × months of one year with row, column and grand totals. protected: false for the caller's own organisation's exact figures.",
})
@Policy(Capability.INDICATOR_READ_PROTECTED)
export class IndicatorTableType {
  @Field() indicatorCode: string;
  @Field(() => Int) year: number;
  @Field() protected: boolean;
  @Field(() => Int, { description: 'The threshold of the rule in force on 1 January of the year.' }) threshold: number;
  @Field(() => Int, { description: 'The rounding base of that rule (protected tables only apply it).' }) roundingBase: number;
  @Field(() => [IndicatorTableRowType]) rows: IndicatorTableRowType[];
  @Field(() => [IndicatorMonthValueType]) columnTotals: IndicatorMonthValueType[];
  @Field(() => IndicatorValueType) grandTotal: IndicatorValueType;
}

@InputType()
export class RecordDetectionInput {
  @Field() @MaxLength(100) indicatorCode: string;
  @Field(() => ID) areaId: string;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD, not in the future.' }) occurredOn: Date;
  @Field(() => Int, { description: '1 to 10000.' }) count: number;
}
