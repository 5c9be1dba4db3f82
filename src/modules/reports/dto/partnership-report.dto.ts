import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { PreventionActivityStatus, PreventionActivityType } from '../../prevention/prevention-activity.entity';
import { CsvSeparator } from '../../../shared/export-file';
import { PermitStatus } from '../../cameras/camera-operation';
import '../../cameras/dto/camera.dto'; // registers the CameraPermitStatus enum
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
export class ReportCountDto {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => PreventionActivityStatus) status: PreventionActivityStatus;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportTypeTotal')
@Policy(R)
export class ReportTypeTotalDto {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportPeriod', { description: 'One quarter (1–4) or the whole year (quarter null).' })
@Policy(R)
export class ReportPeriodDto {
  @Field() period: string;
  @Field(() => Int, { nullable: true }) quarter: number | null;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int) placesCovered: number;
  @Field(() => [ReportCountDto]) byTypeAndStatus: ReportCountDto[];
}

@ObjectType('ReportYearValue')
@Policy(R)
export class ReportYearValueDto {
  @Field(() => Int) year: number;
  @Field(() => Float, { nullable: true, description: 'null: nothing measured that year.' }) value: number | null;
}

@ObjectType('CommitmentTarget', { description: 'The expected effect (förväntad effekt) of a commitment.' })
@Policy(R)
export class CommitmentTargetDto {
  @Field(() => ID) id: string;
  @Field() description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer: string | null;
  @Field(() => TargetDirection) direction: TargetDirection;
  @Field(() => Float, { description: 'A share 0–1 for SURVEY_SHARE, else a count.' }) targetValue: number;
  @Field(() => [ReportYearValueDto], { description: 'The report year and the three before it.' })
  values: ReportYearValueDto[];
  @Field(() => Boolean, { nullable: true, description: "Whether the report year's value meets the target." })
  met: boolean | null;
}

@ObjectType('ReportActions', {
  description: 'Findings of safety walks and patrols raised in the year, made actions: raised, done, still open.',
})
@Policy(R)
export class ReportActionsDto {
  @Field(() => Int) raised: number;
  @Field(() => Int) done: number;
  @Field(() => Int) open: number;
}

@ObjectType('ReportCamera', { description: 'A camera serving the commitment (docs/cameras.md): counts only.' })
@Policy(R)
export class ReportCameraDto {
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
export class ReportCommitmentDto {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) responsibleOrganisations: string[];
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field() status: string;
  @Field(() => [ReportPeriodDto]) periods: ReportPeriodDto[];
  @Field(() => [ReportTypeTotalDto]) byType: ReportTypeTotalDto[];
  @Field(() => Int, { description: 'Activities kept to their owner organisation: counted, never detailed.' })
  organisationOnlyActivities: number;
  @Field(() => [CommitmentTargetDto]) targets: CommitmentTargetDto[];
  @Field(() => ReportActionsDto) actions: ReportActionsDto;
  @Field(() => [ReportCameraDto]) cameras: ReportCameraDto[];
}

@ObjectType('ReportQuarterTotal')
@Policy(R)
export class ReportQuarterTotalDto {
  @Field(() => Int) quarter: number;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('ReportTotals')
@Policy(R)
export class ReportTotalsDto {
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int) placesCovered: number;
  @Field(() => Int) organisationOnlyActivities: number;
  @Field(() => [ReportQuarterTotalDto]) byQuarter: ReportQuarterTotalDto[];
  @Field(() => [ReportTypeTotalDto]) byType: ReportTypeTotalDto[];
}

