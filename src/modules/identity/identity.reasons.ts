/**
 * Why the identity module refused input (`extensions.reason` of BAD_USER_INPUT): users, roles, passwords,
 * second factors and partnerships.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum IdentityReason {
  /** The password does not meet the password policy (the message says which rule). */
  PASSWORD_POLICY = 'PASSWORD_POLICY',
  /** A new password equal to the current one. */
  PASSWORD_UNCHANGED = 'PASSWORD_UNCHANGED',
  /** The e-mail address cannot be used for a new account (never says why: no account enumeration). */
  EMAIL_UNAVAILABLE = 'EMAIL_UNAVAILABLE',
  /** An administrator cannot disable their own account. */
  SELF_DISABLE = 'SELF_DISABLE',
  /** A user holds at least one role. */
  ROLE_REQUIRED = 'ROLE_REQUIRED',
  /** The role cannot be held in an organisation of this kind. */
  ROLE_NOT_FOR_ORGANISATION_KIND = 'ROLE_NOT_FOR_ORGANISATION_KIND',
  /** The role change breaks separation of duties (`src/access/separation-of-duties.ts`). */
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  /** A second factor is already enrolled; an administrator resets it. */
  SECOND_FACTOR_ALREADY_ENROLLED = 'SECOND_FACTOR_ALREADY_ENROLLED',
  /** No second-factor enrolment is waiting for confirmation. */
  NO_ENROLMENT_WAITING = 'NO_ENROLMENT_WAITING',
  /** An administrator cannot reset their own second factor. */
  SELF_SECOND_FACTOR_RESET = 'SELF_SECOND_FACTOR_RESET',
  /** The partnership is already closed. */
  PARTNERSHIP_ALREADY_CLOSED = 'PARTNERSHIP_ALREADY_CLOSED',
  /** The partnership can be closed only from its end date on. */
  PARTNERSHIP_STILL_RUNNING = 'PARTNERSHIP_STILL_RUNNING',
}

declare module '../../shared/errors' {
  interface InputReasons {
    identity: IdentityReason;
  }
}
