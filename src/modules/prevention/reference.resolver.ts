import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireCapability } from '../../access/access';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { AreaDto, OrganisationDto } from '../identity/dto/identity.dto';
import { followUpCsv } from './commitment-follow-up.report';
import { CommitmentDto, CommitmentFollowUpDto, CsvExportDto, PlaceDto } from './dto/reference.dto';
import {
  CreateCommitmentInput,
  CreatePlaceInput,
  UpdateCommitmentInput,
  UpdatePlaceInput,
} from './dto/reference.input';

/**
 * The follow-up is activity data: a caller without ACTIVITY_READ is FORBIDDEN before the commitment
 * is looked up (looking it up first answered NOT_FOUND for another partnership's commitment, where
 * the policy table says FORBIDDEN; found by the authorisation sweep over fresh records).
 */
async function followUpOf(ctx: RequestContext, commitmentId: string, year: number) {
  requireCapability(ctx.principal, Capability.ACTIVITY_READ);
  const commitment = await ctx.services.reference.commitment(ctx.actor, commitmentId);
  const periods = await ctx.services.preventionActivity.followUp(ctx.actor, commitment, year);
  return { commitment, periods };
}

@Resolver(() => CommitmentDto)
export class CommitmentResolver {
  @Query(() => [CommitmentDto], { description: "Commitments of the caller's partnerships." })
  @Policy(Capability.REFERENCE_READ)
  commitments(
    @Ctx() ctx: RequestContext,
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId?: string,
  ): Promise<CommitmentDto[]> {
    return ctx.services.reference.commitments(ctx.actor, partnershipId ?? undefined);
  }

  @Query(() => CommitmentDto, { nullable: true })
  @Policy(Capability.REFERENCE_READ)
  commitment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CommitmentDto> {
    return ctx.services.reference.commitment(ctx.actor, id);
  }

  @Mutation(() => CommitmentDto)
  @Policy(Capability.COMMITMENT_WRITE)
  async createCommitment(
    @Arg('input') input: CreateCommitmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CommitmentDto> {
    return ctx.services.reference.createCommitment(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => CommitmentDto, {
    description: 'Either partner organisation may edit; absent fields stay as they are.',
  })
  @Policy(Capability.COMMITMENT_WRITE)
  async updateCommitment(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCommitmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CommitmentDto> {
    return ctx.services.reference.updateCommitment(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @Query(() => CommitmentFollowUpDto, {
    description: 'Per quarter and for the year: activities by type and status, people reached, places covered.',
  })
  @Policy(Capability.ACTIVITY_READ)
  async commitmentFollowUp(
    @Arg('commitmentId', () => ID) commitmentId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<CommitmentFollowUpDto> {
    const { commitment, periods } = await followUpOf(ctx, commitmentId, year);
    return { commitment, year, periods };
  }

  @Query(() => CsvExportDto, { description: 'The follow-up as CSV; audited as EXPORT.' })
  @Policy(Capability.ACTIVITY_READ)
  @AuditAs(AuditAction.EXPORT)
  async exportCommitmentFollowUp(
    @Arg('commitmentId', () => ID) commitmentId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<CsvExportDto> {
    const { commitment, periods } = await followUpOf(ctx, commitmentId, year);
    ctx.audit.action = AuditAction.EXPORT;
    ctx.audit.touch(AuditAction.EXPORT, 'Commitment', [commitment]);
    const safe = commitment.title.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
    return {
      filename: `follow-up_${safe}_${year}.csv`,
      contentType: 'text/csv; charset=utf-8',
      csv: followUpCsv(commitment.title, periods),
    };
  }

  @FieldResolver(() => [OrganisationDto])
  async responsibleOrganisations(
    @Root() c: CommitmentDto & { responsibleOrganisationIds: string[] },
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationDto[]> {
    const orgs = await ctx.loaders.organisation.loadMany(c.responsibleOrganisationIds);
    const found = orgs.flatMap((o) => (o === null || o instanceof Error ? [] : [o]));
    ctx.audit.touch(
      AuditAction.READ,
      'Organisation',
      found.map((o) => ({ id: o.id, organisationId: o.id })),
    );
    return found;
  }
}

@Resolver(() => PlaceDto)
export class PlaceResolver {
  @Query(() => [PlaceDto], { description: "Places in the areas of the caller's partnerships." })
  @Policy(Capability.REFERENCE_READ)
  places(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { nullable: true }) areaId?: string,
  ): Promise<PlaceDto[]> {
    return ctx.services.reference.places(ctx.actor, areaId ?? undefined);
  }

  @Mutation(() => PlaceDto)
  @Policy(Capability.PLACE_WRITE)
  async createPlace(@Arg('input') input: CreatePlaceInput, @Ctx() ctx: RequestContext): Promise<PlaceDto> {
    return ctx.services.reference.createPlace(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => PlaceDto)
  @Policy(Capability.PLACE_WRITE)
  async updatePlace(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdatePlaceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlaceDto> {
    return ctx.services.reference.updatePlace(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @FieldResolver(() => AreaDto)
  async area(@Root() p: PlaceDto, @Ctx() ctx: RequestContext): Promise<AreaDto> {
    const area = await ctx.loaders.area.load(p.areaId);
    if (!area) throw notFound('Area');
    ctx.audit.touch(AuditAction.READ, 'Area', [area]);
    return area;
  }
}
