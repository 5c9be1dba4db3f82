import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { NotificationConnection, NotificationDto } from './dto/notification.dto';
import type { NotificationRow } from './notification.repository';

const toType = (row: NotificationRow): NotificationDto => {
  const t = new NotificationDto();
  t.id = row.id;
  t.kind = row.kind;
  t.subjectType = row.subjectType;
  t.subjectId = row.subjectId;
  t.caseId = row.caseId;
  t.createdAt = row.createdAt;
  t.readAt = row.readAt;
  return t;
};

@Resolver(() => NotificationDto)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description: "The caller's notifications, newest first; unreadOnly: only those not yet marked read.",
  })
  @Policy(Capability.MY_NOTIFICATIONS)
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean,
  ): Promise<NotificationConnection> {
    const page = await ctx.services.notifications.list(
      ctx.actor,
      unreadOnly ?? false,
      first ?? undefined,
      after ?? undefined,
    );
    const connection = new NotificationConnection();
    connection.edges = page.nodes.map((node, i) => ({ node: toType(node), cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.unreadCount = page.unreadCount;
    return connection;
  }

  @Mutation(() => [NotificationDto], {
    description:
      "Marks the caller's own notifications read (1–100 ids); any id that is not the caller's: NOT_FOUND, nothing marked.",
  })
  @Policy(Capability.MY_NOTIFICATIONS)
  async markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID]) ids: string[],
  ): Promise<NotificationDto[]> {
    const rows = await ctx.services.notifications.markRead(ctx.actor, await ctx.transaction(), ids);
    return rows.map(toType);
  }
}
