import { IndicatorResolver } from './indicator.resolver';

/** GraphQL resolvers of the indicators module. */
export const RESOLVERS: Function[] = [IndicatorResolver];
