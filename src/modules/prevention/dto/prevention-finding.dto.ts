import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';
import { CaseTaskStatus } from '../../cases/case.entities';

@ObjectType('PreventionFinding', {
  description:
    'A finding of a safety walk or patrol (place, description, suggested measure), made an action with an owner organisation, a due date and a status.',
})
@Policy(Capability.ACTIVITY_READ)
export class PreventionFindingDto {
  @Field(() => ID) id: string;
  @Field(() => ID) activityId: string;
  @Field(() => ID, { nullable: true }) placeId: string | null;
  @Field() description: string;
  @Field(() => String, { nullable: true }) suggestedMeasure: string | null;
  @Field(() => ID) ownerOrganisationId: string;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => CaseTaskStatus) status: CaseTaskStatus;
  @Field(() => ID, { nullable: true, description: 'The later activity in which it was followed up.' })
  followedUpInActivityId: string | null;
  @Field({ description: 'Raised in the activity asked about; false: an open finding at its place to follow up.' })
  raisedHere: boolean;
  @Field() createdAt: Date;
}
