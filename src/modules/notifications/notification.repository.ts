import type { EntityManager } from 'typeorm';
import { addDays } from '../../shared/dates';
import { activeShareSql, assignedToSql } from '../cases/case-repository.support';

/** What a notification says is waiting. */
export enum NotificationKind {
  /** A case task was assigned to the recipient. */
  TASK_ASSIGNED = 'TASK_ASSIGNED',
  /** A case was shared with the recipient's organisation. */
  SHARE_RECEIVED = 'SHARE_RECEIVED',
  /** A case task, meeting action or finding's action of the recipient is due soon. */
  ACTION_DUE_SOON = 'ACTION_DUE_SOON',
  /** A break-the-glass access to a case of the recipient's organisation awaits review. */
  BREAK_GLASS_REVIEW = 'BREAK_GLASS_REVIEW',
}

export interface NotificationRow {
  id: string;
  recipientUserId: string;
  recipientOrganisationId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationPageQuery {
  unreadOnly: boolean;
  /** The id of the last notification of the previous page. */
  after: string | null;
  limit: number;
}

/** A recipient with notifications not yet e-mailed. */
export interface MailRecipient {
  userId: string;
  email: string;
}

const COLUMNS = `n.id, n.recipient_user_id AS "recipientUserId", n.recipient_organisation_id AS "recipientOrganisationId",
  n.kind, n.subject_type AS "subjectType", n.subject_id AS "subjectId", n.case_id AS "caseId",
  n.created_at AS "createdAt", n.read_at AS "readAt"`;

/** Items older than this raise no notification: a first scan after installing does not flood anyone. */
const RECENT = `interval '14 days'`;
/** Enabled users holding one of the roles `$roles` (a text array parameter). */
const holds = (user: string, roles: string): string =>
  `EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ${user}.id AND r.role::text = ANY(${roles}::text[])) AND ${user}.disabled_at IS NULL`;
const OPEN = `('OPEN', 'IN_PROGRESS')`;
const INSERT = `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id, case_id)`;
const ONCE = `ON CONFLICT ON CONSTRAINT notification_once DO NOTHING RETURNING recipient_user_id AS "userId"`;

export interface ScanParameters {
  /** Swedish calendar date of today. */
  today: string;
  dueSoonDays: number;
  shareRecipientRoles: readonly string[];
  breakGlassRecipientRoles: readonly string[];
  findingRecipientRoles: readonly string[];
}

/** Notifications: the recipient's page, marking read, the scan that raises them and the e-mail claim. */
export class NotificationRepository {
  async page(manager: EntityManager, userId: string, q: NotificationPageQuery): Promise<NotificationRow[]> {
    const params: unknown[] = [userId];
    const where = ['n.recipient_user_id = $1'];
    if (q.unreadOnly) where.push('n.read_at IS NULL');
    if (q.after) {
      // The key is read from the row itself: created_at keeps microseconds that a cursor would round.
      params.push(q.after);
      where.push(
        `(n.created_at, n.id) < (SELECT p.created_at, p.id FROM notification p WHERE p.id = $${params.length}::uuid AND p.recipient_user_id = $1)`,
      );
    }
    params.push(q.limit);
    return manager.query(
      `SELECT ${COLUMNS} FROM notification n WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async unreadCount(manager: EntityManager, userId: string): Promise<number> {
    const rows: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return rows[0]?.count ?? 0;
  }

  /** The notifications with these ids, locked for marking (any recipient: the service decides). */
  async byIds(manager: EntityManager, ids: readonly string[]): Promise<NotificationRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM notification n WHERE n.id = ANY($1::uuid[]) FOR UPDATE`, [[...ids]]);
  }

  async markRead(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.query(`UPDATE notification SET read_at = now() WHERE id = ANY($1::uuid[]) AND read_at IS NULL`, [
      [...ids],
    ]);
  }

