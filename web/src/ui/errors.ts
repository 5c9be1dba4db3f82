import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What went wrong, as a person needs to know it; never the raw GraphQL message. */
export type ErrorKind = 'network' | 'session' | 'forbidden' | 'notFound' | 'input' | 'rateLimited' | 'server';

export function errorCodes(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.map((e) => String(e.extensions?.code ?? ''));
}

/** The field a BAD_USER_INPUT error names (`extensions.field`), if any. */
export function errorField(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT')?.extensions?.field;
  return typeof field === 'string' ? field : undefined;
}

export function errorKind(error: unknown): ErrorKind {
  if (CombinedGraphQLErrors.is(error)) {
    const code = errorCodes(error)[0];
    switch (code) {
      case 'UNAUTHENTICATED':
        return 'session';
      case 'FORBIDDEN':
        return 'forbidden';
      case 'NOT_FOUND':
        return 'notFound';
      case 'BAD_USER_INPUT':
        return 'input';
      case 'RATE_LIMITED':
        return 'rateLimited';
      default:
        return 'server';
    }
  }
  if (ServerError.is(error)) return 'server';
  if (typeof navigator !== 'undefined' && !navigator.onLine) return 'network';
  if (error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message))) return 'network';
  return 'server';
}
