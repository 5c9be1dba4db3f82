import { CorrectionResolver } from './correction.resolver';
import { LegalHoldResolver } from './legal-hold.resolver';

/** GraphQL resolvers of the records module (corrections, legal hold; docs/records.md). */
export const RESOLVERS: Function[] = [CorrectionResolver, LegalHoldResolver];
