import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import { AreaDto, OrganisationDto } from './dto/identity.dto';
import { PartnershipDto } from './dto/partnership.dto';
import type { PartnershipView } from './partnership.service';

const toType = (p: PartnershipView): PartnershipDto => Object.assign(new PartnershipDto(), p);

@Resolver(() => PartnershipDto)
export class PartnershipResolver {
  @Query(() => [PartnershipDto], {
    description: "The partnerships of the caller's organisation, with ids to address their commitments and places.",
  })
  @Policy(Capability.REFERENCE_READ)
  async partnerships(@Ctx() ctx: RequestContext): Promise<PartnershipDto[]> {
    return (await ctx.services.partnership.partnerships(ctx.actor)).map(toType);
  }

  @Query(() => PartnershipDto, {
    nullable: true,
    description: "One of the caller's partnerships; NOT_FOUND for any other.",
  })
  @Policy(Capability.REFERENCE_READ)
  async partnership(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnershipDto> {
    const [p] = await ctx.services.partnership.partnerships(ctx.actor, id);
    return toType(p);
  }

  @Mutation(() => PartnershipDto, {
    description:
      'Closes a partnership of the own organisation from its end date on; its active commitments become COMPLETED.',
  })
  @Policy(Capability.PARTNERSHIP_CLOSE)
  async closePartnership(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnershipDto> {
    return toType(await ctx.services.partnership.close(ctx.actor, await ctx.transaction(), id));
  }

  @FieldResolver(() => [OrganisationDto])
  async organisations(@Root() p: PartnershipDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto[]> {
    const found = (await ctx.loaders.organisation.loadMany(p.organisationIds)).flatMap((o) =>
      o === null || o instanceof Error ? [] : [o],
    );
    ctx.audit.touch(
      AuditAction.READ,
      'Organisation',
      found.map((o) => ({ id: o.id, organisationId: o.id })),
    );
    return found.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  @FieldResolver(() => [AreaDto])
  async areas(@Root() p: PartnershipDto, @Ctx() ctx: RequestContext): Promise<AreaDto[]> {
    const found = (await ctx.loaders.area.loadMany(p.areaIds)).flatMap((a) =>
      a === null || a instanceof Error ? [] : [a],
    );
    ctx.audit.touch(AuditAction.READ, 'Area', found);
    return found.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }
}
