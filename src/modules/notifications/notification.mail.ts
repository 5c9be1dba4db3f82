import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { NotificationKind } from './notification.repository';

/** One e-mail: that something is waiting, how many of each kind. */
export interface WaitingMail {
  subject: string;
  text: string;
}

const SWEDISH: Record<NotificationKind, [string, string]> = {
  [NotificationKind.TASK_ASSIGNED]: ['ny uppgift', 'nya uppgifter'],
  [NotificationKind.SHARE_RECEIVED]: ['inkommande delning', 'inkommande delningar'],
  [NotificationKind.ACTION_DUE_SOON]: ['åtgärd med snart förfallodag', 'åtgärder med snart förfallodag'],
  [NotificationKind.BREAK_GLASS_REVIEW]: ['nödåtkomst att granska', 'nödåtkomster att granska'],
};
const ENGLISH: Record<NotificationKind, [string, string]> = {
  [NotificationKind.TASK_ASSIGNED]: ['new task', 'new tasks'],
  [NotificationKind.SHARE_RECEIVED]: ['incoming share', 'incoming shares'],
  [NotificationKind.ACTION_DUE_SOON]: ['action due soon', 'actions due soon'],
  [NotificationKind.BREAK_GLASS_REVIEW]: ['break-the-glass access to review', 'break-the-glass accesses to review'],
};

/**
 * The mail says only that something is waiting, and how many of each kind: no case, no name, no
 * text, not even an id (a mailbox is outside the need-to-know boundary). Swedish first, then English.
 */
export function waitingMail(kinds: readonly NotificationKind[]): WaitingMail {
  const counts = new Map<NotificationKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const lines = (words: Record<NotificationKind, [string, string]>): string[] =>
    Object.values(NotificationKind)
      .filter((k) => counts.has(k))
      .map((k) => `- ${counts.get(k)} ${words[k][counts.get(k) === 1 ? 0 : 1]}`);
  return {
    subject: 'Något väntar på dig i Samverkan / Something is waiting for you in Samverkan',
    text: [
      'Något väntar på dig i Samverkan:',
      ...lines(SWEDISH),
      '',
      'Logga in i Samverkan för att se vad det gäller. Svara inte på det här meddelandet.',
      '',
      'Something is waiting for you in Samverkan:',
      ...lines(ENGLISH),
      '',
      'Sign in to Samverkan to see what it is. Do not reply to this message.',
      '',
    ].join('\n'),
  };
}

/** Sends e-mail through SMTP_URL (nodemailer). */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(to: string, mail: WaitingMail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: mail.subject, text: mail.text });
  }

  close(): void {
    this.transport.close();
  }
}
