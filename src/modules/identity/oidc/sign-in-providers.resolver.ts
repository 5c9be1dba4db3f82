import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('SignInProvider', {
  description: "An organisation's identity provider as the sign-in page offers it: its name and where to start.",
})
@Policy(Capability.PUBLIC)
export class SignInProviderType {
  @Field({ description: 'The name to show, e.g. "Danderyds kommun".' }) name: string;
  @Field({ description: 'Where the browser starts the sign-in: /auth/oidc/<provider>/start (a path of this server).' })
  startUrl: string;
}

@Resolver()
export class SignInProvidersResolver {
  @Query(() => [SignInProviderType], {
    description:
      "The enabled identity providers, for the sign-in page's buttons (names and start paths only; no issuer, client or organisation).",
  })
  @Policy(Capability.PUBLIC)
  async signInProviders(@Ctx() ctx: RequestContext): Promise<SignInProviderType[]> {
    return (await ctx.services.oidc.signInProviders()).map((p) => Object.assign(new SignInProviderType(), p));
  }
}
