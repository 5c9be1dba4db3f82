import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('TrainingCoverageGap', {
  description: 'A staff member without a valid certificate in a coverage row: the id to enrol them by, and the name.',
})
@Policy(Capability.TRAINING_REPORT)
export class TrainingCoverageGapDto {
  @Field(() => ID) staffMemberId: string;
  @Field() name: string;
}
