import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { DateScalar } from '../../../graphql/date.scalar';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('Partnership', {
  description: 'Organisations working together in some areas over a period (e.g. one round of citizen commitments).',
})
@Policy(Capability.REFERENCE_READ)
export class PartnershipDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => DateScalar, { description: 'First day of the period.' }) validFrom: string;
  @Field(() => DateScalar, { description: 'Last day of the period.' }) validTo: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When the partnership was closed (at or after its end date); null while open.',
  })
  closedAt: Date | null;
  /** Resolved through DataLoaders. */
  organisationIds: string[];
  areaIds: string[];
}
