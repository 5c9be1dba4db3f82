import { OrganisationKind } from '../../access/roles';

/** What retention deletes (docs/records.md). */
export enum RetentionRecordType {
  /** A closed case and everything in it (members, shares, tasks, meetings, notes, assessments, history, corrections). */
  CLOSED_CASE = 'CLOSED_CASE',
  /** A share ended by the owner (revoked). */
  ENDED_SHARE = 'ENDED_SHARE',
  /** A share on a consent that expired or was withdrawn. */
  EXPIRED_CONSENT = 'EXPIRED_CONSENT',
}

export interface RetentionRule {
  /** Months after the last entry (closed case) or the end (share, consent) before deletion. */
  months: number;
  /** Where the period comes from. */
  source: string;
}

/** Per record type and the owner organisation's kind. */
export type RetentionSchedule = Record<RetentionRecordType, Record<OrganisationKind, RetentionRule>>;

const everyKind = (rule: RetentionRule): Record<OrganisationKind, RetentionRule> =>
  Object.fromEntries(Object.values(OrganisationKind).map((k) => [k, rule])) as Record<OrganisationKind, RetentionRule>;

/**
 * The documented defaults. Each is a starting point for the organisation's own information-management
 * plan (dokumenthanteringsplan), which decides: override them with RETENTION_SCHEDULE.
 */
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  [RetentionRecordType.CLOSED_CASE]: {
    ...everyKind({
      months: 60,
      source:
        'Five years after the last entry: the storage-limitation principle (GDPR art. 5(1)(e)); the owner sets its own period',
    }),
    [OrganisationKind.SOCIAL_SERVICES]: {
      months: 60,
      source:
        'Social-services case records: deletion (gallring) five years after the last entry under the Social Services Act, unless a longer period applies (e.g. records about children) — see docs/records.md',
    },
  },
  [RetentionRecordType.ENDED_SHARE]: everyKind({
    months: 12,
    source:
      'One year after a share ended: kept for follow-up of the disclosure, then storage limitation (GDPR art. 5(1)(e))',
  }),
  [RetentionRecordType.EXPIRED_CONSENT]: everyKind({
    months: 12,
    source: 'One year after a consent expired or was withdrawn: storage limitation (GDPR art. 5(1)(e))',
  }),
};

/**
 * The schedule in force: the defaults with RETENTION_SCHEDULE's overrides, JSON such as
 * `{"CLOSED_CASE":{"POLICE":{"months":36,"source":"…"}}}`.
 */
export function retentionSchedule(overrides: string | undefined = process.env.RETENTION_SCHEDULE): RetentionSchedule {
  const schedule = structuredClone(DEFAULT_RETENTION_SCHEDULE);
  if (!overrides) return schedule;
  const parsed = JSON.parse(overrides) as Partial<Record<string, Partial<Record<string, RetentionRule>>>>;
  for (const [type, kinds] of Object.entries(parsed)) {
    if (!(type in schedule)) throw new Error(`RETENTION_SCHEDULE: unknown record type ${type}`);
    for (const [kind, rule] of Object.entries(kinds ?? {})) {
      if (!(Object.values(OrganisationKind) as string[]).includes(kind))
        throw new Error(`RETENTION_SCHEDULE: unknown organisation kind ${kind}`);
      if (!rule || !Number.isInteger(rule.months) || rule.months < 1)
        throw new Error(`RETENTION_SCHEDULE: ${type}.${kind}.months must be a whole number of months, at least 1`);
      schedule[type as RetentionRecordType][kind as OrganisationKind] = {
        months: rule.months,
        source: typeof rule.source === 'string' ? rule.source : 'RETENTION_SCHEDULE',
      };
    }
  }
  return schedule;
}
