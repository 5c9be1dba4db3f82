import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { OrganisationKind, Role } from '../identity.enums';

@ObjectType('Organisation', { description: 'A public body: a police area or a municipality\'s social services.' })
@Policy(Capability.SESSION_SELF)
export class OrganisationType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
}

@ObjectType('User', { description: 'A person with a login.' })
@Policy(Capability.SESSION_SELF)
export class UserType {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field(() => [Role]) roles: Role[];
  @Field() disabled: boolean;
  /** Resolved through a DataLoader. */
  organisationId: string;
}

@ObjectType('Area', { description: 'A municipality covered by a partnership.' })
@Policy(Capability.REFERENCE_READ)
export class AreaType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('Session')
@Policy(Capability.PUBLIC)
export class SessionType {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Shown once; only its hash is stored.' }) token: string;
  @Field() expiresAt: Date;
  @Field(() => UserType) user: UserType;
}

@InputType()
export class CreateUserInput {
  @Field() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(320) email: string;
  @Field() @Length(1, 200) @NoInvisibleFormatting() displayName: string;
  @Field({ description: 'At least 12 characters, not a common password.' }) @Length(12, 256) password: string;
  @Field(() => [Role]) @ArrayMinSize(1) @ArrayMaxSize(5) roles: Role[];
}

@InputType()
export class SetUserRolesInput {
  @Field(() => ID) @IsUUID('all', { message: 'userId must be a UUID' }) userId: string;
  @Field(() => [Role]) @ArrayMinSize(1) @ArrayMaxSize(5) roles: Role[];
}
