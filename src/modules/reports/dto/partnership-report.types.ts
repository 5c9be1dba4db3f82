import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { PreventionActivityStatus, PreventionActivityType } from '../../prevention/prevention-activity.entity';
import { CsvSeparator } from '../../../shared/export-file';
import { PermitStatus } from '../../cameras/camera-operation';
import '../../cameras/dto/camera.types'; // registers the CameraPermitStatus enum
import { EffectMeasure, TargetDirection } from '../effect.entities';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  PDF = 'PDF',
}

registerEnumType(ExportFormat, { name: 'ExportFormat', description: 'The file format of an export.' });
registerEnumType(CsvSeparator, {
  name: 'CsvSeparator',
  description: 'SEMICOLON: Swedish Excel (`;`, decimal comma; the default). COMMA: `,` and a decimal point.',
});
registerEnumType(EffectMeasure, { name: 'EffectMeasure', description: 'What a commitment target measures.' });
registerEnumType(TargetDirection, { name: 'TargetDirection' });

const R = Capability.PARTNERSHIP_REPORT_READ;

@ObjectType('ReportCount')
@Policy(R)
export class ReportCountType {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => PreventionActivityStatus) status: PreventionActivityStatus;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportTypeTotal')
@Policy(R)
export class ReportTypeTotalType {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportPeriod', { description: 'One quarter (1–4) or the whole year (quarter null).' })
@Policy(R)
export class ReportPeriodType {
  @Field() period: string;
  @Field(() => Int, { nullable: true }) quarter: number | null;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int) placesCovered: number;
  @Field(() => [ReportCountType]) byTypeAndStatus: ReportCountType[];
}

@ObjectType('ReportYearValue')
@Policy(R)
export class ReportYearValueType {
  @Field(() => Int) year: number;
  @Field(() => Float, { nullable: true, description: 'null: nothing measured that year.' }) value: number | null;
}

@ObjectType('CommitmentTarget', { description: 'The expected effect (förväntad effekt) of a commitment.' })
@Policy(R)
export class CommitmentTargetType {
  @Field(() => ID) id: string;
  @Field() description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer: string | null;
  @Field(() => TargetDirection) direction: TargetDirection;
  @Field(() => Float, { description: 'A share 0–1 for SURVEY_SHARE, else a count.' }) targetValue: number;
  @Field(() => [ReportYearValueType], { description: 'The report year and the three before it.' })
  values: ReportYearValueType[];
  @Field(() => Boolean, { nullable: true, description: "Whether the report year's value meets the target." })
  met: boolean | null;
}

@ObjectType('ReportActions', {
  description: 'Findings of safety walks and patrols raised in the year, made actions: raised, done, still open.',
})
@Policy(R)
export class ReportActionsType {
  @Field(() => Int) raised: number;
  @Field(() => Int) done: number;
  @Field(() => Int) open: number;
}

@ObjectType('ReportCamera', { description: 'A camera serving the commitment (docs/cameras.md): counts only.' })
@Policy(R)
export class ReportCameraType {
  @Field() name: string;
  @Field(() => Int, { description: 'Days in operation in the year up to today, outages excluded.' })
  daysInOperation: number;
  @Field(() => Int) footageRequestsReceived: number;
  @Field(() => Int, { description: 'Wholly or partly handed over.' }) footageRequestsHandedOver: number;
  @Field() permitValidUntil: string;
  @Field(() => PermitStatus) permitStatus: PermitStatus;
}

@ObjectType('ReportCommitment')
@Policy(R)
export class ReportCommitmentType {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) responsibleOrganisations: string[];
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field() status: string;
  @Field(() => [ReportPeriodType]) periods: ReportPeriodType[];
  @Field(() => [ReportTypeTotalType]) byType: ReportTypeTotalType[];
  @Field(() => Int, { description: 'Activities kept to their owner organisation: counted, never detailed.' })
  organisationOnlyActivities: number;
  @Field(() => [CommitmentTargetType]) targets: CommitmentTargetType[];
  @Field(() => ReportActionsType) actions: ReportActionsType;
  @Field(() => [ReportCameraType]) cameras: ReportCameraType[];
}

@ObjectType('ReportQuarterTotal')
@Policy(R)
export class ReportQuarterTotalType {
  @Field(() => Int) quarter: number;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportTotals')
@Policy(R)
export class ReportTotalsType {
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int) placesCovered: number;
  @Field(() => Int) organisationOnlyActivities: number;
  @Field(() => [ReportQuarterTotalType]) byQuarter: ReportQuarterTotalType[];
  @Field(() => [ReportTypeTotalType]) byType: ReportTypeTotalType[];
}

@ObjectType('ReportTrainingRequirement')
@Policy(R)
export class ReportTrainingRequirementType {
  @Field() courseCode: string;
  @Field() courseTitle: string;
  @Field(() => String, { nullable: true }) role: string | null;
  @Field() unit: string;
  @Field(() => Int) staffCount: number;
  @Field(() => Int) coveredCount: number;
  @Field(() => Float) share: number;
}

