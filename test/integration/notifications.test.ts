import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobName } from '../../src/jobs/tasks';
import { Mailer } from '../../src/modules/notifications/notification.mail';
import { DANDERYD_ADMIN, DANDERYD_AUDITOR, PL, POLICE_ADMIN, SW, casesFixture } from '../helpers/cases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Notifications (issue #22): in the app (myNotifications, markNotificationsRead) and by e-mail through
 * a real SMTP server (smtp-server, in this process), raised and sent by the PostgreSQL job queue.
 */

let server: TestServer;
let smtp: SmtpSink;
/** Mails sent for the demo data before the tests began. */
let seedMails = 0;
const f = casesFixture(() => server);

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({
    seed: true,
    runJobs: true,
    env: { SMTP_URL: smtp.url, SMTP_FROM: 'Samverkan <samverkan@danderyd.example>' },
  });
  // What the demo data already holds (tasks due soon) is raised and mailed first, by this scan or by the
  // minute's cron scan, whichever comes first: the tests count only the mails after it.
  await scan();
  seedMails = smtp.mails.length;
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const MINE = `query N($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    unreadCount
    edges { cursor node { id kind subjectType subjectId caseId createdAt readAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const MARK = 'mutation M($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }';

interface Note {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  caseId: string | null;
  readAt: string | null;
}
interface Page {
  myNotifications: {
    unreadCount: number;
    edges: { cursor: string; node: Note }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function mine(email: string, variables: Record<string, unknown> = {}): Promise<Note[]> {
  return (await f.ok<Page>(email, MINE, { first: 100, ...variables })).myNotifications.edges.map((e) => e.node);
}

/** Runs the notification scan through the queue (as the minute's cron job would) and waits for it to finish. */
async function scan(): Promise<void> {
  await server.runtime.jobs!.addJob(JobName.NOTIFICATIONS_SCAN);
  await jobsDone();
}

async function jobsDone(): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const [{ n }] = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE attempts < max_attempts OR locked_at IS NOT NULL`,
    );
    if (n === 0) return;
    if (Date.now() > until) throw new Error('the job queue did not finish within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function newCase(): Promise<string> {
  return (
    await f.ok<{ createCase: { id: string } }>(
      SW,
      'mutation { createCase(input: { riskLevel: HIGH, externalReference: "SOC-2026-0922" }) { id } }',
    )
  ).createCase.id;
}

async function shareWithPolice(caseId: string): Promise<string> {
  return (
    await f.ok<{ shareCase: { id: string } }>(
      SW,
      'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }',
      {
        input: {
          caseId,
          organisationId: await f.orgId('police'),
          legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
        },
      },
    )
  ).shareCase.id;
}

/** The mails to `email` since the tests began. */
const mailsTo = (mails: readonly ReceivedMail[], email: string): ReceivedMail[] =>
  mails.slice(seedMails).filter((m) => m.to.includes(email));

