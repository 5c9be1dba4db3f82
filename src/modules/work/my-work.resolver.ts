import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { MyTasksFilter } from './dto/work-item.input';
import { WorkItemConnection, WorkItemDto } from './dto/work-item.dto';

@Resolver(() => WorkItemDto)
export class MyWorkResolver {
  @Query(() => WorkItemConnection, {
    description:
      "Min översikt: the caller's tasks and actions (assigned to the caller, or to its organisation without a person) on what the caller may see now, by due date. Default: open and in progress.",
  })
  @Policy(Capability.MY_WORK)
  async myTasks(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MyTasksFilter, { nullable: true }) filter?: MyTasksFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<WorkItemConnection> {
    const page = await ctx.services.myWork.list(
      ctx.actor,
      { ...(filter ?? {}) },
      first ?? undefined,
      after ?? undefined,
    );
    const connection = new WorkItemConnection();
    connection.edges = page.nodes.map((node, i) => ({
      node: Object.assign(new WorkItemDto(), node),
      cursor: page.cursors[i],
    }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    return connection;
  }
}
