import { Field, ID, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('ActiveSession', { description: 'A live session of the caller: a browser or an API client signed in.' })
@Policy(Capability.SESSION_SELF)
export class ActiveSessionDto {
  @Field(() => ID) id: string;
  @Field() createdAt: Date;
  @Field() lastSeenAt: Date;
  @Field() expiresAt: Date;
  @Field({ description: 'The session this request was made with.' }) current: boolean;
}