@ObjectType('ReportTrainingOrganisation', { description: 'Coverage of one organisation: counts, never names.' })
@Policy(R)
export class ReportTrainingOrganisationType {
  @Field(() => ID) organisationId: string;
  @Field() organisationName: string;
  @Field(() => Int, { description: 'Staff × requirement pairs.' }) required: number;
  @Field(() => Int) covered: number;
  @Field(() => Float) share: number;
  @Field(() => [ReportTrainingRequirementType]) requirements: ReportTrainingRequirementType[];
}

@ObjectType('ReportTraining')
@Policy(R)
export class ReportTrainingType {
  @Field({ description: 'The date the coverage is computed for (the last day of the year, or today).' }) on: string;
  @Field(() => [ReportTrainingOrganisationType]) organisations: ReportTrainingOrganisationType[];
}

@ObjectType('ReportIndicatorYear')
@Policy(R)
export class ReportIndicatorYearType {
  @Field(() => Int) year: number;
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

@ObjectType('ReportIndicator', { description: 'A protected indicator of the partnership at yearly granularity.' })
@Policy(R)
export class ReportIndicatorType {
  @Field() code: string;
  @Field() name: string;
  @Field() reportedBy: string;
  @Field(() => [ReportIndicatorYearType]) years: ReportIndicatorYearType[];
}

@ObjectType('SurveyAnswerShare')
@Policy(R)
export class SurveyAnswerShareType {
  @Field() answer: string;
  @Field(() => Float) share: number;
}

@ObjectType('SurveyQuestion')
@Policy(R)
export class SurveyQuestionType {
  @Field() question: string;
  @Field(() => [SurveyAnswerShareType]) answers: SurveyAnswerShareType[];
}

@ObjectType('ReportSurvey', { description: 'A safety survey (trygghetsmätning) of one area and year.' })
@Policy(R)
export class ReportSurveyType {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field(() => ID) areaId: string;
  @Field() areaName: string;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionType]) questions: SurveyQuestionType[];
}

@ObjectType('ReportOrganisation')
@Policy(R)
export class ReportOrganisationType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() kind: string;
}

@ObjectType('ReportArea')
@Policy(R)
export class ReportAreaType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('PartnershipReport', {
  description: 'The joint yearly report of a partnership: the same numbers for every partner (docs/reports.md).',
})
@Policy(R)
export class PartnershipReportType {
  @Field(() => ID) partnershipId: string;
  @Field() partnershipName: string;
  @Field(() => Int) year: number;
  @Field(() => [ReportOrganisationType]) organisations: ReportOrganisationType[];
  @Field(() => [ReportAreaType]) areas: ReportAreaType[];
  @Field(() => [ReportCommitmentType]) commitments: ReportCommitmentType[];
  @Field(() => ReportTotalsType) totals: ReportTotalsType;
  @Field(() => ReportTrainingType) training: ReportTrainingType;
  @Field(() => [ReportIndicatorType]) indicators: ReportIndicatorType[];
  @Field(() => [ReportSurveyType]) surveys: ReportSurveyType[];
}

@ObjectType('FileExport', {
  description:
    'An exported file: its name (å/ä/ö kept), media type, an RFC 6266 Content-Disposition and the bytes in base64.',
})
@Policy(Capability.SESSION_SELF)
export class FileExportType {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() contentDisposition: string;
  @Field({ description: 'The file, base64-encoded (CSV: UTF-8 with a byte-order mark).' }) base64: string;
}

@ObjectType('SafetySurvey')
@Policy(Capability.EFFECT_RECORD)
export class SafetySurveyType {
  @Field(() => ID) id: string;
  @Field(() => ID) partnershipId: string;
  @Field(() => ID) areaId: string;
  @Field(() => Int) year: number;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionType]) questions: SurveyQuestionType[];
}

@InputType()
export class SurveyAnswerShareInput {
  @Field() @MaxLength(100) answer: string;
  @Field(() => Float, { description: '0 to 1.' }) share: number;
}

@InputType()
export class SurveyQuestionInput {
  @Field() @MaxLength(300) question: string;
  @Field(() => [SurveyAnswerShareInput]) @ArrayMaxSize(10) answers: SurveyAnswerShareInput[];
}

@InputType()
export class RecordSafetySurveyInput {
  @Field(() => ID) partnershipId: string;
  @Field(() => ID) areaId: string;
  @Field(() => Int) year: number;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionInput]) @ArrayMaxSize(50) questions: SurveyQuestionInput[];
}

@InputType()
export class CommitmentTargetInput {
  @Field(() => ID) commitmentId: string;
  @Field({ description: 'The expected effect in words; a target of the same description is replaced.' })
  @MaxLength(300)
  description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion?: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer?: string | null;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetDirection) direction: TargetDirection;
}

@ObjectType('CommitmentTargetRecord')
@Policy(Capability.EFFECT_RECORD)
export class CommitmentTargetRecordType {
  @Field(() => ID) id: string;
  @Field(() => ID) commitmentId: string;
  @Field() description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer: string | null;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetDirection) direction: TargetDirection;
}
