import { Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('SignOut')
@Policy(Capability.SESSION_SELF)
export class SignOutType {
  @Field({ description: 'The session has ended in Samverkan.' }) ended: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      "For a session started through an identity provider that offers RP-initiated logout: its end-session URL (with id_token_hint and post_logout_redirect_uri), to send the browser to so that the provider's session ends too. Null otherwise.",
  })
  providerLogoutUrl: string | null;
}

@Resolver()
export class OidcLogoutResolver {
  @Mutation(() => SignOutType, {
    description:
      "Ends the current session like logout and, for a session started through the organisation's identity provider, offers the provider's end-session URL.",
  })
  @Policy(Capability.SESSION_SELF)
  async signOut(@Ctx() ctx: RequestContext): Promise<SignOutType> {
    const ended = await ctx.services.identity.logout(ctx.actor, await ctx.transaction());
    ctx.sessionEnded = true;
    const providerLogoutUrl = await ctx.services.oidc.providerLogoutUrl(
      ctx.actor.principal.sessionId,
      ctx.requestOrigin,
    );
    return Object.assign(new SignOutType(), { ended, providerLogoutUrl });
  }
}
