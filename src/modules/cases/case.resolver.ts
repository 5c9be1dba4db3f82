import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { CaseConnection, CaseDto, CaseMemberDto, CaseTaskDto } from './dto/case.dto';
import { CaseFilter, CreateCaseInput, UpdateCaseInput } from './dto/case.input';
import { toCase } from './case-resolver.support';
import { CaseMemberCandidateDto } from './dto/case-member-candidate.dto';

/** Cases: reading them, opening and changing one, its members of the own organisation. */
@Resolver(() => CaseDto)
export class CaseResolver {
  // --- queries ------------------------------------------------------------------------------------

  @Query(() => CaseConnection, {
    description:
      'Cases the caller is a member of (a partner only while a legal basis is active) or holds an active break-the-glass access to, newest first.',
  })
  @Policy(Capability.CASE_READ)
  async cases(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: CaseFilter,
  ): Promise<CaseConnection> {
    const page = await ctx.services.cases.list(
      ctx.actor,
      { ...(filter ?? {}) },
      first ?? undefined,
      after ?? undefined,
    );
    const connection = new CaseConnection();
    connection.edges = page.nodes.map((node, i) => ({ node: toCase(node), cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Query(() => CaseDto, {
    nullable: true,
    description: 'One case the caller may read; NOT_FOUND otherwise, exactly as for a case that does not exist.',
  })
  @Policy(Capability.CASE_READ)
  async case(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseDto> {
    return toCase(await ctx.services.cases.get(ctx.actor, id));
  }

  @Query(() => [CaseTaskDto], {
    description: 'Open tasks assigned to the caller whose due date has passed, on cases the caller may work now.',
  })
  @Policy(Capability.CASE_READ)
  async myOverdueTasks(@Ctx() ctx: RequestContext): Promise<CaseTaskDto[]> {
    return ctx.services.cases.overdueTasks(ctx.actor);
  }

  @Query(() => [CaseMemberCandidateDto], {
    description:
      "For a member who may add members: the case workers of the caller's own organisation who are not members of the case, by name (at most 50; `search`: words of the name). NOT_FOUND for anyone else, as for the case.",
  })
  @Policy(Capability.CASE_READ)
  async caseMemberCandidates(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ): Promise<CaseMemberCandidateDto[]> {
    const rows = await ctx.services.cases.members.candidates(ctx.actor, caseId, search ?? null);
    return rows.map((r) => Object.assign(new CaseMemberCandidateDto(), r));
  }

  // --- mutations ----------------------------------------------------------------------------------

  @Mutation(() => CaseDto, {
    description: "Opens a case of the caller's organisation with the caller as its first member.",
  })
  @Policy(Capability.CASE_CREATE)
  async createCase(@Arg('input') input: CreateCaseInput, @Ctx() ctx: RequestContext): Promise<CaseDto> {
    return toCase(await ctx.services.cases.create(ctx.actor, await ctx.transaction(), { ...input }));
  }

  @Mutation(() => CaseDto, {
    description: 'Changes the risk level or status of a case; absent fields stay as they are.',
  })
  @Policy(Capability.CASE_READ)
  async updateCase(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCaseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseDto> {
    return toCase(await ctx.services.cases.update(ctx.actor, await ctx.transaction(), id, { ...input }));
  }

  @Mutation(() => Boolean, {
    description:
      "Sets the caller's organisation's own reference on the case (null removes it). Never audited or logged as a value.",
  })
  @Policy(Capability.CASE_READ)
  async setCaseExternalReference(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reference', () => String, { nullable: true }) reference: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.setExternalReference(ctx.actor, await ctx.transaction(), caseId, reference ?? null);
  }

  @Mutation(() => CaseMemberDto, {
    description:
      "Adds a case worker of the caller's own organisation to the case (a partner organisation: once sharing is active).",
  })
  @Policy(Capability.CASE_READ)
  async addCaseMember(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMemberDto> {
    return ctx.services.cases.members.add(ctx.actor, await ctx.transaction(), caseId, userId);
  }

  @Mutation(() => Boolean, { description: "Removes a member of the caller's own organisation from the case." })
  @Policy(Capability.CASE_READ)
  async removeCaseMember(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.members.remove(ctx.actor, await ctx.transaction(), caseId, userId);
  }
}
