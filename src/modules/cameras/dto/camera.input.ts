import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../graphql/date.scalar';
import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { FootageRequestStatus } from '../camera.entities';

@InputType()
export class CreateCameraInput {
  @Field(() => ID) placeId: string;
  @Field(() => ID, { nullable: true, description: 'The commitment the camera serves.' }) commitmentId?: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() name: string;
  @Field() @MaxLength(1000) coverage: string;
  @Field() @MaxLength(100) @NoInvisibleFormatting() permitReference: string;
  @Field(() => DateScalar) permitDecidedOn: Date;
  @Field(() => DateScalar) permitValidUntil: Date;
  @Field() @MaxLength(10_000) permitConditions: string;
  @Field(() => Int) retentionDays: number;
  @Field(() => DateScalar) operatingSince: Date;
}

@InputType({ description: 'Absent fields stay as they are; a renewed permit replaces the old one.' })
export class UpdateCameraInput {
  @Field(() => ID, { nullable: true }) commitmentId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) coverage?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) permitReference?: string;
  @Field(() => DateScalar, { nullable: true }) permitDecidedOn?: Date;
  @Field(() => DateScalar, { nullable: true }) permitValidUntil?: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) permitConditions?: string;
  @Field(() => Int, { nullable: true }) retentionDays?: number;
  @Field(() => DateScalar, { nullable: true, description: 'The last day of operation: the camera is taken down.' })
  decommissionedOn?: Date;
}

@InputType()
export class CameraOutageInput {
  @Field(() => DateScalar) startedOn: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Absent: the outage lasts.' }) endedOn?: Date;
  @Field() @MaxLength(1000) note: string;
}

@InputType()
export class FootageRequestInput {
  @Field(() => ID) cameraId: string;
  @Field() windowStart: Date;
  @Field() windowEnd: Date;
  @Field() @MaxLength(1000) reason: string;
  @Field(() => ID, { nullable: true, description: 'A case of your organisation of which you are a member.' })
  caseId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(40) incidentNumber?: string;
}

@InputType()
export class FootageDecisionInput {
  @Field(() => FootageRequestStatus, { description: 'HANDED_OVER, PARTLY_HANDED_OVER or REFUSED.' })
  outcome: FootageRequestStatus;
  @Field(() => String, { nullable: true, description: 'Required unless HANDED_OVER.' })
  @IsOptional()
  @MaxLength(1000)
  note?: string;
  @Field(() => Date, { nullable: true, description: 'When it was decided; now when absent.' }) decidedAt?: Date;
}

@InputType()
export class FootageRequestFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() cameraId?: string;
  @Field(() => [FootageRequestStatus], { nullable: true }) @IsOptional() statuses?: FootageRequestStatus[];
}
