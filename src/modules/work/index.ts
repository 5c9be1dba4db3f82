import { MyWorkResolver } from './my-work.resolver';

/** GraphQL resolvers of the work module ("Min översikt"). */
export const RESOLVERS: Function[] = [MyWorkResolver];
