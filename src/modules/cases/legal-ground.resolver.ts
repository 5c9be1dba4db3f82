import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireCapability } from '../../access/access';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { defineLoader } from '../../graphql/loaders';
import { Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import { CaseLegalBasisDto } from './dto/case.dto';
import { LegalGroundDto } from './dto/legal-ground.dto';
import type { LegalGround } from './legal-ground.entity';
import { LegalGroundRepository } from './legal-ground.repository';

const repo = new LegalGroundRepository();
// One statement per request for every share's ground, whatever the number of shares asked for.
const groundLoader = defineLoader(
  (ctx) =>
    new DataLoader<string, LegalGround | null>(async (shareIds) => {
      const byShare = await repo.ofShares(ctx.manager, shareIds);
      return shareIds.map((id) => byShare.get(id) ?? null);
    }),
);

const toType = (g: LegalGround): LegalGroundDto => Object.assign(new LegalGroundDto(), g);

/** The legal-ground catalogue (docs/records.md) and the version each share cites. */
@Resolver(() => CaseLegalBasisDto)
export class LegalGroundResolver {
  @Query(() => [LegalGroundDto], {
    description:
      'The catalogue of legal grounds for sharing a case: the versions in force today, or with includeSuperseded every version.',
  })
  @Policy(Capability.CASE_READ)
  async legalGrounds(
    @Ctx() ctx: RequestContext,
    @Arg('includeSuperseded', () => Boolean, { nullable: true }) includeSuperseded?: boolean,
  ): Promise<LegalGroundDto[]> {
    requireCapability(ctx.principal, Capability.CASE_READ);
    const rows = await repo.list(ctx.manager, includeSuperseded === true);
    // Public law, owned by no organisation: audited by id like any read.
    ctx.audit.touch(
      AuditAction.READ,
      'LegalGround',
      rows.map((g) => ({ id: g.id, organisationId: null })),
    );
    return rows.map(toType);
  }

  @FieldResolver(() => LegalGroundDto, {
    nullable: true,
    description:
      'The catalogue version of the ground the share was made under, as it was cited then (also once superseded).',
  })
  async ground(@Root() share: CaseLegalBasisDto, @Ctx() ctx: RequestContext): Promise<LegalGroundDto | null> {
    const g = await ctx.loaders.get(groundLoader).load(share.id);
    return g ? toType(g) : null;
  }
}
