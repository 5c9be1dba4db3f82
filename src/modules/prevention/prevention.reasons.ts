/**
 * Why the prevention module refused input (`extensions.reason` of BAD_USER_INPUT): activities, findings,
 * commitments and places.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum PreventionReason {
  /** The area is not one of the caller's partnerships' areas. */
  UNKNOWN_AREA = 'UNKNOWN_AREA',
  /** The place is not a place of the area. */
  UNKNOWN_PLACE_IN_AREA = 'UNKNOWN_PLACE_IN_AREA',
  /** The commitment is not one of the area's partnership. */
  UNKNOWN_COMMITMENT_IN_AREA = 'UNKNOWN_COMMITMENT_IN_AREA',
  /** The partnership is not one of the caller's. */
  UNKNOWN_PARTNERSHIP = 'UNKNOWN_PARTNERSHIP',
  /** The activity a finding is followed up in is unknown, or is the finding's own. */
  UNKNOWN_FOLLOW_UP_ACTIVITY = 'UNKNOWN_FOLLOW_UP_ACTIVITY',
  /** The organisation is not one of the caller's partnerships. */
  ORGANISATION_OUTSIDE_PARTNERSHIPS = 'ORGANISATION_OUTSIDE_PARTNERSHIPS',
  /** A commitment has at least one responsible organisation. */
  RESPONSIBLE_ORGANISATION_REQUIRED = 'RESPONSIBLE_ORGANISATION_REQUIRED',
  /** A responsible organisation is not one of the commitment's partnership. */
  RESPONSIBLE_ORGANISATION_OUTSIDE_PARTNERSHIP = 'RESPONSIBLE_ORGANISATION_OUTSIDE_PARTNERSHIP',
  /** The partnership is closed: no new commitments. */
  PARTNERSHIP_CLOSED = 'PARTNERSHIP_CLOSED',
  /** A commitment cannot move to another partnership. */
  COMMITMENT_PARTNERSHIP_FIXED = 'COMMITMENT_PARTNERSHIP_FIXED',
  /** A place cannot move to another area. */
  PLACE_AREA_FIXED = 'PLACE_AREA_FIXED',
  /** The area already has a place of this name. */
  PLACE_NAME_TAKEN = 'PLACE_NAME_TAKEN',
  /** A completed activity cannot be cancelled. */
  COMPLETED_ACTIVITY_NOT_CANCELLABLE = 'COMPLETED_ACTIVITY_NOT_CANCELLABLE',
}

declare module '../../shared/errors' {
  interface InputReasons {
    prevention: PreventionReason;
  }
}
