import { BreakGlassResolver } from './case-break-glass.resolver';
import { CaseFieldsResolver } from './case-fields.resolver';
import { CaseSharingResolver, IncomingCaseShareResolver } from './case-sharing.resolver';
import { CaseWorkResolver } from './case-work.resolver';
import { CaseResolver } from './case.resolver';
import { LegalGroundResolver } from './legal-ground.resolver';

/** GraphQL resolvers of the cases module. */
export const RESOLVERS: Function[] = [
  CaseResolver,
  CaseFieldsResolver,
  CaseSharingResolver,
  IncomingCaseShareResolver,
  CaseWorkResolver,
  BreakGlassResolver,
  LegalGroundResolver,
];
