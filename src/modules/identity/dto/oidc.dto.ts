import { Field, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';

@ObjectType('SignOut')
@Policy(Capability.SESSION_SELF)
export class SignOutDto {
  @Field({ description: 'The session has ended in Samverkan.' }) ended: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      "For a session started through an identity provider that offers RP-initiated logout: its end-session URL (with id_token_hint and post_logout_redirect_uri), to send the browser to so that the provider's session ends too. Null otherwise.",
  })
  providerLogoutUrl: string | null;
}

@ObjectType('SignInProvider', {
  description: "An organisation's identity provider as the sign-in page offers it: its name and where to start.",
})
@Policy(Capability.PUBLIC)
export class SignInProviderDto {
  @Field({ description: 'The name to show, e.g. "Danderyds kommun".' }) name: string;
  @Field({ description: 'Where the browser starts the sign-in: /auth/oidc/<provider>/start (a path of this server).' })
  startUrl: string;
}