  /**
   * Raises every notification that is due and not yet raised; returns the recipients of new ones.
   * Each statement inserts at most once per recipient, kind and record (notification_once), so two
   * scans at the same time, in one process or two, raise each notification once.
   */
  async scan(manager: EntityManager, p: ScanParameters): Promise<string[]> {
    const recipients = new Set<string>();
    const run = async (sql: string, params: unknown[]): Promise<void> => {
      const rows: { userId: string }[] = await manager.query(sql, params);
      for (const r of rows) recipients.add(r.userId);
    };
    // A case task assigned to a person (by someone else) who is a member of its open case.
    await run(
      `${INSERT}
       SELECT t.assigned_user_id, u.organisation_id, 'TASK_ASSIGNED', 'CaseTask', t.id, t.case_id
         FROM case_task t JOIN case_file c ON c.id = t.case_id JOIN app_user u ON u.id = t.assigned_user_id
        WHERE t.created_at > now() - ${RECENT} AND t.status::text IN ${OPEN} AND c.status = 'OPEN'
          AND t.assigned_user_id <> t.created_by AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM case_member cm WHERE cm.case_id = c.id AND cm.user_id = u.id)
       ${ONCE}`,
      [],
    );
    // An active share of an open case: those of the receiving organisation who may take it.
    await run(
      `${INSERT}
       SELECT u.id, u.organisation_id, 'SHARE_RECEIVED', 'CaseShare', s.id, s.case_id
         FROM case_share s JOIN case_file c ON c.id = s.case_id JOIN app_user u ON u.organisation_id = s.organisation_id
        WHERE s.created_at > now() - ${RECENT} AND ${activeShareSql('s')} AND c.status = 'OPEN' AND ${holds('u', '$1')}
       ${ONCE}`,
      [[...p.shareRecipientRoles]],
    );
    // A break-the-glass access awaiting review: the auditors of the case's owner.
    await run(
      `${INSERT}
       SELECT u.id, u.organisation_id, 'BREAK_GLASS_REVIEW', 'BreakGlassAccess', b.id, b.case_id
         FROM case_break_glass b JOIN case_file c ON c.id = b.case_id JOIN app_user u ON u.organisation_id = c.owner_organisation_id
        WHERE b.reviewed_at IS NULL AND b.opened_at > now() - ${RECENT} AND ${holds('u', '$1')}
       ${ONCE}`,
      [[...p.breakGlassRecipientRoles]],
    );
    // Due soon ($1 today, $2 the last day that counts as soon): a case task or meeting action of a
    // person, or of an organisation without a person (then its members of the case).
    const soon = [p.today, addDays(p.today, p.dueSoonDays)];
    const caseWork = [
      {
        entity: 'CaseTask',
        from: 'case_task w JOIN case_file c ON c.id = w.case_id',
        status: 'w.status::text',
        assignee: ['w.assigned_user_id', 'w.assigned_organisation_id'],
      },
      {
        entity: 'MeetingAction',
        from: `coordination_action w JOIN coordination_agenda_item i ON i.id = w.agenda_item_id
         JOIN case_file c ON c.id = i.case_id`,
        status: 'w.status',
        assignee: ['w.owner_user_id', 'w.owner_organisation_id'],
      },
    ];
    for (const w of caseWork) {
      await run(
        `${INSERT}
         SELECT u.id, u.organisation_id, 'ACTION_DUE_SOON', '${w.entity}', w.id, c.id
           FROM ${w.from}
           JOIN case_member cm ON cm.case_id = c.id JOIN app_user u ON u.id = cm.user_id
          WHERE w.due_on BETWEEN $1::date AND $2::date AND ${w.status} IN ${OPEN} AND c.status = 'OPEN'
            AND u.disabled_at IS NULL AND ${assignedToSql(w.assignee[0], w.assignee[1], 'u.id', 'u.organisation_id')}
         ${ONCE}`,
        soon,
      );
    }
    // A finding's action of a safety walk or patrol: those of the owner organisation who record prevention work.
    await run(
      `${INSERT}
       SELECT u.id, u.organisation_id, 'ACTION_DUE_SOON', 'PreventionFinding', f.id, NULL
         FROM prevention_finding f JOIN app_user u ON u.organisation_id = f.owner_organisation_id
        WHERE f.due_on BETWEEN $1::date AND $2::date AND f.status IN ${OPEN} AND ${holds('u', '$3')}
       ${ONCE}`,
      [...soon, [...p.findingRecipientRoles]],
    );
    return [...recipients].sort();
  }

  /** Recipients with notifications not yet e-mailed (enabled users only). */
  async unmailedRecipients(manager: EntityManager): Promise<string[]> {
    const rows: { userId: string }[] = await manager.query(
      `SELECT DISTINCT n.recipient_user_id AS "userId" FROM notification n JOIN app_user u ON u.id = n.recipient_user_id
        WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND u.disabled_at IS NULL ORDER BY 1`,
    );
    return rows.map((r) => r.userId);
  }

  /**
   * Claims a recipient's unread notifications not yet e-mailed: marks them e-mailed and answers their
   * kinds and the address, in one statement. A second claim at the same time finds them taken, so a
   * mail is never sent twice for the same notifications.
   */
  async claimUnmailed(
    manager: EntityManager,
    userId: string,
  ): Promise<{ email: string; kinds: NotificationKind[] } | null> {
    const rows: { kind: NotificationKind; email: string }[] = await manager.query(
      `WITH claimed AS (
         UPDATE notification SET emailed_at = now()
          WHERE recipient_user_id = $1 AND emailed_at IS NULL AND read_at IS NULL
          RETURNING kind, recipient_user_id)
       SELECT c.kind, u.email FROM claimed c JOIN app_user u ON u.id = c.recipient_user_id AND u.disabled_at IS NULL`,
      [userId],
    );
    if (rows.length === 0) return null;
    return { email: rows[0].email, kinds: rows.map((r) => r.kind) };
  }
}
