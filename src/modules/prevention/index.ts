import { PreventionActivityResolver } from './prevention-activity.resolver';
import { CommitmentResolver, PlaceResolver } from './reference.resolver';

/** GraphQL resolvers of the prevention module. */
export const RESOLVERS: Function[] = [PreventionActivityResolver, CommitmentResolver, PlaceResolver];
