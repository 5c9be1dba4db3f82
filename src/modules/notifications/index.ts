import { NotificationResolver } from './notification.resolver';

/** GraphQL resolvers of the notifications module (docs/notifications.md). */
export const RESOLVERS: Function[] = [NotificationResolver];
