/**
 * Why the cameras module refused input (`extensions.reason` of BAD_USER_INPUT): cameras, permits, outages and
 * footage requests.
 * Each value is stable: clients and tests match on it; the message beside it is for people.
 */
export enum CameraReason {
  /** The place is not one of the caller's partnerships. */
  UNKNOWN_PLACE = 'UNKNOWN_PLACE',
  /** The commitment is not one of the camera's partnership. */
  UNKNOWN_COMMITMENT = 'UNKNOWN_COMMITMENT',
  /** The case is not one the caller works. */
  UNKNOWN_CASE = 'UNKNOWN_CASE',
  /** A camera does not move; record a new camera at the other place. */
  CAMERA_PLACE_FIXED = 'CAMERA_PLACE_FIXED',
  /** A permit cannot end before it was decided. */
  PERMIT_ENDS_BEFORE_DECISION = 'PERMIT_ENDS_BEFORE_DECISION',
  /** A camera cannot be taken down before it started. */
  DECOMMISSIONED_BEFORE_START = 'DECOMMISSIONED_BEFORE_START',
  /** An outage is recorded when it has begun, and ends no later than today. */
  OUTAGE_IN_FUTURE = 'OUTAGE_IN_FUTURE',
  /** The camera was not yet in operation when the outage began. */
  OUTAGE_BEFORE_OPERATION = 'OUTAGE_BEFORE_OPERATION',
  /** An outage ends on or after the day it began. */
  OUTAGE_ENDS_BEFORE_START = 'OUTAGE_ENDS_BEFORE_START',
  /** The camera already has an outage that has not ended. */
  OUTAGE_ALREADY_OPEN = 'OUTAGE_ALREADY_OPEN',
  /** The outage has already ended. */
  OUTAGE_ALREADY_ENDED = 'OUTAGE_ALREADY_ENDED',
  /** A footage window ends after it starts. */
  WINDOW_EMPTY = 'WINDOW_EMPTY',
  /** Footage can be requested only for time that has passed. */
  WINDOW_IN_FUTURE = 'WINDOW_IN_FUTURE',
  /** A footage request covers at most the longest window allowed. */
  WINDOW_TOO_LONG = 'WINDOW_TOO_LONG',
  /** The footage of the window has been erased (the camera's retention). */
  FOOTAGE_PAST_RETENTION = 'FOOTAGE_PAST_RETENTION',
  /** The camera was not in operation during the window. */
  CAMERA_NOT_IN_OPERATION = 'CAMERA_NOT_IN_OPERATION',
  /** No permit covered the camera during the whole window. */
  PERMIT_NOT_VALID_FOR_WINDOW = 'PERMIT_NOT_VALID_FOR_WINDOW',
  /** The footage request has already been decided or withdrawn. */
  REQUEST_ALREADY_DECIDED = 'REQUEST_ALREADY_DECIDED',
  /** A decision is dated in the future. */
  DECISION_IN_FUTURE = 'DECISION_IN_FUTURE',
  /** A decision is dated before the request was made. */
  DECISION_BEFORE_REQUEST = 'DECISION_BEFORE_REQUEST',
}

declare module '../../shared/errors' {
  interface InputReasons {
    cameras: CameraReason;
  }
}
