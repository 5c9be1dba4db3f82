import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { PageInfo } from '../../../graphql/connection.types';
import { Policy } from '../../../graphql/policy.decorator';
import { NotificationKind } from '../notification.repository';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What is waiting: a task assigned, an incoming share, an action due soon, a break-the-glass to review.',
});

@ObjectType('Notification', {
  description:
    'Something waiting for the caller. It names a kind and the ids of what is waiting, never its content: open the record to see it (with the usual access checks).',
})
@Policy(Capability.MY_NOTIFICATIONS)
export class NotificationDto {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field({ description: 'CaseTask, CaseShare, MeetingAction, PreventionFinding or BreakGlassAccess.' })
  subjectType: string;
  @Field(() => ID) subjectId: string;
  @Field(() => ID, { nullable: true, description: 'The case the record belongs to, if any.' }) caseId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@ObjectType('NotificationEdge')
@Policy(Capability.MY_NOTIFICATIONS)
export class NotificationEdge {
  @Field(() => NotificationDto) node: NotificationDto;
  @Field() cursor: string;
}

@ObjectType('NotificationConnection')
@Policy(Capability.MY_NOTIFICATIONS)
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges: NotificationEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: "The caller's unread notifications, all pages." }) unreadCount: number;
}
