/**
 * Why the records module refused input (`extensions.reason` of BAD_USER_INPUT): corrections and legal holds.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum RecordsReason {
  /** A correction to the value the record already has. */
  CORRECTION_CHANGES_NOTHING = 'CORRECTION_CHANGES_NOTHING',
  /** The case is already under a legal hold. */
  ALREADY_ON_LEGAL_HOLD = 'ALREADY_ON_LEGAL_HOLD',
  /** The case is not under a legal hold, so there is none to lift. */
  NOT_ON_LEGAL_HOLD = 'NOT_ON_LEGAL_HOLD',
}

declare module '../../shared/errors' {
  interface InputReasons {
    records: RecordsReason;
  }
}
