import { badInput, type AppError } from './errors';

/**
 * Dates that make sense: the rules every module applies to dates people enter, each refusal a
 * `BAD_USER_INPUT` with the field, a stable `reason` code and a message in Swedish and English.
 * Calendar dates are Swedish local dates (`YYYY-MM-DD`, which compare as text).
 */
export enum DateRuleReason {
  /** An activity is marked done before it has started. */
  NOT_STARTED_YET = 'NOT_STARTED_YET',
  /** People reached are reported for an activity that has not started. */
  PEOPLE_REACHED_BEFORE_START = 'PEOPLE_REACHED_BEFORE_START',
  /** A meeting is recorded as held on a day that has not come yet. */
  MEETING_IN_FUTURE = 'MEETING_IN_FUTURE',
  /** A due date lies before the day the task or action was created. */
  DUE_BEFORE_CREATION = 'DUE_BEFORE_CREATION',
}

const MESSAGES: Record<DateRuleReason, string> = {
  [DateRuleReason.NOT_STARTED_YET]:
    'aktiviteten har inte börjat och kan inte markeras som genomförd / the activity has not started and cannot be marked done',
  [DateRuleReason.PEOPLE_REACHED_BEFORE_START]:
    'antal nådda personer kan anges först när aktiviteten har börjat / people reached can be given only once the activity has started',
  [DateRuleReason.MEETING_IN_FUTURE]:
    'ett möte kan inte ha hållits i framtiden / a meeting cannot have been held in the future',
  [DateRuleReason.DUE_BEFORE_CREATION]:
    'förfallodagen får inte ligga före dagen då den skapades / the due date must not be before the day it was created',
};

declare module './errors' {
  interface InputReasons {
    dates: DateRuleReason;
  }
}

export function dateRuleError(field: string, reason: DateRuleReason): AppError {
  return badInput(field, reason, MESSAGES[reason]);
}

/** The calendar date of an instant in Swedish local time. */
export function swedishDate(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** An activity starting at `startsAt` may be DONE and report people reached only once it has started. */
export function checkActivityDates(
  input: { startsAt: Date; done: boolean; peopleReached: number | null },
  now: Date = new Date(),
): void {
  if (input.startsAt.getTime() <= now.getTime()) return;
  if (input.done) throw dateRuleError('status', DateRuleReason.NOT_STARTED_YET);
  if (input.peopleReached !== null) throw dateRuleError('peopleReached', DateRuleReason.PEOPLE_REACHED_BEFORE_START);
}

/** A meeting is held today or earlier (Swedish dates). */
export function checkHeldOn(field: string, heldOn: string, today: string): void {
  if (heldOn > today) throw dateRuleError(field, DateRuleReason.MEETING_IN_FUTURE);
}

/** A due date is on or after the day its task or action was created (Swedish dates). */
export function checkDueOn(field: string, dueOn: string, createdOn: string): void {
  if (dueOn < createdOn) throw dateRuleError(field, DateRuleReason.DUE_BEFORE_CREATION);
}