describe('notifications in the app and by e-mail', () => {
  it("a police liaison's incoming share and upcoming task reach him in the app and in the test SMTP server", async () => {
    // An incoming share: the kommunpolis is told in the app and by e-mail.
    const caseId = await newCase();
    const shareId = await shareWithPolice(caseId);
    await scan();
    const afterShare = await mine(PL);
    expect(afterShare).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'SHARE_RECEIVED', subjectType: 'CaseShare', subjectId: shareId, caseId }),
      ]),
    );
    const first = mailsTo(await smtp.waitFor((m) => mailsTo(m, PL).length >= 1), PL);
    expect(first).toHaveLength(1);
    expect(first[0].from).toBe('samverkan@danderyd.example');
    expect(first[0].raw).toMatch(/inkommande delning/);
    expect(first[0].raw).toMatch(/incoming share/);

    // He takes the share; a task due in three days is assigned to him: new task and due soon.
    await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: shareId });
    const taskId = (
      await f.ok<{ createCaseTask: { id: string } }>(
        SW,
        'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id } }',
        {
          input: {
            caseId,
            title: 'Hembesok-Q7Z3 med kontaktperson',
            assignedOrganisationId: await f.orgId('police'),
            assignedUserId: await f.userId(PL),
            dueOn: inDays(3),
          },
        },
      )
    ).createCaseTask.id;
    await scan();
    const notes = await mine(PL, { unreadOnly: true });
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'TASK_ASSIGNED', subjectType: 'CaseTask', subjectId: taskId, caseId }),
        expect.objectContaining({ kind: 'ACTION_DUE_SOON', subjectType: 'CaseTask', subjectId: taskId, caseId }),
      ]),
    );
    const all = mailsTo(await smtp.waitFor((m) => mailsTo(m, PL).length >= 2), PL);
    expect(all).toHaveLength(2);
    expect(all[1].raw).toMatch(/1 ny uppgift/);
    expect(all[1].raw).toMatch(/1 new task/);
    expect(all[1].raw).toMatch(/1 action due soon/);

    // Never case content in a mail: no title, no reference, no id, no name.
    const displayNames = await server.sql<{ display_name: string }>(`SELECT display_name FROM app_user`);
    for (const mail of all) {
      for (const secret of ['Hembesok', 'Q7Z3', 'SOC-2026-0922', caseId, shareId, taskId])
        expect(mail.raw).not.toContain(secret);
      for (const { display_name } of displayNames) expect(mail.raw).not.toContain(display_name);
    }

    // A scan that runs again raises nothing twice and sends nothing more.
    await scan();
    expect((await mine(PL)).filter((n) => n.subjectId === taskId)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(smtp.mails, PL)).toHaveLength(2);
  });

  it("a break-the-glass access awaiting review reaches the case owner's auditors, not the police", async () => {
    const caseId = await newCase();
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const opened = (
      await f.ok<{ breakGlass: { id: string } }>(
        colleague.token,
        'mutation B($input: BreakGlassInput!) { breakGlass(input: $input) { id } }',
        { input: { caseId, reasonCode: 'IMMEDIATE_DANGER', reasonText: 'Akut läge, handläggaren nås inte' } },
      )
    ).breakGlass.id;
    await scan();
    expect(await mine(DANDERYD_AUDITOR)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'BREAK_GLASS_REVIEW',
          subjectType: 'BreakGlassAccess',
          subjectId: opened,
          caseId,
        }),
      ]),
    );
    expect((await mine(PL)).map((n) => n.subjectId)).not.toContain(opened);
    expect((await mine('loggkontroll@polisen.example')).map((n) => n.subjectId)).not.toContain(opened);
    await smtp.waitFor((m) => mailsTo(m, DANDERYD_AUDITOR).length >= 1);
    expect(mailsTo(smtp.mails, DANDERYD_AUDITOR)[0].raw).toMatch(/break-the-glass access/);
  });

  it('marks the caller’s own notifications read; pages newest first; audited', async () => {
    const before = await mine(PL, { unreadOnly: true });
    expect(before.length).toBeGreaterThan(1);
    const firstPage = await f.ok<Page>(PL, MINE, { first: 1 });
    expect(firstPage.myNotifications.pageInfo.hasNextPage).toBe(true);
    const second = await f.ok<Page>(PL, MINE, { first: 1, after: firstPage.myNotifications.pageInfo.endCursor });
    const all = await mine(PL);
    expect([firstPage.myNotifications.edges[0].node.id, second.myNotifications.edges[0].node.id]).toEqual([
      all[0].id,
      all[1].id,
    ]);

    const since = await f.lastEventId();
    const marked = await f.ok<{ markNotificationsRead: { id: string; readAt: string | null }[] }>(PL, MARK, {
      ids: [before[0].id],
    });
    expect(marked.markNotificationsRead[0]).toMatchObject({ id: before[0].id, readAt: expect.any(String) });
    expect((await mine(PL, { unreadOnly: true })).map((n) => n.id)).not.toContain(before[0].id);
    const events = await server.sql<{ action: string; entity_type: string; entity_ids: string[]; outcome: string }>(
      `SELECT action, entity_type, entity_ids, outcome FROM audit_event WHERE id > $1 AND operation_name = 'M'`,
      [since],
    );
    expect(events).toEqual([
      expect.objectContaining({
        action: 'UPDATE',
        entity_type: 'Notification',
        entity_ids: [before[0].id],
        outcome: 'ALLOWED',
      }),
    ]);
  });

  it("denies another person's notification as not found, changes nothing, and audits it; an administrator has none", async () => {
    const [theirs] = await mine(PL, { unreadOnly: true });
    const own = (await mine(SW, { unreadOnly: true }))[0];
    const readAt = async (): Promise<(string | null)[]> =>
      (
        await server.sql<{ read_at: string | null }>(
          `SELECT read_at FROM notification WHERE id = ANY($1) ORDER BY id`,
          [[theirs.id, ...(own ? [own.id] : [])]],
        )
      ).map((r) => r.read_at);
    const unchanged = await readAt();
    // Mixed with one of the caller's own: nothing is marked, not even that one.
    await f.expectDenied(SW, MARK, { ids: own ? [own.id, theirs.id] : [theirs.id] }, 'NOT_FOUND');
    await f.expectDenied(SW, MARK, { ids: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND');
    expect(await readAt()).toEqual(unchanged);
    await f.expectDenied(POLICE_ADMIN, MINE, { first: 10 }, 'FORBIDDEN');
    await f.expectDenied(POLICE_ADMIN, MARK, { ids: [theirs.id] }, 'FORBIDDEN');
    expect(await readAt()).toEqual(unchanged);
    // Nobody reads another's list: the social worker's holds none of the kommunpolis's.
    const swIds = (await mine(SW)).map((n) => n.id);
    expect(swIds).not.toContain(theirs.id);
  });
});

