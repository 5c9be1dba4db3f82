import { IsOptional } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { Policy } from '../../../graphql/policy.decorator';
import { BreakGlassAccessType } from './case.types';

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

@ObjectType('BreakGlassAccessEdge')
@Policy(Capability.BREAK_GLASS_REVIEW)
export class BreakGlassAccessEdge {
  @Field(() => BreakGlassAccessType) node: BreakGlassAccessType;
  @Field() cursor: string;
}

@ObjectType('BreakGlassAccessConnection')
@Policy(Capability.BREAK_GLASS_REVIEW)
export class BreakGlassAccessConnection {
  @Field(() => [BreakGlassAccessEdge]) edges: BreakGlassAccessEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  count: () => Promise<number>;
  @Field(() => Int, { description: 'Accesses matching the filter, all pages together.' })
  totalCount(): Promise<number> {
    return this.count();
  }
}
