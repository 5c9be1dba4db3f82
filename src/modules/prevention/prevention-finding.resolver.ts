import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { PreventionFindingDto } from './dto/prevention-finding.dto';
import { RaisePreventionFindingInput, UpdatePreventionFindingInput } from './dto/prevention-finding.input';
import type { FindingRow } from './prevention-finding.repository';

const toType = (f: FindingRow & { raisedHere?: boolean }, raisedHere = true): PreventionFindingDto =>
  Object.assign(new PreventionFindingDto(), { raisedHere }, f);

@Resolver(() => PreventionFindingDto)
export class PreventionFindingResolver {
  @Query(() => [PreventionFindingDto], {
    description:
      'Findings raised in the activity and open findings at its place from earlier activities (to follow up), by due date.',
  })
  @Policy(Capability.ACTIVITY_READ)
  async preventionFindings(
    @Arg('activityId', () => ID) activityId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionFindingDto[]> {
    return (await ctx.services.preventionFindings.forActivity(ctx.actor, activityId)).map((f) => toType(f));
  }

  @Mutation(() => PreventionFindingDto, {
    description: "Raises a finding in one of the caller's organisation's activities.",
  })
  @Policy(Capability.ACTIVITY_WRITE)
  async raisePreventionFinding(
    @Arg('input') input: RaisePreventionFindingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionFindingDto> {
    return toType(await ctx.services.preventionFindings.raise(ctx.actor, await ctx.transaction(), { ...input }));
  }

  @Mutation(() => PreventionFindingDto, {
    description:
      "Changes a finding's status and records the activity it was followed up in (the activity's or the owner's organisation).",
  })
  @Policy(Capability.ACTIVITY_WRITE)
  async updatePreventionFinding(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdatePreventionFindingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionFindingDto> {
    return toType(await ctx.services.preventionFindings.update(ctx.actor, await ctx.transaction(), id, { ...input }));
  }
}
