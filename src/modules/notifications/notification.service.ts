import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { notificationOwnedBy } from '../../access/notification-access';
import { Capability } from '../../access/policy';
import { decodeCursor, encodeCursor, pageSize, uuidPart } from '../../shared/cursor';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { UUID } from '../../shared/ids';
import { AuditAction } from '../audit/audit.recorder';
import { NotificationRepository, type NotificationRow } from './notification.repository';

const CURSOR_KIND = 'notifications';
export const NOTIFICATION_PAGE = { defaultSize: 20, maxSize: 100 };
/** Ids one markNotificationsRead may name. */
export const MARK_READ_MAX = 100;

export interface NotificationPage {
  nodes: NotificationRow[];
  cursors: string[];
  hasNextPage: boolean;
  unreadCount: number;
}

/** The caller's own notifications (docs/notifications.md): reading them and marking them read. */
export class NotificationService {
  private readonly repo = new NotificationRepository();

  constructor(private readonly dataSource: DataSource) {}

  async list(caller: Actor, unreadOnly: boolean, first?: number, after?: string): Promise<NotificationPage> {
    requireCapability(caller.principal, Capability.MY_NOTIFICATIONS);
    const principal = caller.principal;
    const size = pageSize(first, NOTIFICATION_PAGE);
    const key = after ? decodeCursor(CURSOR_KIND, after, [uuidPart])[0] : null;
    const manager = this.dataSource.manager;
    const [rows, unreadCount] = await Promise.all([
      this.repo.page(manager, principal.userId, { unreadOnly, after: key, limit: size + 1 }),
      this.repo.unreadCount(manager, principal.userId),
    ]);
    const page = rows.slice(0, size).filter((r) => notificationOwnedBy(principal, r.recipientUserId));
    caller.audit.touch(
      AuditAction.READ,
      'Notification',
      page.map((r) => ({ id: r.id, organisationId: r.recipientOrganisationId })),
    );
    return {
      nodes: page,
      cursors: page.map((r) => encodeCursor(CURSOR_KIND, [r.id])),
      hasNextPage: rows.length > size,
      unreadCount,
    };
  }

  /** Marks the caller's own notifications read; one that is not the caller's answers NOT_FOUND and nothing changes. */
  async markRead(caller: Actor, manager: EntityManager, ids: readonly string[]): Promise<NotificationRow[]> {
    requireCapability(caller.principal, Capability.MY_NOTIFICATIONS);
    const principal = caller.principal;
    if (ids.length < 1 || ids.length > MARK_READ_MAX)
      throw badInput('ids', InputReason.LIST_SIZE_OUT_OF_RANGE, `must name 1 to ${MARK_READ_MAX} notifications`);
    const wanted = [...new Set(ids)];
    const malformed = wanted.find((id) => typeof id !== 'string' || !UUID.test(id));
    if (malformed !== undefined) {
      caller.audit.refused('Notification', malformed, null);
      throw notFound('Notification');
    }
    const rows = await this.repo.byIds(manager, wanted);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of wanted) {
      const row = byId.get(id);
      if (!row || !notificationOwnedBy(principal, row.recipientUserId)) {
        caller.audit.refused('Notification', id, row?.recipientOrganisationId ?? null);
        throw notFound('Notification');
      }
    }
    await this.repo.markRead(manager, wanted);
    caller.audit.touch(
      AuditAction.UPDATE,
      'Notification',
      rows.map((r) => ({ id: r.id, organisationId: r.recipientOrganisationId })),
    );
    return (await this.repo.byIds(manager, wanted)).sort((a, b) => wanted.indexOf(a.id) - wanted.indexOf(b.id));
  }
}
