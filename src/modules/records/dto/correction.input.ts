import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CorrectionReason } from '../correction.entity';
import { CorrectableCaseRecord, CorrectableActivityField } from './correction.dto';

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
