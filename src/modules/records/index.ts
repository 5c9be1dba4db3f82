import { CorrectionResolver } from './correction.resolver';

/** GraphQL resolvers of the records module (corrections; docs/records.md). */
export const RESOLVERS: Function[] = [CorrectionResolver];
