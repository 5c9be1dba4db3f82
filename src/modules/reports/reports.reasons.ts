/**
 * Why the reports module refused input (`extensions.reason` of BAD_USER_INPUT): safety surveys and effect
 * measures.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum ReportReason {
  /** The area is not one of the partnership. */
  UNKNOWN_AREA = 'UNKNOWN_AREA',
  /** The commitment is not one of the partnership. */
  UNKNOWN_COMMITMENT = 'UNKNOWN_COMMITMENT',
  /** A survey question appears twice. */
  QUESTION_REPEATED = 'QUESTION_REPEATED',
  /** An answer appears twice in a question. */
  ANSWER_REPEATED = 'ANSWER_REPEATED',
  /** A question's answer shares add up to more than 1. */
  SHARES_EXCEED_ONE = 'SHARES_EXCEED_ONE',
}

declare module '../../shared/errors' {
  interface InputReasons {
    reports: ReportReason;
  }
}
