import { GraphQLScalarType } from 'graphql';
import { DateResolver } from 'graphql-scalars';

/** `Date` (YYYY-MM-DD) for calendar dates; `DateTime` (ISO 8601, UTC) is mapped from JS Date in the schema build. */
export const DateScalar = new GraphQLScalarType({ ...DateResolver.toConfig(), name: 'Date' });
