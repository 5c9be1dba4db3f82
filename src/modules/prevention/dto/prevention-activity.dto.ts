import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { PageInfo } from '../../../graphql/connection.types';
import { PreventionActivityStatus, PreventionActivityType, Visibility } from '../prevention-activity.entity';
import { TOTAL_COUNT_LIMIT, type TotalCount } from '../prevention-activity.service';

registerEnumType(PreventionActivityType, { name: 'PreventionActivityType' });
registerEnumType(PreventionActivityStatus, { name: 'PreventionActivityStatus' });
registerEnumType(Visibility, {
  name: 'Visibility',
  description:
    'ORGANISATION: the owner only. PARTNERSHIP: also the partner organisations of the partnerships covering the area.',
});

@ObjectType('PreventionActivity', { description: 'Prevention work done by one organisation.' })
@Policy(Capability.ACTIVITY_READ)
export class PreventionActivityDto {
  @Field(() => ID) id: string;
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field() startsAt: Date;
  @Field(() => Date, { nullable: true }) endsAt: Date | null;
  @Field(() => PreventionActivityStatus) status: PreventionActivityStatus;
  @Field(() => [String]) participatingActors: string[];
  @Field(() => Int, { nullable: true }) peopleReached: number | null;
  @Field(() => String, { nullable: true }) outcomeNotes: string | null;
  @Field(() => Visibility) visibility: Visibility;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  organisationId: string;
  areaId: string;
  placeId: string | null;
  commitmentId: string | null;
}

@ObjectType('PreventionActivityEdge')
@Policy(Capability.ACTIVITY_READ)
export class PreventionActivityEdge {
  @Field(() => PreventionActivityDto) node: PreventionActivityDto;
  @Field() cursor: string;
}

@ObjectType('PreventionActivityConnection')
@Policy(Capability.ACTIVITY_READ)
export class PreventionActivityConnection {
  @Field(() => [PreventionActivityEdge]) edges: PreventionActivityEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Counted only when asked for (once for both fields). */
  count: () => Promise<TotalCount>;

  @Field(() => Int, {
    description: `Activities matching the filter that the caller may see, all pages together, counted up to ${TOTAL_COUNT_LIMIT}: beyond that this is ${TOTAL_COUNT_LIMIT} and totalCountIsExact is false, so that the count costs the same however many activities there are.`,
  })
  async totalCount(): Promise<number> {
    return (await this.count()).count;
  }

  @Field(() => Boolean, {
    description: `Whether totalCount is the exact number: false when more than ${TOTAL_COUNT_LIMIT} activities match (totalCount is then ${TOTAL_COUNT_LIMIT}, a lower bound).`,
  })
  async totalCountIsExact(): Promise<boolean> {
    return (await this.count()).exact;
  }
}
