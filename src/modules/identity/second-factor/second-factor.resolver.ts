import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';
import { SessionDto } from '../dto/identity.dto';
import { toSessionType } from '../dto/identity.mappers';
import { SecondFactorConfirmationDto, SecondFactorEnrolmentDto, SecondFactorStatusDto } from '../dto/second-factor.dto';

@Resolver()
export class SecondFactorResolver {
  @Mutation(() => SessionDto, {
    description:
      'Completes a login that answered reason SECOND_FACTOR_REQUIRED: the challenge from that answer and a current code of the authenticator app (or one of the recovery codes). The challenge is single-use, lives 5 minutes and allows 5 codes; a code is never accepted twice.',
  })
  @Policy(Capability.PUBLIC)
  async loginWithSecondFactor(
    @Arg('challenge') challenge: string,
    @Arg('code') code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SessionDto> {
    const session = await ctx.services.login.loginWithSecondFactor(challenge, code, ctx.audit, () => ctx.transaction());
    ctx.issuedSession = { token: session.token, expiresAt: session.expiresAt };
    return toSessionType(session);
  }

  @Mutation(() => SecondFactorEnrolmentDto, {
    description:
      'Starts enrolling a TOTP second factor: for the signed-in caller, or with the challenge of a login that answered reason SECOND_FACTOR_ENROLMENT_REQUIRED. The secret is shown only in this answer.',
  })
  @Policy(Capability.PUBLIC)
  async enrolSecondFactor(
    @Ctx() ctx: RequestContext,
    @Arg('challenge', () => String, { nullable: true }) challenge?: string | null,
  ): Promise<SecondFactorEnrolmentDto> {
    const manager = await ctx.transaction();
    const enrolment = challenge
      ? await ctx.services.login.enrolWithChallenge(challenge, manager, ctx.audit)
      : await ctx.services.secondFactor.enrolSelf(ctx.actor, ctx.profile, manager);
    return Object.assign(new SecondFactorEnrolmentDto(), enrolment);
  }

  @Mutation(() => SecondFactorConfirmationDto, {
    description:
      'Confirms the enrolment with a first code and answers ten recovery codes (shown once). With the challenge of a login, also starts the session.',
  })
  @Policy(Capability.PUBLIC)
  async confirmSecondFactor(
    @Arg('code') code: string,
    @Ctx() ctx: RequestContext,
    @Arg('challenge', () => String, { nullable: true }) challenge?: string | null,
  ): Promise<SecondFactorConfirmationDto> {
    const manager = await ctx.transaction();
    if (challenge) {
      const done = await ctx.services.login.confirmWithChallenge(challenge, code, manager, ctx.audit);
      ctx.issuedSession = { token: done.session.token, expiresAt: done.session.expiresAt };
      return Object.assign(new SecondFactorConfirmationDto(), {
        recoveryCodes: done.recoveryCodes,
        session: toSessionType(done.session),
      });
    }
    const recoveryCodes = await ctx.services.secondFactor.confirmSelf(ctx.actor, manager, code);
    return Object.assign(new SecondFactorConfirmationDto(), { recoveryCodes, session: null });
  }

  @Mutation(() => [String], {
    description: 'Ten new recovery codes for the caller (the old ones stop working), proven with a current TOTP code.',
  })
  @Policy(Capability.SESSION_SELF)
  async regenerateRecoveryCodes(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.services.secondFactor.regenerateRecoveryCodes(ctx.actor, await ctx.transaction(), code);
  }

  @Query(() => SecondFactorStatusDto, { description: "The caller's second factor." })
  @Policy(Capability.SESSION_SELF)
  async mySecondFactor(@Ctx() ctx: RequestContext): Promise<SecondFactorStatusDto> {
    const status = await ctx.services.secondFactor.status(ctx.actor);
    return Object.assign(new SecondFactorStatusDto(), {
      ...status,
      required: ctx.services.login.secondFactorRequired(ctx.actor.principal.roles),
    });
  }

  @Mutation(() => Boolean, {
    description:
      "Removes the second factor of a user of the administrator's organisation (e.g. a lost phone): the user's sessions end and the next login enrols anew. Not the administrator's own.",
  })
  @Policy(Capability.USER_MANAGE)
  async resetSecondFactor(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.secondFactor.reset(ctx.actor, await ctx.transaction(), userId);
  }
}
