import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { OrganisationDto } from '../identity/dto/identity.dto';
import { CaseDto, CaseLegalBasisDto, CaseMemberDto, IncomingCaseShareDto } from './dto/case.dto';
import { ShareCaseInput } from './dto/case.input';
import { toLegalBasis } from './case-resolver.support';

/** Sharing a case with a partner organisation: shares, their acceptance, partner memberships. */
@Resolver(() => CaseDto)
export class CaseSharingResolver {
  @Query(() => [IncomingCaseShareDto], {
    description:
      "Shares of open cases addressed to the caller's organisation under an active legal basis, newest first: what its case workers need to decide, no content. One of them takes a share with acceptCaseShare.",
  })
  @Policy(Capability.CASE_READ)
  async incomingCaseShares(@Ctx() ctx: RequestContext): Promise<IncomingCaseShareDto[]> {
    const rows = await ctx.services.cases.sharing.incoming(ctx.actor);
    return rows.map((s) =>
      Object.assign(new IncomingCaseShareDto(), {
        legalBasisId: s.id,
        caseId: s.caseId,
        riskLevel: s.riskLevel,
        legalBasis: toLegalBasis(s),
        senderOrganisationId: s.senderOrganisationId,
        contactFunction: s.contactFunction,
        sharedAt: s.createdAt,
        acceptedAt: s.acceptedAt,
      }),
    );
  }

  @Mutation(() => CaseLegalBasisDto, {
    description:
      "Shares the case with an organisation of the owner's partnerships on a recorded legal basis (owner's members only).",
  })
  @Policy(Capability.CASE_READ)
  async shareCase(@Arg('input') input: ShareCaseInput, @Ctx() ctx: RequestContext): Promise<CaseLegalBasisDto> {
    const share = await ctx.services.cases.sharing.share(
      ctx.actor,
      await ctx.transaction(),
      input.caseId,
      input.organisationId,
      { ...input.legalBasis },
      input.contactFunction,
    );
    return toLegalBasis(share);
  }

  @Mutation(() => CaseLegalBasisDto, {
    description: "Records that consent was withdrawn: the partner's access ends at once.",
  })
  @Policy(Capability.CASE_READ)
  async withdrawCaseConsent(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseLegalBasisDto> {
    return toLegalBasis(
      await ctx.services.cases.sharing.withdrawConsent(ctx.actor, await ctx.transaction(), legalBasisId),
    );
  }

  @Mutation(() => CaseLegalBasisDto, { description: "Ends a share: the partner's access ends at once." })
  @Policy(Capability.CASE_READ)
  async revokeCaseShare(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseLegalBasisDto> {
    return toLegalBasis(await ctx.services.cases.sharing.revokeShare(ctx.actor, await ctx.transaction(), legalBasisId));
  }

  @Mutation(() => CaseMemberDto, {
    description:
      "Takes a share addressed to the caller's organisation: the caller becomes its first member of the case. Further members are added by a member (addCaseMember).",
  })
  @Policy(Capability.CASE_READ)
  async acceptCaseShare(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMemberDto> {
    return ctx.services.cases.sharing.accept(ctx.actor, await ctx.transaction(), legalBasisId);
  }

  @Mutation(() => Boolean, {
    description: "Ends a partner organisation's user's membership of the case (the owner organisation's members).",
  })
  @Policy(Capability.CASE_READ)
  async endPartnerMembership(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.sharing.endPartnerMembership(ctx.actor, await ctx.transaction(), caseId, userId);
  }
}

@Resolver(() => IncomingCaseShareDto)
export class IncomingCaseShareResolver {
  @FieldResolver(() => OrganisationDto, { description: 'The organisation that shared the case (the owner).' })
  async senderOrganisation(@Root() s: IncomingCaseShareDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    const organisation = await ctx.loaders.organisation.load(s.senderOrganisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }
}
