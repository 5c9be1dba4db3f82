import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** The auditors' break-the-glass review queue: its filter and its page. */
@InputType()
export class BreakGlassReviewFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: reviewed only; false: awaiting review only.' })
  @IsOptional()
  reviewed?: boolean | null;
  @Field(() => Date, { nullable: true, description: 'Opened at or after this instant.' })
  @IsOptional()
  openedAfter?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Opened at or before this instant (older than...).' })
  @IsOptional()
  openedBefore?: Date | null;
}
