/**
 * Why the cases module refused (`extensions.reason`): BAD_USER_INPUT for a broken case rule, and the two
 * FORBIDDEN answers of the training gate on risk assessments (NO_TRAINING_GATE, CERTIFICATE_MISSING).
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum CaseReason {
  /** The case is closed: no more work on it. */
  CASE_CLOSED = 'CASE_CLOSED',
  /** Nobody adds themselves to a case. */
  SELF_ADD = 'SELF_ADD',
  /** The user is not one of the caller's organisation. */
  UNKNOWN_USER = 'UNKNOWN_USER',
  /** The user holds no role that works cases (social worker, police liaison). */
  USER_DOES_NOT_WORK_CASES = 'USER_DOES_NOT_WORK_CASES',
  /** The user is already a member of the case. */
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  /** The user is not a member of the case. */
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  /** The last member of the owner organisation cannot be removed. */
  LAST_OWNER_MEMBER = 'LAST_OWNER_MEMBER',
  /** The user is not a member of a partner organisation on the case. */
  NOT_A_PARTNER_MEMBER = 'NOT_A_PARTNER_MEMBER',
  /** The organisation is not one of the case (owner or shared with). */
  ORGANISATION_NOT_ON_CASE = 'ORGANISATION_NOT_ON_CASE',
  /** The organisation is not one of the caller's partnerships. */
  ORGANISATION_OUTSIDE_PARTNERSHIPS = 'ORGANISATION_OUTSIDE_PARTNERSHIPS',
  /** The assigned organisation could not see the task (its audience or the legal basis). */
  ASSIGNEE_CANNOT_SEE_TASK = 'ASSIGNEE_CANNOT_SEE_TASK',
  /** The assigned person is not a member of the case in the assigned organisation. */
  ASSIGNEE_NOT_A_MEMBER = 'ASSIGNEE_NOT_A_MEMBER',
  /** A risk assessment is dated in the future. */
  ASSESSMENT_IN_FUTURE = 'ASSESSMENT_IN_FUTURE',
  /** A risk assessment is dated too far back. */
  ASSESSMENT_TOO_OLD = 'ASSESSMENT_TOO_OLD',
  /** FORBIDDEN: the organisation has no training gate for the assessment method, so nobody records it. */
  NO_TRAINING_GATE = 'NO_TRAINING_GATE',
  /** FORBIDDEN: the caller holds no valid certificate of the course the training gate names. */
  CERTIFICATE_MISSING = 'CERTIFICATE_MISSING',
  /** The case is already shared with the organisation on an active legal basis. */
  ALREADY_SHARED = 'ALREADY_SHARED',
  /** No version of the legal ground is in force today. */
  LEGAL_GROUND_NOT_IN_FORCE = 'LEGAL_GROUND_NOT_IN_FORCE',
  /** A statutory basis names its statutory ground. */
  STATUTORY_GROUND_REQUIRED = 'STATUTORY_GROUND_REQUIRED',
  /** A statutory basis takes no consent fields. */
  STATUTORY_BASIS_WITH_CONSENT = 'STATUTORY_BASIS_WITH_CONSENT',
  /** A consent takes no statutory ground. */
  CONSENT_WITH_STATUTORY_GROUND = 'CONSENT_WITH_STATUTORY_GROUND',
  /** A consent states its scope. */
  CONSENT_SCOPE_REQUIRED = 'CONSENT_SCOPE_REQUIRED',
  /** A consent is given on a day that has not come. */
  CONSENT_GIVEN_IN_FUTURE = 'CONSENT_GIVEN_IN_FUTURE',
  /** A consent states when it expires. */
  CONSENT_EXPIRY_REQUIRED = 'CONSENT_EXPIRY_REQUIRED',
  /** The consent's expiry lies in the past (a consent expires in the future). */
  CONSENT_EXPIRY_IN_PAST = 'CONSENT_EXPIRY_IN_PAST',
  /** A consent lasts at most the longest period allowed after it was given. */
  CONSENT_TOO_LONG = 'CONSENT_TOO_LONG',
  /** Only a consent can be withdrawn (a statutory share is ended). */
  ONLY_CONSENT_WITHDRAWABLE = 'ONLY_CONSENT_WITHDRAWABLE',
  /** The consent is already withdrawn. */
  CONSENT_ALREADY_WITHDRAWN = 'CONSENT_ALREADY_WITHDRAWN',
  /** The share is already ended. */
  SHARE_ALREADY_ENDED = 'SHARE_ALREADY_ENDED',
  /** The share is already taken: a member of the organisation adds the caller to the case. */
  SHARE_ALREADY_TAKEN = 'SHARE_ALREADY_TAKEN',
  /** A member of the case needs no break-the-glass access. */
  BREAK_GLASS_NOT_NEEDED = 'BREAK_GLASS_NOT_NEEDED',
  /** The break-the-glass access is already reviewed. */
  BREAK_GLASS_ALREADY_REVIEWED = 'BREAK_GLASS_ALREADY_REVIEWED',
}

declare module '../../shared/errors' {
  interface InputReasons {
    cases: CaseReason;
  }
}
