import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { DateScalar } from '../../../graphql/date.scalar';

@ObjectType('LegalGround', {
  description:
    'One version of a legal ground in the catalogue: its citation, what it covers and when it is in force. A share keeps the version it was made under.',
})
@Policy(Capability.CASE_READ)
export class LegalGroundDto {
  @Field(() => ID) id: string;
  @Field({ description: 'Stable code: a StatutoryGround value, or CONSENT.' }) code: string;
  @Field(() => Int) version: number;
  @Field({ description: 'CONSENT or STATUTORY.' }) kind: string;
  @Field({ description: 'The provision, e.g. "OSL (2009:400) 10 kap. 18 c §".' }) citation: string;
  @Field({ description: 'What the ground is (Swedish).' }) title: string;
  @Field(() => [String], { description: 'Content categories it covers: NOTE, TASK, MEETING, ASSESSMENT.' })
  categories: string[];
  @Field(() => DateScalar, { description: 'In force from (Swedish date, inclusive).' }) validFrom: string;
  @Field(() => DateScalar, { nullable: true, description: 'In force until (exclusive); null: in force.' })
  validTo: string | null;
  @Field(() => ID, { nullable: true, description: 'The version that superseded it.' }) supersededById: string | null;
}
