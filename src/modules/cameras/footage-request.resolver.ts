import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { OrganisationDto } from '../identity/dto/identity.dto';
import type { FootageRequestView } from './footage-request.service';
import { FootageDecisionInput, FootageRequestFilter, FootageRequestInput } from './dto/camera.input';
import { FootageRequestDto, FootageRequestEventDto } from './dto/camera.dto';

const dto = (v: FootageRequestView): FootageRequestDto => ({ ...v, caseId: v.visibleCaseId });

async function organisationOf(ctx: RequestContext, id: string): Promise<OrganisationDto> {
  const organisation = await ctx.loaders.organisation.load(id);
  if (!organisation) throw notFound('Organisation');
  ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
  return organisation;
}

@Resolver(() => FootageRequestDto)
export class FootageRequestResolver {
  @Query(() => [FootageRequestDto], {
    description: 'Footage requests your organisation made or received, newest first (at most `first`, ≤ 100).',
  })
  @Policy(Capability.FOOTAGE_READ)
  async footageRequests(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => FootageRequestFilter, { nullable: true }) filter?: FootageRequestFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<FootageRequestDto[]> {
    const rows = await ctx.services.footage.list(
      ctx.actor,
      { cameraId: filter?.cameraId ?? undefined, statuses: filter?.statuses ?? undefined },
      first,
    );
    return rows.map(dto);
  }

  @Query(() => FootageRequestDto)
  @Policy(Capability.FOOTAGE_READ)
  async footageRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FootageRequestDto> {
    return dto(await ctx.services.footage.get(ctx.actor, id));
  }

  @Mutation(() => FootageRequestDto, {
    description:
      "Ask a partner's camera owner for footage of a past time window (within the footage's retention period).",
  })
  @Policy(Capability.FOOTAGE_REQUEST)
  async requestFootage(
    @Arg('input') input: FootageRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FootageRequestDto> {
    return dto(await ctx.services.footage.request(ctx.actor, await ctx.transaction(), { ...input }));
  }

  @Mutation(() => FootageRequestDto, { description: 'The owner hands the footage over, in part, or refuses.' })
  @Policy(Capability.FOOTAGE_DECIDE)
  async decideFootageRequest(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: FootageDecisionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FootageRequestDto> {
    return dto(await ctx.services.footage.decide(ctx.actor, await ctx.transaction(), id, { ...input }));
  }

  @Mutation(() => FootageRequestDto, {
    description: 'The requesting organisation withdraws a request not yet decided.',
  })
  @Policy(Capability.FOOTAGE_REQUEST)
  async withdrawFootageRequest(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FootageRequestDto> {
    return dto(await ctx.services.footage.withdraw(ctx.actor, await ctx.transaction(), id));
  }

  @FieldResolver(() => OrganisationDto)
  requestingOrganisation(@Root() r: FootageRequestDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    return organisationOf(ctx, r.requestingOrganisationId);
  }

  @FieldResolver(() => OrganisationDto, { description: 'The organisation that runs the camera and decides.' })
  ownerOrganisation(@Root() r: FootageRequestDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    return organisationOf(ctx, r.ownerOrganisationId);
  }
}

@Resolver(() => FootageRequestEventDto)
export class FootageRequestEventResolver {
  @FieldResolver(() => OrganisationDto, { description: 'The organisation that took the step.' })
  organisation(@Root() e: FootageRequestEventDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    return organisationOf(ctx, e.actorOrganisationId);
  }
}
