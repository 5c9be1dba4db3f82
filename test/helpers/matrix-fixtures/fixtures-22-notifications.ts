import type { TestServer } from '../test-server';
import type { Caller, Fixture } from './types';

/**
 * Access-matrix fixtures of issue #22's notifications: a fresh notification addressed to the caller
 * (a fresh user of Danderyd's social services for an anonymous caller), so that the allowed side
 * really marks one of the caller's own.
 */
export const FIXTURES_22_NOTIFICATIONS: Record<string, Fixture> = {
  myNotifications: { args: () => ({ first: 5, unreadOnly: true }) },
  markNotificationsRead: {
    args: async ({ caller, server, freshUser }) => ({
      ids: [await freshNotification(server, caller, freshUser)],
    }),
  },
};

async function freshNotification(
  server: TestServer,
  caller: Caller,
  freshUser: (organisationId: string | null) => Promise<string>,
): Promise<string> {
  const userId = caller.userId ?? (await freshUser(null));
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
     SELECT u.id, u.organisation_id, 'TASK_ASSIGNED', 'CaseTask', gen_random_uuid() FROM app_user u WHERE u.id = $1
     RETURNING id`,
    [userId],
  );
  return row.id;
}
