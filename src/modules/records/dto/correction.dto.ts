import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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
export class RecordCorrectionDto {
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
