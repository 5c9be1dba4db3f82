/**
 * Why an idempotency key was refused (`extensions.reason` of BAD_USER_INPUT).
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum IdempotencyReason {
  /** The key was already used for a different request. */
  KEY_REUSED = 'KEY_REUSED',
}

declare module '../../shared/errors' {
  interface InputReasons {
    idempotency: IdempotencyReason;
  }
}
