import { Field, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { Policy } from '../../../graphql/policy.decorator';
import { BreakGlassAccessDto } from './case.dto';

@ObjectType('BreakGlassAccessEdge')
@Policy(Capability.BREAK_GLASS_REVIEW)
export class BreakGlassAccessEdge {
  @Field(() => BreakGlassAccessDto) node: BreakGlassAccessDto;
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
