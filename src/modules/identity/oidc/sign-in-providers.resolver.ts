import { Ctx, Query, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';
import { SignInProviderDto } from '../dto/oidc.dto';

@Resolver()
export class SignInProvidersResolver {
  @Query(() => [SignInProviderDto], {
    description:
      "The enabled identity providers, for the sign-in page's buttons (names and start paths only; no issuer, client or organisation).",
  })
  @Policy(Capability.PUBLIC)
  async signInProviders(@Ctx() ctx: RequestContext): Promise<SignInProviderDto[]> {
    return (await ctx.services.oidc.signInProviders()).map((p) => Object.assign(new SignInProviderDto(), p));
  }
}
