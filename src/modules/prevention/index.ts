import { PreventionActivityResolver } from './prevention-activity.resolver';
import { PreventionFindingResolver } from './prevention-finding.resolver';
import { CommitmentResolver, PlaceResolver } from './reference.resolver';

/** GraphQL resolvers of the prevention module. */
export const RESOLVERS: Function[] = [
  PreventionActivityResolver,
  PreventionFindingResolver,
  CommitmentResolver,
  PlaceResolver,
];
