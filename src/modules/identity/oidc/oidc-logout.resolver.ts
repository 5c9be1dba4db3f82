import { Ctx, Mutation, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';
import { SignOutDto } from '../dto/oidc.dto';

@Resolver()
export class OidcLogoutResolver {
  @Mutation(() => SignOutDto, {
    description:
      "Ends the current session like logout and, for a session started through the organisation's identity provider, offers the provider's end-session URL.",
  })
  @Policy(Capability.SESSION_SELF)
  async signOut(@Ctx() ctx: RequestContext): Promise<SignOutDto> {
    const ended = await ctx.services.identity.logout(ctx.actor, await ctx.transaction());
    ctx.sessionEnded = true;
    const providerLogoutUrl = await ctx.services.oidc.providerLogoutUrl(
      ctx.actor.principal.sessionId,
      ctx.requestOrigin,
    );
    return Object.assign(new SignOutDto(), { ended, providerLogoutUrl });
  }
}
