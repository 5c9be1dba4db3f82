import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { legalHoldVisible } from '../../access/case-access';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import type { CaseFile } from '../cases/case.entities';
import { toCase, type CaseRoot } from '../cases/case-resolver.support';
import { CaseDto } from '../cases/dto/case.dto';
import { CaseLegalHoldDto } from './dto/legal-hold.dto';
import { SetCaseLegalHoldInput } from './dto/legal-hold.input';
import { LegalHoldService } from './legal-hold.service';

const services = new WeakMap<RequestContext['services'], LegalHoldService>();
function service(ctx: RequestContext): LegalHoldService {
  let s = services.get(ctx.services);
  if (!s) {
    s = new LegalHoldService(ctx.services.cases);
    services.set(ctx.services, s);
  }
  return s;
}

type HeldCase = CaseRoot & Partial<Pick<CaseFile, 'legalHold' | 'legalHoldReason' | 'legalHoldSince'>>;

/** A legal hold on a case: placing and lifting it, and reading it on the case (docs/records.md#legal-hold). */
@Resolver(() => CaseDto)
export class LegalHoldResolver {
  @Mutation(() => CaseDto, {
    description:
      'Places (hold: true) or lifts (hold: false) a legal hold on a case of your organisation you are a member of, with a reason code. While it lasts, retention deletes neither the case nor its shares. Anyone else: NOT_FOUND.',
  })
  @Policy(Capability.CASE_LEGAL_HOLD)
  async setCaseLegalHold(@Arg('input') input: SetCaseLegalHoldInput, @Ctx() ctx: RequestContext): Promise<CaseDto> {
    return toCase(await service(ctx).set(ctx.actor, await ctx.transaction(), { ...input }));
  }

  @FieldResolver(() => CaseLegalHoldDto, {
    nullable: true,
    description:
      "The case's legal hold, if any: shown to those reading the case for the owner organisation (members, break-the-glass); a partner always reads null.",
  })
  legalHold(@Root() c: HeldCase): CaseLegalHoldDto | null {
    if (!legalHoldVisible(c.grant) || c.legalHold !== true || !c.legalHoldReason || !c.legalHoldSince) return null;
    return Object.assign(new CaseLegalHoldDto(), { reasonCode: c.legalHoldReason, since: c.legalHoldSince });
  }
}
