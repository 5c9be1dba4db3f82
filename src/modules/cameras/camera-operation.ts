import { addDays, daysBetween } from '../training/certification-status';

/** A permit "expires soon" this many days ahead (shown in the owner's overview and the follow-up). */
export const PERMIT_WARNING_DAYS = 90;

export enum CameraStatus {
  IN_OPERATION = 'IN_OPERATION',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  /** Not yet in operation: `operatingSince` lies ahead. */
  NOT_STARTED = 'NOT_STARTED',
  DECOMMISSIONED = 'DECOMMISSIONED',
}

export enum PermitStatus {
  VALID = 'VALID',
  /** Valid, but ends within PERMIT_WARNING_DAYS days. */
  EXPIRES_SOON = 'EXPIRES_SOON',
  EXPIRED = 'EXPIRED',
  /** Decided, not yet in force. */
  NOT_YET_VALID = 'NOT_YET_VALID',
}

export interface CameraDates {
  operatingSince: string;
  decommissionedOn: string | null;
  permitDecidedOn: string;
  permitValidUntil: string;
}

export interface OutageDates {
  startedOn: string;
  /** Null while the outage lasts. */
  endedOn: string | null;
}

const max = (a: string, b: string): string => (a > b ? a : b); // YYYY-MM-DD compares as text
const min = (a: string, b: string): string => (a < b ? a : b);

export function permitStatus(camera: CameraDates, today: string): PermitStatus {
  if (today < camera.permitDecidedOn) return PermitStatus.NOT_YET_VALID;
  if (today > camera.permitValidUntil) return PermitStatus.EXPIRED;
  if (daysBetween(today, camera.permitValidUntil) <= PERMIT_WARNING_DAYS) return PermitStatus.EXPIRES_SOON;
  return PermitStatus.VALID;
}

/** Whether the outage covers the day (an open outage lasts until further notice). */
const covers = (o: OutageDates, day: string): boolean => o.startedOn <= day && (o.endedOn === null || day <= o.endedOn);

export function cameraStatus(camera: CameraDates, outages: readonly OutageDates[], today: string): CameraStatus {
  if (camera.decommissionedOn !== null && camera.decommissionedOn < today) return CameraStatus.DECOMMISSIONED;
  if (today < camera.operatingSince) return CameraStatus.NOT_STARTED;
  return outages.some((o) => covers(o, today)) ? CameraStatus.OUT_OF_ORDER : CameraStatus.IN_OPERATION;
}

/**
 * Days of the calendar year on which the camera was in operation, up to and including `today`:
 * from `operatingSince` to the decommissioning day, less the days covered by an outage (overlapping
 * outages counted once).
 */
export function daysInOperation(
  camera: CameraDates,
  outages: readonly OutageDates[],
  year: number,
  today: string,
): number {
  const first = max(`${year}-01-01`, camera.operatingSince);
  let last = min(`${year}-12-31`, today);
  if (camera.decommissionedOn !== null) last = min(last, camera.decommissionedOn);
  if (last < first) return 0;
  // Merge the outages clipped to [first, last], then subtract their length.
  const spans = outages
    .map((o) => [max(o.startedOn, first), min(o.endedOn ?? last, last)] as const)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0].localeCompare(y[0]));
  let down = 0;
  let open: [string, string] | null = null;
  for (const [a, b] of spans) {
    if (open !== null && a <= addDays(open[1], 1)) {
      open[1] = max(open[1], b);
      continue;
    }
    if (open !== null) down += daysBetween(open[0], open[1]) + 1;
    open = [a, b];
  }
  if (open !== null) down += daysBetween(open[0], open[1]) + 1;
  return daysBetween(first, last) + 1 - down;
}

/** Whether an outage overlaps the days of a time window (footage from those days may be missing). */
export function outageDuring(outages: readonly OutageDates[], firstDay: string, lastDay: string): boolean {
  return outages.some((o) => o.startedOn <= lastDay && (o.endedOn === null || o.endedOn >= firstDay));
}
