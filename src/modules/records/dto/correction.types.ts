import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { CorrectionReason } from '../correction.entity';

registerEnumType(CorrectionReason, {
  name: 'CorrectionReason',
  description: 'Why a record was corrected (a code: it is written to the audit log).',
});

export enum CorrectableCaseRecord {
  CaseNote = 'CaseNote',
  CaseMeeting = 'CaseMeeting',
  RiskAssessment = 'RiskAssessment',
}
registerEnumType(CorrectableCaseRecord, {
  name: 'CorrectableCaseRecord',
  description: 'CaseNote (its text), CaseMeeting (its decisions) or RiskAssessment (its level).',
});

export enum CorrectableActivityField {
  title = 'title',
  description = 'description',
  outcomeNotes = 'outcomeNotes',
}
registerEnumType(CorrectableActivityField, { name: 'CorrectableActivityField' });

@ObjectType('RecordCorrection', {
  description:
    "A correction (rättelse) of one field: the previous value, kept for the author organisation's auditors and never shown to partners.",
})
@Policy(Capability.AUDIT_READ)
export class RecordCorrectionType {
  @Field(() => ID) id: string;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field() field: string;
  @Field(() => String, { nullable: true, description: 'The value before this correction.' })
  previousValue: string | null;
  @Field(() => CorrectionReason) reasonCode: CorrectionReason;
  @Field(() => ID) correctedBy: string;
  @Field() correctedAt: Date;
}

@InputType()
export class CorrectCaseRecordInput {
  @Field(() => CorrectableCaseRecord) entityType: CorrectableCaseRecord;
  @Field(() => ID) id: string;
  @Field({ description: 'The corrected text (≤ 4,000), or the corrected risk level.' }) @MaxLength(4000) value: string;
  @Field(() => CorrectionReason) reasonCode: CorrectionReason;
}

@InputType()
export class CorrectPreventionActivityInput {
  @Field(() => ID) id: string;
  @Field(() => CorrectableActivityField) field: CorrectableActivityField;
  @Field(() => String, {
    nullable: true,
    description: 'The corrected text (null clears description or outcome notes).',
  })
  @IsOptional()
  @MaxLength(10_000)
  value?: string | null;
  @Field(() => CorrectionReason) reasonCode: CorrectionReason;
}
