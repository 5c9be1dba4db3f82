import type { DataSource } from 'typeorm';
import {
  BREAK_GLASS_RECIPIENT_ROLES,
  FINDING_RECIPIENT_ROLES,
  SHARE_RECIPIENT_ROLES,
} from '../../access/notification-access';
import { todayInSweden } from '../../shared/dates';
import { waitingMail, type Mailer } from './notification.mail';
import { NotificationRepository } from './notification.repository';

/** Work the job queue does for notifications (src/jobs/tasks.ts); no caller, so no audit of a read. */
export class NotificationJobs {
  private readonly repo = new NotificationRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dueSoonDays: number,
  ) {}

  /** Raises the notifications that are due; answers the recipients who have any not yet e-mailed. */
  async scan(now: Date = new Date()): Promise<string[]> {
    await this.dataSource.transaction((manager) =>
      this.repo.scan(manager, {
        today: todayInSweden(now),
        dueSoonDays: this.dueSoonDays,
        shareRecipientRoles: SHARE_RECIPIENT_ROLES,
        breakGlassRecipientRoles: BREAK_GLASS_RECIPIENT_ROLES,
        findingRecipientRoles: FINDING_RECIPIENT_ROLES,
      }),
    );
    return this.repo.unmailedRecipients(this.dataSource.manager);
  }

  /**
   * E-mails one recipient that something is waiting. The notifications are claimed and the mail sent
   * inside one transaction: a failed send rolls the claim back (the job is retried), and a second
   * worker claiming at the same time waits for this one and then finds nothing, so nobody gets a mail twice.
   */
  async mail(mailer: Mailer, userId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await this.repo.claimUnmailed(manager, userId);
      if (!claimed) return false;
      try {
        await mailer.send(claimed.email, waitingMail(claimed.kinds));
      } catch (error) {
        // The SMTP server's answer may quote the address: the queue's log and job row get a code only.
        const code = (error as { code?: unknown }).code;
        throw new Error(`e-mail not sent${typeof code === 'string' ? ` (${code})` : ''}`);
      }
      return true;
    });
  }
}
