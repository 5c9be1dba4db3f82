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

/**
 * Why input was refused when no module rule applies: the shape checks every module shares (an id, a date,
 * a text's length, a page size, a cursor), and the refusals of the GraphQL layer itself (the input types'
 * decorators, unusable characters, a variable of the wrong type), which `src/graphql/errors.ts` adds.
 * A module's own rules have the module's enum (`src/modules/<m>/<m>.reasons.ts`).
 */
export enum InputReason {
  /** Not an id (a UUID). */
  INVALID_ID = 'INVALID_ID',
  /** Not a calendar date `YYYY-MM-DD`, or not a date-time. */
  INVALID_DATE = 'INVALID_DATE',
  /** Not in the form the field takes (an e-mail address, a code, a type name). */
  INVALID_FORMAT = 'INVALID_FORMAT',
  /** A value the field needs is missing. */
  REQUIRED = 'REQUIRED',
  /** Not one of the field's values (an enum the schema already restricts, checked again). */
  UNKNOWN_VALUE = 'UNKNOWN_VALUE',
  /** A text is empty. */
  TEXT_EMPTY = 'TEXT_EMPTY',
  /** A text is longer than the field allows. */
  TEXT_TOO_LONG = 'TEXT_TOO_LONG',
  /** A text is empty or longer than the field allows (one check for both). */
  TEXT_LENGTH_OUT_OF_RANGE = 'TEXT_LENGTH_OUT_OF_RANGE',
  /** A text holds control characters. */
  CONTROL_CHARACTERS = 'CONTROL_CHARACTERS',
  /** A number outside the field's range. */
  NUMBER_OUT_OF_RANGE = 'NUMBER_OUT_OF_RANGE',
  /** A search of more words than the field allows. */
  TOO_MANY_WORDS = 'TOO_MANY_WORDS',
  /** A list with fewer or more items than the field allows. */
  LIST_SIZE_OUT_OF_RANGE = 'LIST_SIZE_OUT_OF_RANGE',
  /** The end of a range (dates, years, times) lies before its start. */
  RANGE_END_BEFORE_START = 'RANGE_END_BEFORE_START',
  /** A range longer than the field allows. */
  RANGE_TOO_LONG = 'RANGE_TOO_LONG',
  /** `first` of a page outside 1 … the list's maximum. */
  PAGE_SIZE_OUT_OF_RANGE = 'PAGE_SIZE_OUT_OF_RANGE',
  /** A cursor that is malformed, forged or made for another list. */
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** The input type's decorators refused an argument (`extensions.fields` names them). */
  ARGUMENT_CONSTRAINT = 'ARGUMENT_CONSTRAINT',
  /** A variable's text holds characters the API refuses everywhere (control, zero-width, text-direction). */
  UNUSABLE_CHARACTERS = 'UNUSABLE_CHARACTERS',
  /** A variable's value does not fit its GraphQL type. */
  INVALID_VARIABLE = 'INVALID_VARIABLE',
}

/**
 * Every enum of reasons `badInput` accepts, by owner. Each module's `<m>.reasons.ts` adds its enum here
 * (`declare module '…/shared/errors' { interface InputReasons { m: MReason } }`), so a reason is always a
 * member of a declared enum: a bare string does not compile.
 */
export interface InputReasons {
  input: InputReason;
}
export type Reason = InputReasons[keyof InputReasons];

/**
 * The one constructor of BAD_USER_INPUT: the field (`extensions.field`), the rule it broke
 * (`extensions.reason`, stable, for clients and tests) and a message for people (`field: message`).
 */
export const badInput = (field: string, reason: Reason, message: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, reason });
export const rateLimited = (message: string): AppError => new AppError(ErrorCode.RATE_LIMITED, message);