@ObjectType('ReportTrainingRequirement')
@Policy(R)
export class ReportTrainingRequirementDto {
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
export class ReportTrainingOrganisationDto {
  @Field(() => ID) organisationId: string;
  @Field() organisationName: string;
  @Field(() => Int, { description: 'Staff × requirement pairs.' }) required: number;
  @Field(() => Int) covered: number;
  @Field(() => Float) share: number;
  @Field(() => [ReportTrainingRequirementDto]) requirements: ReportTrainingRequirementDto[];
}

@ObjectType('ReportTraining')
@Policy(R)
export class ReportTrainingDto {
  @Field({ description: 'The date the coverage is computed for (the last day of the year, or today).' }) on: string;
  @Field(() => [ReportTrainingOrganisationDto]) organisations: ReportTrainingOrganisationDto[];
}

@ObjectType('ReportIndicatorYear')
@Policy(R)
export class ReportIndicatorYearDto {
  @Field(() => Int) year: number;
  @Field(() => Int, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
}

@ObjectType('ReportIndicator', { description: 'A protected indicator of the partnership at yearly granularity.' })
@Policy(R)
export class ReportIndicatorDto {
  @Field() code: string;
  @Field() name: string;
  @Field() reportedBy: string;
  @Field(() => [ReportIndicatorYearDto]) years: ReportIndicatorYearDto[];
}

@ObjectType('SurveyAnswerShare')
@Policy(R)
export class SurveyAnswerShareDto {
  @Field() answer: string;
  @Field(() => Float) share: number;
}

@ObjectType('SurveyQuestion')
@Policy(R)
export class SurveyQuestionDto {
  @Field() question: string;
  @Field(() => [SurveyAnswerShareDto]) answers: SurveyAnswerShareDto[];
}

@ObjectType('ReportSurvey', { description: 'A safety survey (trygghetsmätning) of one area and year.' })
@Policy(R)
export class ReportSurveyDto {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field(() => ID) areaId: string;
  @Field() areaName: string;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionDto]) questions: SurveyQuestionDto[];
}

@ObjectType('ReportOrganisation')
@Policy(R)
export class ReportOrganisationDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() kind: string;
}

@ObjectType('ReportArea')
@Policy(R)
export class ReportAreaDto {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('PartnershipReport', {
  description: 'The joint yearly report of a partnership: the same numbers for every partner (docs/reports.md).',
})
@Policy(R)
export class PartnershipReportDto {
  @Field(() => ID) partnershipId: string;
  @Field() partnershipName: string;
  @Field(() => Int) year: number;
  @Field(() => [ReportOrganisationDto]) organisations: ReportOrganisationDto[];
  @Field(() => [ReportAreaDto]) areas: ReportAreaDto[];
  @Field(() => [ReportCommitmentDto]) commitments: ReportCommitmentDto[];
  @Field(() => ReportTotalsDto) totals: ReportTotalsDto;
  @Field(() => ReportTrainingDto) training: ReportTrainingDto;
  @Field(() => [ReportIndicatorDto]) indicators: ReportIndicatorDto[];
  @Field(() => [ReportSurveyDto]) surveys: ReportSurveyDto[];
}

@ObjectType('FileExport', {
  description:
    'An exported file: its name (å/ä/ö kept), media type, an RFC 6266 Content-Disposition and the bytes in base64.',
})
@Policy(Capability.SESSION_SELF)
export class FileExportDto {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() contentDisposition: string;
  @Field({ description: 'The file, base64-encoded (CSV: UTF-8 with a byte-order mark).' }) base64: string;
}

@ObjectType('SafetySurvey')
@Policy(Capability.EFFECT_RECORD)
export class SafetySurveyDto {
  @Field(() => ID) id: string;
  @Field(() => ID) partnershipId: string;
  @Field(() => ID) areaId: string;
  @Field(() => Int) year: number;
  @Field(() => Int) respondents: number;
  @Field(() => [SurveyQuestionDto]) questions: SurveyQuestionDto[];
}

@ObjectType('CommitmentTargetRecord')
@Policy(Capability.EFFECT_RECORD)
export class CommitmentTargetRecordDto {
  @Field(() => ID) id: string;
  @Field(() => ID) commitmentId: string;
  @Field() description: string;
  @Field(() => EffectMeasure) measure: EffectMeasure;
  @Field(() => String, { nullable: true }) surveyQuestion: string | null;
  @Field(() => String, { nullable: true }) surveyAnswer: string | null;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetDirection) direction: TargetDirection;
}
