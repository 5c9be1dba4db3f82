import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreateStaffMemberInput {
  @Field() @MaxLength(200) @NoInvisibleFormatting() name: string;
  @Field() @MaxLength(200) unit: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() title: string;
  @Field(() => ID, { nullable: true }) userId?: string | null;
}

@InputType()
export class UpdateStaffMemberInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) unit?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() title?: string;
  @Field(() => ID, { nullable: true, description: 'null unlinks the login.' }) userId?: string | null;
}

@InputType()
export class CreateCourseInput {
  @Field() @MaxLength(40) code: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() title: string;
  @Field() @MaxLength(200) provider: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(1000) hours: number;
  @Field(() => Int, { nullable: true }) validityMonths?: number | null;
  @Field(() => Int, { nullable: true }) renewalWindowDays?: number;
}

@InputType()
export class UpdateCourseInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(40) code?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) provider?: string;
  @Field(() => Int, { nullable: true }) hours?: number;
  @Field(() => Int, { nullable: true }) validityMonths?: number | null;
  @Field(() => Int, { nullable: true }) renewalWindowDays?: number;
}

@InputType()
export class CreateTrainingRequirementInput {
  @Field(() => ID) courseId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) role?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) unit?: string | null;
}

@InputType()
export class CreateTrainingSessionInput {
  @Field(() => ID) courseId: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field() @MaxLength(500) place: string;
  @Field(() => Int) capacity: number;
  @Field() @MaxLength(200) instructor: string;
  @Field({ nullable: true }) joint?: boolean;
}

@InputType({ description: 'The fields to change; omitted ones stay as they are.' })
export class UpdateTrainingSessionInput {
  @Field({ nullable: true }) startsAt?: Date;
  @Field({ nullable: true }) endsAt?: Date;
  @Field({ nullable: true }) @MaxLength(500) place?: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Not below the number of staff enrolled; a raise promotes the waitlist.',
  })
  capacity?: number;
  @Field({ nullable: true }) @MaxLength(200) instructor?: string;
  @Field({ nullable: true, description: 'Cannot be turned off while partner staff are enrolled or waitlisted.' })
  joint?: boolean;
}

@InputType()
export class RecordCompletionInput {
  @Field(() => ID) staffMemberId: string;
  @Field(() => ID) courseId: string;
  @Field({ description: 'YYYY-MM-DD, not in the future.' }) @MaxLength(10) completedOn: string;
}
