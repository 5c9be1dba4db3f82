import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PreventionActivityStatus, PreventionActivityType, Visibility } from '../prevention-activity.entity';

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
