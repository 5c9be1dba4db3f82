import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { AreaDto, OrganisationDto } from '../identity/dto/identity.dto';
import {
  CreatePreventionActivityInput,
  PreventionActivityFilter,
  UpdatePreventionActivityInput,
} from './dto/prevention-activity.input';
import { PreventionActivityConnection, PreventionActivityDto } from './dto/prevention-activity.dto';
import { CommitmentDto, PlaceDto } from './dto/reference.dto';
import type { PreventionActivity } from './prevention-activity.entity';

const toType = (a: PreventionActivity): PreventionActivityDto => Object.assign(new PreventionActivityDto(), a);

@Resolver(() => PreventionActivityDto)
export class PreventionActivityResolver {
  @Query(() => PreventionActivityDto, {
    nullable: true,
    description: 'One activity the caller may see; NOT_FOUND otherwise.',
  })
  @Policy(Capability.ACTIVITY_READ)
  async preventionActivity(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionActivityDto> {
    return toType(await ctx.services.preventionActivity.get(ctx.actor, id));
  }

  @Query(() => PreventionActivityConnection, {
    description: "The caller's organisation's activities and those shared with it, newest first.",
  })
  @Policy(Capability.ACTIVITY_READ)
  async preventionActivities(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => PreventionActivityFilter, { nullable: true }) filter?: PreventionActivityFilter,
  ): Promise<PreventionActivityConnection> {
    const page = await ctx.services.preventionActivity.list(
      ctx.actor,
      { ...(filter ?? {}) },
      first ?? undefined,
      after ?? undefined,
    );
    // An edge's cursor is encoded only when the query selects it (most pages need only endCursor).
    const edges = page.nodes.map((node, i) => ({
      node: toType(node),
      get cursor(): string {
        return page.cursor(i);
      },
    }));
    const connection = new PreventionActivityConnection();
    connection.edges = edges;
    connection.pageInfo = {
      hasNextPage: page.hasNextPage,
      endCursor: page.nodes.length > 0 ? page.cursor(page.nodes.length - 1) : null,
    };
    connection.count = page.totalCount;
    return connection;
  }

  @Mutation(() => PreventionActivityDto, { description: "Records an activity of the caller's organisation." })
  @Policy(Capability.ACTIVITY_WRITE)
  async createPreventionActivity(
    @Arg('input') input: CreatePreventionActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionActivityDto> {
    const manager = await ctx.transaction();
    return toType(await ctx.services.preventionActivity.create(ctx.actor, manager, { ...input }));
  }

  @Mutation(() => PreventionActivityDto, {
    description: "Changes an activity of the caller's organisation; absent fields stay as they are.",
  })
  @Policy(Capability.ACTIVITY_WRITE)
  async updatePreventionActivity(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdatePreventionActivityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionActivityDto> {
    const manager = await ctx.transaction();
    return toType(await ctx.services.preventionActivity.update(ctx.actor, manager, id, { ...input }));
  }

  @Mutation(() => PreventionActivityDto, {
    description: "Marks an activity of the caller's organisation as cancelled.",
  })
  @Policy(Capability.ACTIVITY_WRITE)
  async cancelPreventionActivity(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PreventionActivityDto> {
    const manager = await ctx.transaction();
    return toType(await ctx.services.preventionActivity.cancel(ctx.actor, manager, id));
  }

  @FieldResolver(() => OrganisationDto, { description: 'The organisation that owns the activity.' })
  async owner(@Root() a: PreventionActivityDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    const organisation = await ctx.loaders.organisation.load(a.organisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }

  @FieldResolver(() => AreaDto)
  async area(@Root() a: PreventionActivityDto, @Ctx() ctx: RequestContext): Promise<AreaDto> {
    const area = await ctx.loaders.area.load(a.areaId);
    if (!area) throw notFound('Area');
    ctx.audit.touch(AuditAction.READ, 'Area', [area]);
    return area;
  }

  @FieldResolver(() => PlaceDto, { nullable: true })
  async place(@Root() a: PreventionActivityDto, @Ctx() ctx: RequestContext): Promise<PlaceDto | null> {
    const place = a.placeId ? await ctx.loaders.place.load(a.placeId) : null;
    if (place) ctx.audit.touch(AuditAction.READ, 'Place', [place]);
    return place;
  }

  @FieldResolver(() => CommitmentDto, { nullable: true })
  async commitment(@Root() a: PreventionActivityDto, @Ctx() ctx: RequestContext): Promise<CommitmentDto | null> {
    const commitment = a.commitmentId ? await ctx.loaders.commitment.load(a.commitmentId) : null;
    if (commitment) ctx.audit.touch(AuditAction.READ, 'Commitment', [commitment]);
    return commitment;
  }
}
