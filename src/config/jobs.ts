import { parseCronItems } from 'graphile-worker';

/** The job queue and e-mail settings (the `jobs` section of the configuration, docs/configuration.md). */
export interface JobsConfig {
  /** JOBS: run the job queue's worker in this process (default on; off with NODE_ENV=test, where tests start it). */
  enabled: boolean;
  /** Concurrent jobs in this process (JOB_CONCURRENCY). */
  concurrency: number;
  /** RETENTION_CRON: when records-law retention runs (five crontab fields, in UTC). */
  retentionCron: string;
  /** NOTIFICATION_DUE_SOON_DAYS: an action due within this many days raises an "due soon" notification. */
  dueSoonDays: number;
  /** SMTP_URL (or SMTP_URL_FILE): where e-mail notifications go; unset: no e-mail. A secret (it may hold a password). */
  smtpUrl: string | undefined;
  /** SMTP_FROM: the sender of e-mail notifications. */
  smtpFrom: string;
}

const CRON_FIELDS = /^\S+ \S+ \S+ \S+ \S+$/;

export function loadJobsConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  nodeEnv: string,
  int: (name: string, fallback: number, min: number, max: number) => number,
): JobsConfig {
  const jobs = env.JOBS?.trim().toLowerCase();
  if (jobs !== undefined && jobs !== '' && jobs !== 'on' && jobs !== 'off') problems.push('JOBS must be on or off');
  const retentionCron = env.RETENTION_CRON?.trim() || '0 3 * * *';
  let cronOk = CRON_FIELDS.test(retentionCron);
  if (cronOk) {
    try {
      parseCronItems([{ task: 'records-retention', match: retentionCron }]);
    } catch {
      cronOk = false;
    }
  }
  if (!cronOk) problems.push('RETENTION_CRON must be five crontab fields, e.g. "0 3 * * *"');
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      protocol = '';
    }
    // The value may hold a password: the message names the setting, never the value.
    if (protocol !== 'smtp:' && protocol !== 'smtps:') problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  const smtpFrom = env.SMTP_FROM?.trim() || 'Samverkan <no-reply@samverkan.invalid>';
  if (!/^[^\r\n]{3,200}$/.test(smtpFrom) || !smtpFrom.includes('@'))
    problems.push('SMTP_FROM must be an e-mail address');
  return {
    enabled: jobs === undefined || jobs === '' ? nodeEnv !== 'test' : jobs === 'on',
    concurrency: int('JOB_CONCURRENCY', 2, 1, 50),
    retentionCron,
    dueSoonDays: int('NOTIFICATION_DUE_SOON_DAYS', 3, 1, 30),
    smtpUrl,
    smtpFrom,
  };
}
