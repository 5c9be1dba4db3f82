import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { OrganisationDto } from '../../identity/dto/identity.dto';

@ObjectType('AuditActor', {
  description: 'Who acted, as far as the auditor may know: the name only of users of their own organisation.',
})
@Policy(Capability.AUDIT_READ)
export class AuditActorDto {
  @Field(() => ID) id: string;
  @Field(() => String, {
    nullable: true,
    description: "Null for a user of another organisation: that organisation's auditors can name them.",
  })
  displayName: string | null;
  @Field(() => OrganisationDto, { nullable: true }) organisation: OrganisationDto | null;
}