describe('the job queue', () => {
  it('two workers on one database raise each notification once and send each mail once', async () => {
    const logger = createLogger('silent');
    const mailer = new Mailer(smtp.url, 'Samverkan <samverkan@danderyd.example>');
    const second = await JobQueue.start(
      { url: server.db.url, concurrency: 4, pollIntervalMs: 200 },
      { dataSource: server.runtime.dataSource, logger, config: server.config.jobs, mailer },
    );
    try {
      // Something new for the kommunpolis (a share) and for the social worker (a task from the police).
      const caseId = await newCase();
      const shareId = await shareWithPolice(caseId);
      await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: shareId });
      const task = (
        await f.ok<{ createCaseTask: { id: string } }>(
          PL,
          'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id } }',
          {
            input: {
              caseId,
              title: 'Kontakt med brottsofferjour',
              assignedOrganisationId: await f.orgId('danderyd'),
              assignedUserId: await f.userId(SW),
              dueOn: inDays(20),
            },
          },
        )
      ).createCaseTask.id;
      const sent = smtp.mails.length;
      // Both processes queue scans at once, several times; both workers take jobs.
      await Promise.all([
        ...[1, 2, 3].map(() => server.runtime.jobs!.addJob(JobName.NOTIFICATIONS_SCAN)),
        ...[1, 2, 3].map(() => second.addJob(JobName.NOTIFICATIONS_SCAN)),
      ]);
      await jobsDone();
      await new Promise((r) => setTimeout(r, 500));
      const rows = await server.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE subject_id = ANY($1) GROUP BY recipient_user_id, kind, subject_id`,
        [[shareId, task]],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const fresh = smtp.mails.slice(sent);
      expect(fresh.filter((m) => m.to.includes(PL))).toHaveLength(1);
      expect(fresh.filter((m) => m.to.includes(SW))).toHaveLength(1);
      expect(fresh).toHaveLength(2);
    } finally {
      await second.stop();
      mailer.close();
    }
  });

  it('runs records-law retention as a queued task, which writes its audit events', async () => {
    const caseId = await newCase();
    const shareId = await shareWithPolice(caseId);
    await f.ok(SW, 'mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { id } }', { id: shareId });
    // Ended two years ago: past the one year an ended share is kept.
    await server.sql(`UPDATE case_share SET revoked_at = now() - interval '2 years' WHERE id = $1`, [shareId]);
    const since = await f.lastEventId();
    await server.runtime.jobs!.addJob(JobName.RECORDS_RETENTION);
    await jobsDone();
    expect(await server.sql(`SELECT 1 FROM case_share WHERE id = $1`, [shareId])).toHaveLength(0);
    const events = await server.sql<{
      action: string;
      entity_type: string;
      entity_ids: string[];
      operation_type: string;
    }>(
      `SELECT action, entity_type, entity_ids, operation_type FROM audit_event WHERE id > $1 AND operation_name = 'retention'`,
      [since],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'DELETE',
          entity_type: 'CaseShare',
          operation_type: 'job',
          entity_ids: expect.arrayContaining([shareId]),
        }),
      ]),
    );
  });

  it('the crontab names the retention task at RETENTION_CRON and the scan every minute', async () => {
    const known = await server.sql<{ identifier: string }>(
      `SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY 1`,
    );
    expect(known.map((k) => k.identifier)).toEqual(expect.arrayContaining(['notifications-scan', 'records-retention']));
  });
});
