import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
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
export class PreventionActivityType_ {
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
  @Field(() => PreventionActivityType_) node: PreventionActivityType_;
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

@InputType()
export class PreventionActivityFilter {
  @Field(() => [PreventionActivityType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  types?: PreventionActivityType[];
  @Field(() => [PreventionActivityStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  statuses?: PreventionActivityStatus[];
  @Field(() => ID, { nullable: true }) areaId?: string;
  @Field(() => ID, { nullable: true }) placeId?: string;
  @Field(() => ID, { nullable: true }) commitmentId?: string;
  @Field(() => ID, { nullable: true, description: 'Owner organisation.' }) organisationId?: string;
  @Field(() => Date, { nullable: true, description: 'Activities starting at or after this instant.' }) from?: Date;
  @Field(() => Date, { nullable: true, description: 'Activities starting before this instant.' }) to?: Date;
}

@InputType()
export class CreatePreventionActivityInput {
  @Field() @MaxLength(200) @NoInvisibleFormatting() title: string;
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => ID) areaId: string;
  @Field() startsAt: Date;
  @Field(() => Visibility) visibility: Visibility;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) description?: string | null;
  @Field(() => ID, { nullable: true }) placeId?: string | null;
  @Field(() => ID, { nullable: true }) commitmentId?: string | null;
  @Field(() => PreventionActivityStatus, { nullable: true }) status?: PreventionActivityStatus;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) participatingActors?: string[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'peopleReached must be zero or more' })
  @Max(10_000_000)
  peopleReached?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) outcomeNotes?: string | null;
}

@InputType()
export class UpdatePreventionActivityInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() title?: string;
  @Field(() => PreventionActivityType, { nullable: true }) type?: PreventionActivityType;
  @Field(() => ID, { nullable: true }) areaId?: string;
  @Field(() => Date, { nullable: true }) startsAt?: Date;
  @Field(() => Visibility, { nullable: true }) visibility?: Visibility;
  @Field(() => Date, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) description?: string | null;
  @Field(() => ID, { nullable: true }) placeId?: string | null;
  @Field(() => ID, { nullable: true }) commitmentId?: string | null;
  @Field(() => PreventionActivityStatus, { nullable: true }) status?: PreventionActivityStatus;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) participatingActors?: string[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'peopleReached must be zero or more' })
  @Max(10_000_000)
  peopleReached?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) outcomeNotes?: string | null;
}
