import { CaseResolver, IncomingCaseShareResolver } from './case.resolver';

/** GraphQL resolvers of the cases module. */
export const RESOLVERS: Function[] = [CaseResolver, IncomingCaseShareResolver];
