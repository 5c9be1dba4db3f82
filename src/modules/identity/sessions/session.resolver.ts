import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../../access/policy';
import type { RequestContext } from '../../../graphql/context';
import { Policy } from '../../../graphql/policy.decorator';
import { ActiveSessionDto } from '../dto/session.dto';

@Resolver()
export class SessionResolver {
  @Query(() => [ActiveSessionDto], { description: "The caller's live sessions, most recently used first." })
  @Policy(Capability.SESSION_SELF)
  async mySessions(@Ctx() ctx: RequestContext): Promise<ActiveSessionDto[]> {
    const sessions = await ctx.services.sessions.mySessions(ctx.actor);
    return sessions.map((s) =>
      Object.assign(new ActiveSessionDto(), {
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        current: s.current,
      }),
    );
  }

  @Mutation(() => Boolean, {
    description: "Ends one of the caller's sessions (e.g. a browser left signed in elsewhere).",
  })
  @Policy(Capability.SESSION_SELF)
  async endSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.sessions.endSession(ctx.actor, await ctx.transaction(), id);
  }

  @Mutation(() => Int, {
    description: "Ends every session of a user of the administrator's organisation; answers how many were ended.",
  })
  @Policy(Capability.USER_MANAGE)
  async endUserSessions(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.sessions.endUserSessions(ctx.actor, await ctx.transaction(), userId);
  }
}
