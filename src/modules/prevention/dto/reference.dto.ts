import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PreventionActivityStatus, PreventionActivityType } from '../prevention-activity.entity';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { CommitmentStatus } from '../prevention.entities';

registerEnumType(CommitmentStatus, { name: 'CommitmentStatus' });

@ObjectType('Place', { description: 'A place in an area, e.g. a square or a station.' })
@Policy(Capability.REFERENCE_READ)
export class PlaceDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'Felt to be unsafe by many.' }) feltUnsafe: boolean;
  @Field() cameraMonitored: boolean;
  areaId: string;
}

@ObjectType('Commitment', { description: 'A citizen commitment (medborgarlöfte) of a partnership.' })
@Policy(Capability.REFERENCE_READ)
export class CommitmentDto {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field() description: string;
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => CommitmentStatus) status: CommitmentStatus;
  partnershipId: string;
}

@ObjectType('FollowUpCount')
@Policy(Capability.ACTIVITY_READ)
export class FollowUpCountDto {
  @Field(() => PreventionActivityType) type: PreventionActivityType;
  @Field(() => PreventionActivityStatus) status: PreventionActivityStatus;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
}

@ObjectType('FollowUpPeriod', { description: 'One quarter (quarter 1–4) or the whole year (quarter null).' })
@Policy(Capability.ACTIVITY_READ)
export class FollowUpPeriodDto {
  @Field() period: string;
  @Field(() => Int, { nullable: true }) quarter: number | null;
  @Field(() => Int) activities: number;
  @Field(() => Int) peopleReached: number;
  @Field(() => Int, { description: 'Distinct places with at least one activity.' }) placesCovered: number;
  @Field(() => [FollowUpCountDto]) byTypeAndStatus: FollowUpCountDto[];
  @Field(() => Int, { description: "Findings raised in the period's activities (safety walks, patrols)." })
  findingsRaised: number;
  @Field(() => Int, { description: 'Of those, findings whose action is done.' }) findingsDone: number;
  @Field(() => Int, { description: 'Of those, findings still open or in progress.' }) findingsOpen: number;
}

@ObjectType('CommitmentFollowUp', {
  description: "A commitment's activities for one year, as far as the caller may see them.",
})
@Policy(Capability.ACTIVITY_READ)
export class CommitmentFollowUpDto {
  @Field(() => CommitmentDto) commitment: CommitmentDto;
  @Field(() => Int) year: number;
  @Field(() => [FollowUpPeriodDto]) periods: FollowUpPeriodDto[];
}

@ObjectType('CsvExport', { description: 'A report as CSV (RFC 4180, UTF-8, header row).' })
@Policy(Capability.ACTIVITY_READ)
export class CsvExportDto {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() csv: string;
}
