/**
 * The error codes a client sees in `extensions.code`. Every module's exceptions map onto these;
 * anything else becomes INTERNAL_SERVER_ERROR with nothing of its cause in the response.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The database connection was lost during COMMIT: the change may or may not have been stored. */
  COMMIT_OUTCOME_UNKNOWN = 'COMMIT_OUTCOME_UNKNOWN',
}

/** An error whose message is written for the client. Never put personal data or secrets in it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The one answer for "does not exist" and "you may not see it": the two must be indistinguishable. */
export const notFound = (what = 'Record'): AppError => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const unauthenticated = (): AppError => new AppError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
export const forbidden = (message = 'Not allowed'): AppError => new AppError(ErrorCode.FORBIDDEN, message);
export const badInput = (field: string, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
export const rateLimited = (message: string): AppError => new AppError(ErrorCode.RATE_LIMITED, message);
