/**
 * Why the meetings module refused input (`extensions.reason` of BAD_USER_INPUT): coordination meetings and
 * their actions.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum MeetingReason {
  /** An attending organisation is not one of the caller's partnerships. */
  ORGANISATION_OUTSIDE_PARTNERSHIPS = 'ORGANISATION_OUTSIDE_PARTNERSHIPS',
  /** An attendee is not a person of an attending organisation. */
  ATTENDEE_NOT_OF_ATTENDING_ORGANISATION = 'ATTENDEE_NOT_OF_ATTENDING_ORGANISATION',
  /** An action's owner organisation must attend and may see the case. */
  OWNER_NOT_ATTENDING_WITH_ACCESS = 'OWNER_NOT_ATTENDING_WITH_ACCESS',
  /** An action's owner is a person of the owner organisation. */
  OWNER_USER_NOT_OF_OWNER_ORGANISATION = 'OWNER_USER_NOT_OF_OWNER_ORGANISATION',
}

declare module '../../shared/errors' {
  interface InputReasons {
    meetings: MeetingReason;
  }
}
