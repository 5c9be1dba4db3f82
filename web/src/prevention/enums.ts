import type { CommitmentStatus, PreventionActivityStatus, PreventionActivityType, Visibility } from '../gql/graphql';

/** Every value of an enum, checked complete by the compiler (a new value in the schema fails here). */
const all = <T extends string>(values: Record<T, true>): T[] => Object.keys(values) as T[];

export const ACTIVITY_TYPES = all<PreventionActivityType>({
  SAFETY_WALK: true,
  SAFETY_PATROL: true,
  PARENT_WALK: true,
  NEIGHBOURHOOD_WATCH: true,
  YOUTH_OUTREACH: true,
  SCHOOL_PROGRAMME: true,
  INFORMATION_CAMPAIGN: true,
  STAFF_CONSULTATION: true,
  CAMERA_SURVEILLANCE: true,
  GUARD_PATROL: true,
  OTHER: true,
});
export const ACTIVITY_STATUSES = all<PreventionActivityStatus>({ PLANNED: true, DONE: true, CANCELLED: true });
export const VISIBILITIES = all<Visibility>({ ORGANISATION: true, PARTNERSHIP: true });
export const COMMITMENT_STATUSES = all<CommitmentStatus>({ ACTIVE: true, COMPLETED: true, CANCELLED: true });
