import { GraphQLScalarType } from 'graphql';
import { DateResolver } from 'graphql-scalars';

/** `Date` (YYYY-MM-DD) for calendar dates; `DateTime` (ISO 8601, UTC) is mapped from JS Date in the schema build. */
export const DateScalar = new GraphQLScalarType({ ...DateResolver.toConfig(), name: 'Date' });

/** A `Date` argument as YYYY-MM-DD (the scalar parses a calendar date to midnight UTC of that day). */
export function calendarDate(value: Date): string;
export function calendarDate(value: Date | null | undefined): string | null | undefined;
export function calendarDate(value: Date | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return value;
  return value.toISOString().slice(0, 10);
}
