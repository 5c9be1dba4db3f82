import { NoInvisibleFormatting } from '../../../shared/plain-text';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PreventionActivityStatus, PreventionActivityType } from '../prevention-activity.entity';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { CommitmentStatus } from '../prevention.entities';

registerEnumType(CommitmentStatus, { name: 'CommitmentStatus' });

@ObjectType('Place', { description: 'A place in an area, e.g. a square or a station.' })
@Policy(Capability.REFERENCE_READ)
export class PlaceType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'Felt to be unsafe by many.' }) feltUnsafe: boolean;
  @Field() cameraMonitored: boolean;
  areaId: string;
}

@ObjectType('Commitment', { description: 'A citizen commitment (medborgarlöfte) of a partnership.' })
@Policy(Capability.REFERENCE_READ)
export class CommitmentType {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => CommitmentStatus) status: CommitmentStatus;
  partnershipId: string;
}

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

@ObjectType('FollowUpCount')
@Policy(Capability.ACTIVITY_READ)
export class FollowUpCountType {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => PreventionActivityStatus) status: PreventionActivityStatus;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('FollowUpPeriod', { description: 'One quarter (quarter 1–4) or the whole year (quarter null).' })
@Policy(Capability.ACTIVITY_READ)
export class FollowUpPeriodType {
  @Field() period: string;
  @Field(() => Int, { nullable: true }) quarter: number | null;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int, { description: 'Distinct places with at least one activity.' }) placesCovered: number;
  @Field(() => [FollowUpCountType]) byTypeAndStatus: FollowUpCountType[];
  @Field(() => Int, { description: "Findings raised in the period's activities (safety walks, patrols)." })
  findingsRaised: number;
  @Field(() => Int, { description: 'Of those, findings whose action is done.' }) findingsDone: number;
  @Field(() => Int, { description: 'Of those, findings still open or in progress.' }) findingsOpen: number;
}

@ObjectType('CommitmentFollowUp', {
  description: "A commitment's activities for one year, as far as the caller may see them.",
})
@Policy(Capability.ACTIVITY_READ)
export class CommitmentFollowUpType {
  @Field(() => CommitmentType) commitment: CommitmentType;
  @Field(() => Int) year: number;
  @Field(() => [FollowUpPeriodType]) periods: FollowUpPeriodType[];
}

@ObjectType('CsvExport', { description: 'A report as CSV (RFC 4180, UTF-8, header row).' })
@Policy(Capability.ACTIVITY_READ)
export class CsvExportType {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() csv: string;
}
