import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../graphql/date.scalar';
import { CaseTaskStatus } from '../../cases/case.entities';

@InputType()
export class RaisePreventionFindingInput {
  @Field(() => ID) activityId: string;
  @Field(() => ID, { nullable: true, description: "Default: the activity's place." }) placeId?: string | null;
  @Field() @MaxLength(2000) description: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) suggestedMeasure?: string | null;
  @Field(() => ID) ownerOrganisationId: string;
  @Field(() => DateScalar) dueOn: Date;
}

@InputType()
export class UpdatePreventionFindingInput {
  @Field(() => CaseTaskStatus) @IsString() status: CaseTaskStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() followedUpInActivityId?: string | null;
}
