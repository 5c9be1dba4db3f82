import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../graphql/connection.types';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { OrganisationKind, Role } from '../identity.enums';

@ObjectType('Organisation', {
  description:
    "A partner organisation: a police area, a municipality's social services or safety function, or another partner (health care, school, shelter, Barnahus).",
})
@Policy(Capability.SESSION_SELF)
export class OrganisationDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
}

@ObjectType('User', { description: 'A person with a login.' })
@Policy(Capability.SESSION_SELF)
export class UserDto {
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
export class AreaDto {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('Session')
@Policy(Capability.PUBLIC)
export class SessionDto {
  @Field({ description: 'Send as `Authorization: Bearer <token>`. Shown once; only its hash is stored.' })
  token: string;
  @Field() expiresAt: Date;
  @Field(() => UserDto) user: UserDto;
  @Field(() => String, {
    nullable: true,
    description:
      'A new known-device token when the login presented none valid for this account: keep it and send it as `deviceToken` at the next login, so that failed guesses by others do not hold your correct password back. Null when the one presented is still valid.',
  })
  deviceToken: string | null;
}

@ObjectType('UserEdge')
@Policy(Capability.USER_MANAGE)
export class UserEdge {
  @Field(() => UserDto) node: UserDto;
  @Field() cursor: string;
}

@ObjectType('UserConnection', { description: "The administrator's own organisation's users, by email." })
@Policy(Capability.USER_MANAGE)
export class UserConnection {
  @Field(() => [UserEdge]) edges: UserEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Counted only when asked for. */
  count: () => Promise<number>;

  @Field(() => Int, { description: 'Users matching the filter, all pages together.' })
  totalCount(): Promise<number> {
    return this.count();
  }
}
