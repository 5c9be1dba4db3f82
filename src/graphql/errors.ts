import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, ErrorCode, InputReason } from '../shared/errors';
import { limitMessages } from './limits';

/** Codes Apollo and the GraphQL layer produce themselves; passed through with their own message. */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Every code errorCodeOf can return for a known error (what metrics may use as labels). */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ...PASS_THROUGH_CODES,
  ...Object.values(ErrorCode),
]);

/** graphql-js's token-limit message ("Document contains more than N tokens") names no remedy. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

function flattenValidation(errors: readonly ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flattenValidation(e.children ?? [], path)];
  });
}

/** The error code a thrown value maps to, for the response and for the audit log. */
export function errorCodeOf(error: unknown): string {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original.code;
  if (original instanceof ArgumentValidationError) return ErrorCode.BAD_USER_INPUT;
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    if (
      typeof code === 'string' &&
      (PASS_THROUGH_CODES.has(code) || (Object.values(ErrorCode) as string[]).includes(code))
    ) {
      return code;
    }
    // Errors from graphql-js itself (no original error) are request problems, not crashes.
    if (original.originalError === undefined) return typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED';
  }
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * One exhaustive mapping from what was thrown to what the client sees: a stable code and a message
 * written for the client. No stack, no SQL, no internals.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = errorCodeOf(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    const field = typeof original.details.field === 'string' ? { field: original.details.field } : {};
    // A business rule's stable reason code, and what it names: the course a training gate needs, or the
    // single-use challenge of a login that continues with a second factor (login.service.ts).
    const reason = typeof original.details.reason === 'string' ? { reason: original.details.reason } : {};
    const course = typeof original.details.course === 'string' ? { course: original.details.course } : {};
    const challenge = typeof original.details.challenge === 'string' ? { challenge: original.details.challenge } : {};
    return { ...base, message: original.message, extensions: { code, ...field, ...reason, ...course, ...challenge } };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = flattenValidation(original.extensions.validationErrors);
    const fields = original.extensions.validationErrors.map((e) => e.property);
    return {
      ...base,
      message: `Invalid input: ${problems.join('; ')}`,
      extensions: { code, fields, reason: InputReason.ARGUMENT_CONSTRAINT },
    };
  }
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { ...base, message: 'Internal server error', extensions: { code } };
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT.test(formatted.message)) {
    return { ...base, message: limitMessages.tokens, extensions: { code } };
  }
  if (code === ErrorCode.BAD_USER_INPUT) {
    // Refused by the GraphQL layer before a resolver ran: the input guard names its reason; anything else
    // is a variable whose value does not fit its type (Apollo's coercion). Every BAD_USER_INPUT has a reason.
    const own = original instanceof GraphQLError ? original.extensions?.reason : undefined;
    const reason = typeof own === 'string' ? own : InputReason.INVALID_VARIABLE;
    return { ...base, message: formatted.message, extensions: { code, reason } };
  }
  return { ...base, message: formatted.message, extensions: { code } };
}
