import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CommitmentStatus } from '../prevention.entities';

@InputType()
export class CreateCommitmentInput {
  @Field(() => ID) partnershipId: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() title: string;
  @Field() @MaxLength(10_000) description: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(10) responsibleOrganisationIds: string[];
  @Field({ description: 'YYYY-MM-DD' }) periodStart: string;
  @Field({ description: 'YYYY-MM-DD' }) periodEnd: string;
  @Field(() => CommitmentStatus, { nullable: true }) status?: CommitmentStatus;
}

@InputType()
export class UpdateCommitmentInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10_000) description?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  responsibleOrganisationIds?: string[];
  @Field(() => String, { nullable: true }) periodStart?: string;
  @Field(() => String, { nullable: true }) periodEnd?: string;
  @Field(() => CommitmentStatus, { nullable: true }) status?: CommitmentStatus;
}

@InputType()
export class CreatePlaceInput {
  @Field(() => ID) areaId: string;
  @Field() @MaxLength(200) @NoInvisibleFormatting() name: string;
  @Field({ nullable: true }) feltUnsafe?: boolean;
  @Field({ nullable: true }) cameraMonitored?: boolean;
}

@InputType()
export class UpdatePlaceInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) @NoInvisibleFormatting() name?: string;
  @Field(() => Boolean, { nullable: true }) feltUnsafe?: boolean;
  @Field(() => Boolean, { nullable: true }) cameraMonitored?: boolean;
}
