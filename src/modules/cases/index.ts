import { CaseResolver, IncomingCaseShareResolver } from './case.resolver';
import { LegalGroundResolver } from './legal-ground.resolver';

/** GraphQL resolvers of the cases module. */
export const RESOLVERS: Function[] = [CaseResolver, IncomingCaseShareResolver, LegalGroundResolver];
