/**
 * Why the indicators module refused input (`extensions.reason` of BAD_USER_INPUT): detection records.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum IndicatorReason {
  /** The indicator is not one the caller's organisation records. */
  UNKNOWN_INDICATOR = 'UNKNOWN_INDICATOR',
  /** The area is not one of the caller's partnerships. */
  UNKNOWN_AREA = 'UNKNOWN_AREA',
  /** A detection is dated in the future. */
  OCCURRED_IN_FUTURE = 'OCCURRED_IN_FUTURE',
  /** A detection is dated before the first year the tables cover. */
  OCCURRED_BEFORE_FIRST_YEAR = 'OCCURRED_BEFORE_FIRST_YEAR',
  /** The detection record is already voided. */
  ALREADY_VOIDED = 'ALREADY_VOIDED',
}

declare module '../../shared/errors' {
  interface InputReasons {
    indicators: IndicatorReason;
  }
}
