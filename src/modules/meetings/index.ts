import { MeetingResolver } from './meeting.resolver';

/** GraphQL resolvers of the meetings module (multi-agency meetings). */
export const RESOLVERS: Function[] = [MeetingResolver];
