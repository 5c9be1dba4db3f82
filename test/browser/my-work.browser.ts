import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName } from '../../src/jobs/tasks';
import { casesFixture, PL, SW } from '../helpers/cases';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser';

/** "Min översikt": a police liaison's own tasks by due window and his unread notifications. */
describe('Min översikt: my tasks and notifications', () => {
  let server: TestServer;
  let browser: Browser;
  const f = casesFixture(() => server);

  beforeAll(async () => {
    server = await startTestServer({ seed: true, runJobs: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a task assigned to the kommunpolis and the incoming share show on his start page; he marks them read', async () => {
    const caseId = (
      await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: HIGH }) { id } }')
    ).createCase.id;
    const shareId = (
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
    await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: shareId });
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const title = `Hembesök med kontaktperson ${Date.now()}`;
    await f.ok(SW, 'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id } }', {
      input: {
        caseId,
        title,
        assignedOrganisationId: await f.orgId('police'),
        assignedUserId: await f.userId(PL),
        dueOn: due,
      },
    });
    // The minute's notification scan, run now through the queue.
    await server.runtime.jobs!.addJob(JobName.NOTIFICATIONS_SCAN);
    const plId = await f.userId(PL);
    for (let i = 0; ; i++) {
      const [{ n }] = await server.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'TASK_ASSIGNED'`,
        [plId],
      );
      if (n > 0) break;
      if (i > 300) throw new Error('the notification scan did not run');
      await new Promise((r) => setTimeout(r, 100));
    }

    const page = await newPage(browser, server.url);
    await signIn(page, PL);
    await page.getByRole('heading', { name: 'Min översikt' }).waitFor();
    await page.getByRole('heading', { name: 'Mina uppgifter' }).waitFor();
    const soon = page.getByRole('table', { name: /De närmaste 7 dagarna/ });
    await expect.poll(() => soon.getByRole('link', { name: title }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: /Aviseringar \(\d+ olästa?\)/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Du har fått en ny uppgift' }).first().waitFor();
    await page.getByRole('link', { name: 'Ett ärende har delats med din organisation' }).first().waitFor();
    await expectAccessible(page, 'min översikt med uppgifter');
    await screenshot(page, '02b-min-oversikt-uppgifter');

    await page.getByRole('button', { name: 'Markera som lästa' }).click();
    await page.getByText('Inga olästa aviseringar.').waitFor();
    const [{ unread }] = await server.sql<{ unread: number }>(
      `SELECT count(*)::int AS unread FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [plId],
    );
    expect(unread).toBe(0);
    // The task itself stays on his list, and its link opens the case.
    await soon.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/arenden/${caseId}`);
  });
});
