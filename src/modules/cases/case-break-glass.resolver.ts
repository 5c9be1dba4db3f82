import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import { BreakGlassAccessConnection } from './dto/break-glass-review.dto';
import { BreakGlassAccessDto, CaseDto } from './dto/case.dto';
import { BreakGlassInput } from './dto/case.input';
import { BreakGlassReviewFilter } from './dto/break-glass-review.input';

/** Break-the-glass access to a case and the auditors' review of it. */
@Resolver(() => CaseDto)
export class BreakGlassResolver {
  @Query(() => BreakGlassAccessConnection, {
    description:
      "Break-the-glass accesses to the auditor's organisation's cases, oldest first, filtered by reviewed or not and by opening time.",
  })
  @Policy(Capability.BREAK_GLASS_REVIEW)
  async breakGlassReviews(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => BreakGlassReviewFilter, { nullable: true }) filter?: BreakGlassReviewFilter,
  ): Promise<BreakGlassAccessConnection> {
    const page = await ctx.services.cases.breakGlass.reviews(ctx.actor, { ...(filter ?? {}) }, first, after);
    const connection = new BreakGlassAccessConnection();
    connection.edges = page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Mutation(() => BreakGlassAccessDto, {
    description:
      "Opens a case of the caller's organisation the caller is not a member of, read only, for at most 4 hours. Audited as BREAK_GLASS and reviewed by an auditor.",
  })
  @Policy(Capability.CASE_BREAK_GLASS)
  @AuditAs(AuditAction.BREAK_GLASS)
  async breakGlass(@Arg('input') input: BreakGlassInput, @Ctx() ctx: RequestContext): Promise<BreakGlassAccessDto> {
    return ctx.services.cases.breakGlass.open(ctx.actor, await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => BreakGlassAccessDto, {
    description:
      "Marks a break-the-glass access to the auditor's organisation's case as reviewed, with a comment; endAccess ends it now. Never by the user who opened it.",
  })
  @Policy(Capability.BREAK_GLASS_REVIEW)
  async reviewBreakGlass(
    @Arg('id', () => ID) id: string,
    @Arg('comment') comment: string,
    @Ctx() ctx: RequestContext,
    @Arg('endAccess', () => Boolean, { nullable: true }) endAccess?: boolean,
  ): Promise<BreakGlassAccessDto> {
    return ctx.services.cases.breakGlass.review(ctx.actor, await ctx.transaction(), id, comment, endAccess === true);
  }
}
