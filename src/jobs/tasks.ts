import type { Task, TaskList } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { JobsConfig } from '../config/jobs';
import type { Logger } from '../config/logger';
import type { Mailer } from '../modules/notifications/notification.mail';
import { NotificationJobs } from '../modules/notifications/notification.jobs';
import { runRetention } from '../modules/records/retention.service';
import { UUID } from '../shared/ids';

/** What every task may use: the API's data source (acting as samverkan_app) and, with SMTP_URL, the mailer. */
export interface JobContext {
  dataSource: DataSource;
  logger: Logger;
  config: JobsConfig;
  mailer: Mailer | undefined;
}

/** The task names: the registry's keys, the crontab's and addJob's identifiers. */
export enum JobName {
  /** Raise due notifications (new tasks, incoming shares, actions due soon, break-the-glass to review); queue their e-mails. */
  NOTIFICATIONS_SCAN = 'notifications-scan',
  /** E-mail one person that something is waiting (payload `{ userId }`). */
  NOTIFICATION_MAIL = 'notification-mail',
  /** Records-law retention (docs/records.md): what `npm run retention` does, audited alike. */
  RECORDS_RETENTION = 'records-retention',
}

/** The registry: task name → handler. A handler that throws is retried by the queue with backoff. */
export function taskList(ctx: JobContext): TaskList {
  const notifications = new NotificationJobs(ctx.dataSource, ctx.config.dueSoonDays);
  const log = ctx.logger.child({ component: 'jobs' });
  const tasks: Record<JobName, Task> = {
    [JobName.NOTIFICATIONS_SCAN]: async (_payload, helpers) => {
      const recipients = await notifications.scan();
      if (!ctx.mailer) return;
      // One mail job per person; the job key keeps at most one waiting per person.
      for (const userId of recipients)
        await helpers.addJob(
          JobName.NOTIFICATION_MAIL,
          { userId },
          { jobKey: `notification-mail:${userId}`, maxAttempts: 10 },
        );
    },
    [JobName.NOTIFICATION_MAIL]: async (payload) => {
      const userId = (payload as { userId?: unknown } | null)?.userId;
      if (typeof userId !== 'string' || !UUID.test(userId))
        throw new Error('notification-mail: payload without a user id');
      if (!ctx.mailer) return;
      const sent = await notifications.mail(ctx.mailer, userId);
      // Ids only: never an address or a kind of content in the log.
      if (sent) log.info({ job: JobName.NOTIFICATION_MAIL, userId }, 'notification e-mail sent');
    },
    [JobName.RECORDS_RETENTION]: async () => {
      const report = await runRetention(ctx.dataSource, { dryRun: false });
      const deleted = Object.fromEntries(Object.entries(report.records).map(([type, ids]) => [type, ids.length]));
      log.info({ job: JobName.RECORDS_RETENTION, deleted, batches: report.batches }, 'retention ran');
    },
  };
  return tasks;
}

/**
 * The crontab (UTC): the notification scan every minute, retention at RETENTION_CRON. graphile-worker
 * records each run of a cron item in graphile_worker.known_crontabs, so however many processes run
 * the queue, each time slot makes one job.
 */
export function crontab(config: JobsConfig): string {
  return [
    `* * * * * ${JobName.NOTIFICATIONS_SCAN} ?max=1&jobKey=${JobName.NOTIFICATIONS_SCAN}`,
    `${config.retentionCron} ${JobName.RECORDS_RETENTION} ?max=3&jobKey=${JobName.RECORDS_RETENTION}`,
  ].join('\n');
}
