import { CaseResolver } from './case.resolver';

/** GraphQL resolvers of the cases module. */
export const RESOLVERS: Function[] = [CaseResolver];
