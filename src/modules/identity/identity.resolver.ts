import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AreaDto, OrganisationDto, SessionDto, UserConnection, UserDto } from './dto/identity.dto';
import { CreateUserInput, SetUserRolesInput, UserFilter } from './dto/identity.input';
import { AuditAction } from '../audit/audit.recorder';
import { toSessionType, toUserType } from './dto/identity.mappers';

@Resolver(() => UserDto)
export class IdentityResolver {
  @Mutation(() => SessionDto, {
    description:
      'Starts a session. Every failure answers the same. An account with a second factor (or one that must enrol one) answers UNAUTHENTICATED with `extensions.reason` SECOND_FACTOR_REQUIRED or SECOND_FACTOR_ENROLMENT_REQUIRED and a single-use `extensions.challenge` for loginWithSecondFactor or enrolSecondFactor. `deviceToken`: the one a previous login answered (known device).',
  })
  @Policy(Capability.PUBLIC)
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
    @Arg('deviceToken', () => String, { nullable: true }) deviceToken?: string | null,
  ): Promise<SessionDto> {
    const session = await ctx.services.login.login(
      email,
      password,
      deviceToken ?? null,
      ctx.audit.clientAddress,
      ctx.audit,
      () => ctx.transaction(),
    );
    ctx.issuedSession = { token: session.token, expiresAt: session.expiresAt };
    return toSessionType(session);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets your own password, proving the current one (throttled like login). Required before the first login of an account an administrator created. Ends all of your sessions.',
  })
  @Policy(Capability.PUBLIC)
  async changePassword(
    @Arg('email') email: string,
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.login.changePassword(
      email,
      currentPassword,
      newPassword,
      ctx.audit.clientAddress,
      ctx.audit,
      () => ctx.transaction(),
    );
  }

  @Mutation(() => Boolean, { description: 'Revokes the current session.' })
  @Policy(Capability.SESSION_SELF)
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    const done = await ctx.services.identity.logout(ctx.actor, await ctx.transaction());
    ctx.sessionEnded = true;
    return done;
  }

  @Query(() => UserDto, { description: 'The caller.' })
  @Policy(Capability.SESSION_SELF)
  async me(@Ctx() ctx: RequestContext): Promise<UserDto> {
    return toUserType(await ctx.services.identity.me(ctx.actor, ctx.profile));
  }

  @Query(() => [AreaDto], { description: "The areas of the caller's partnerships." })
  @Policy(Capability.REFERENCE_READ)
  areas(@Ctx() ctx: RequestContext): Promise<AreaDto[]> {
    return ctx.services.identity.areas(ctx.actor);
  }

  @Mutation(() => UserDto, {
    description:
      "Creates a user in the administrator's own organisation with a temporary password: the user must replace it with changePassword before the first login. ADMIN and AUDITOR are not granted here (four eyes).",
  })
  @Policy(Capability.USER_MANAGE)
  async createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: RequestContext): Promise<UserDto> {
    const manager = await ctx.transaction();
    return toUserType(await ctx.services.identity.createUser(ctx.actor, manager, input));
  }

  @Mutation(() => UserDto, {
    description:
      "Replaces a user's roles; revokes all of the user's sessions. Never the caller's own roles; ADMIN and AUDITOR are not granted here; separation of duties decides the combinations.",
  })
  @Policy(Capability.USER_MANAGE)
  async setUserRoles(@Arg('input') input: SetUserRolesInput, @Ctx() ctx: RequestContext): Promise<UserDto> {
    const manager = await ctx.transaction();
    return toUserType(await ctx.services.identity.setUserRoles(ctx.actor, manager, input.userId, input.roles));
  }

  @Mutation(() => UserDto, { description: 'Disables a user and revokes all of its sessions.' })
  @Policy(Capability.USER_MANAGE)
  async disableUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<UserDto> {
    const manager = await ctx.transaction();
    return toUserType(await ctx.services.identity.disableUser(ctx.actor, manager, userId));
  }

  @Mutation(() => UserDto, { description: 'Enables a disabled user again (the user logs in anew).' })
  @Policy(Capability.USER_MANAGE)
  async enableUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<UserDto> {
    const manager = await ctx.transaction();
    return toUserType(await ctx.services.identity.enableUser(ctx.actor, manager, userId));
  }

  @Query(() => UserConnection, { description: "The users of the administrator's own organisation." })
  @Policy(Capability.USER_MANAGE)
  async users(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<UserConnection> {
    const page = await ctx.services.identity.users(ctx.actor, { ...filter }, first, after);
    return Object.assign(new UserConnection(), {
      edges: page.users.map((u, i) => ({ node: toUserType(u), cursor: page.cursors[i] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null },
      count: page.count,
    });
  }

  @FieldResolver(() => OrganisationDto)
  async organisation(@Root() user: UserDto, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    const organisation = await ctx.loaders.organisation.load(user.organisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }
}
