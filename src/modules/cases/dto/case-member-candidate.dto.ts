import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('CaseMemberCandidate', {
  description: "A case worker of the caller's own organisation who is not a member of the case yet.",
})
@Policy(Capability.CASE_READ)
export class CaseMemberCandidateDto {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
}
