import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser';

/**
 * Ärenden, break-the-glass and Loggkontroll in a real browser (issue #21): Danderyd's social worker
 * creates a case and shares it with the police under a statutory ground; the police liaison takes it
 * from the inbox and sees only what is shared; a colleague breaks the glass; Danderyd's auditor
 * reviews it and finds every read of the case in its trail.
 */

const SW = 'socialsekreterare@danderyd.example';
const POLICE = 'kommunpolis@polisen.example';
const AUDITOR = 'loggkontroll@danderyd.example';
const ADMIN = 'admin@danderyd.example';

/** A Stockholm date `days` from today (YYYY-MM-DD). */
function stockholmDate(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
}

async function signInWith(page: Page, email: string, password: string, startAt = '/'): Promise<void> {
  await page.goto(startAt);
  await page.getByLabel('E-postadress', { exact: true }).fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

describe('cases, break-the-glass and log review in the console', () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now().toString().slice(-6);
  const reference = `SOC-2026-T${stamp}`;
  const internalNote = `Intern bedömning ${stamp}: endast socialtjänsten`;
  const sharedNote = `Delad information ${stamp}: skyddsbehov kring bostaden`;
  const taskTitle = `Kontakta polisen om skyddsåtgärder ${stamp}`;
  let caseId = '';
  const contact = `Mottagningen vuxen ${stamp}`;
  const colleague = { email: `kollega-${stamp}@danderyd.example`, password: `kollegans-eget-losen-${stamp}-x` };
  /** A second colleague, whom the social worker adds to the case from the console. */
  const teamMate = `Ingrid Lagkamrat ${stamp}`;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    browser = await launchBrowser();
    // A colleague at Danderyd who is not a member of the new case, made by the administrator.
    const admin = await server.login(ADMIN);
    const temporary = `tillfalligt-losen-${stamp}-x`;
    const created = await server.gql<{ createUser: { id: string } }>(
      'mutation C($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: colleague.email,
          displayName: 'Kollega Socialtjänsten',
          password: temporary,
          roles: ['SOCIAL_WORKER'],
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const changed = await server.gql<{ changePassword: boolean }>(
      'mutation P($email: String!, $current: String!, $next: String!) { changePassword(email: $email, currentPassword: $current, newPassword: $next) }',
      { email: colleague.email, current: temporary, next: colleague.password },
    );
    if (changed.data?.changePassword !== true) colleague.password = temporary;
    const mate = await server.gql<{ createUser: { id: string } }>(
      'mutation C($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: `lagkamrat-${stamp}@danderyd.example`,
          displayName: teamMate,
          password: `lagkamratens-losen-${stamp}-x`,
          roles: ['SOCIAL_WORKER'],
        },
      },
      admin,
    );
    expect(mate.errors).toBeUndefined();
  });
  // A failed step leaves its page open: its screenshot says what the person saw.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !browser) return;
    for (const context of browser.contexts())
      for (const open of context.pages())
        await screenshot(open, `failed-${ctx.task.name.slice(0, 40)}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the social worker finds a case by reference, creates one, shares it with the police under a statutory ground, and works it', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, SW);
    await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await page.getByRole('heading', { name: 'Ärenden', level: 1 }).waitFor();
    await page.getByText(/Visar \d+ av \d+ ärenden/).waitFor();
    await expectAccessible(page, 'cases');
    await screenshot(page, '21-arenden');

    // Search by the organisation's own reference: exact, then by its start.
    await page.getByRole('textbox', { name: 'Egen referens', exact: true }).fill('soc-2026-0142');
    await page.getByRole('combobox', { name: 'Matchning' }).selectOption({ label: 'Exakt' });
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Visar 1 av 1 ärenden').waitFor();
    expect(await page.getByRole('link', { name: 'SOC-2026-0142' }).count()).toBe(1);
    await page.getByRole('textbox', { name: 'Egen referens', exact: true }).fill('SOC-2026-01');
    await page.getByRole('combobox', { name: 'Matchning' }).selectOption({ label: 'Börjar med' });
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Visar 2 av 2 ärenden').waitFor();
    await screenshot(page, '22-arenden-sok');

    // A new case: the empty form says what is missing, then the case opens.
    await page.getByRole('button', { name: 'Skapa ärendet' }).click();
    await page.getByText('Välj risknivå.').waitFor();
    await page.getByRole('combobox', { name: 'Risknivå' }).last().selectOption({ label: 'Hög' });
    await page.getByRole('textbox', { name: 'Egen referens (valfri)' }).fill(reference);
    await page.getByRole('button', { name: 'Skapa ärendet' }).click();
    await page.getByRole('heading', { name: `Ärende ${reference}`, level: 1 }).waitFor();
    caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    // Members: the social worker adds a colleague of Danderyd, found by the API's search of case workers.
    const members = page.locator('#members');
    await members.getByRole('button', { name: 'Lägg till i ärendet' }).click();
    await members.getByText('Välj en kollega.').waitFor();
    await members.getByRole('searchbox', { name: 'Sök kollega på namn' }).fill(`lagkamrat ${stamp}`);
    await members.getByText('1 kollega att välja bland').waitFor();
    await members.getByRole('combobox', { name: 'Kollega' }).selectOption({ label: teamMate });
    await members.getByRole('button', { name: 'Lägg till i ärendet' }).click();
    await members.getByText(`${teamMate} är nu medlem i ärendet.`).waitFor();
    await members.getByRole('rowheader', { name: teamMate }).waitFor();
    // Without a search: Danderyd's one other case worker. The new member, the police and the auditor are not offered.
    await members.getByRole('searchbox', { name: 'Sök kollega på namn' }).fill('');
    const options = () => members.getByRole('combobox', { name: 'Kollega' }).locator('option').allTextContents();
    await expect.poll(options).toEqual(['Välj …', 'Kollega Socialtjänsten']);
    await expectAccessible(page, 'case members');
    await screenshot(page, '23a-arende-medlemmar');
    const memberRows = await server.sql<{ display_name: string }>(
      `SELECT u.display_name FROM case_member m JOIN app_user u ON u.id = m.user_id WHERE m.case_id = $1 ORDER BY u.display_name`,
      [caseId],
    );
    expect(memberRows.map((r) => r.display_name)).toEqual([teamMate, 'Socialsekreterare Danderyd'].sort());

    // Share with the police under OSL 10:18 c.
    await page.getByRole('combobox', { name: 'Samverkanspart' }).selectOption({ label: 'Polisen LPO Södra Roslagen' });
    await page.getByRole('combobox', { name: 'Typ av rättslig grund' }).selectOption({ label: 'Lagstöd' });
    await page.getByRole('combobox', { name: 'Lagrum' }).selectOption('OSL_10_18C');
    await page.getByRole('textbox', { name: 'Kontaktfunktion (valfri)' }).fill(contact);
    await page.getByRole('button', { name: 'Dela ärendet' }).click();
    await page.getByText('Ärendet är delat. Mottagaren ser det i sin inkorg.').waitFor();
    await page.getByRole('cell', { name: 'Aktiv', exact: true }).waitFor();

    // Two notes: one for Danderyd only, one shared with the police.
    const note = page.getByRole('textbox', { name: 'Anteckning', exact: true });
    await note.fill(internalNote);
    await page.getByRole('button', { name: 'Spara anteckningen' }).click();
    await page.getByText(internalNote).waitFor();
    await expect.poll(() => note.inputValue()).toBe('');
    await note.fill(sharedNote);
    await page.locator('#notes').getByRole('combobox', { name: 'Vem får läsa' }).selectOption({ label: 'Delad' });
    await page.getByRole('button', { name: 'Spara anteckningen' }).click();
    await page.getByText(sharedNote).waitFor();

    // A task for the police with a due date, shared.
    const tasks = page.locator('#tasks');
    await tasks.getByRole('textbox', { name: 'Uppgift', exact: true }).fill(taskTitle);
    await tasks
      .getByRole('combobox', { name: 'Ansvarig organisation' })
      .selectOption({ label: 'Polisen LPO Södra Roslagen' });
    await tasks.getByRole('textbox', { name: 'Klar senast' }).fill(stockholmDate(7));
    await tasks.getByRole('combobox', { name: 'Vem får läsa' }).selectOption({ label: 'Delad' });
    await page.getByRole('button', { name: 'Spara uppgiften' }).click();
    await page.getByRole('rowheader', { name: taskTitle }).waitFor();

    // A meeting held today with both organisations.
    const meetings = page.locator('#meetings');
    await meetings.getByRole('checkbox', { name: 'Polisen LPO Södra Roslagen' }).check();
    await meetings.getByRole('checkbox', { name: 'Danderyds kommun socialtjänst' }).check();
    await meetings.getByRole('textbox', { name: 'Beslut' }).fill('Polisen gör en hotbildsbedömning.');
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await meetings.getByText('Polisen gör en hotbildsbedömning.').waitFor();

    // PATRIARK needs a course Danderyd's gate does not give: the training gate's message.
    const assessments = page.locator('#assessments');
    await assessments.getByRole('combobox', { name: 'Metod' }).selectOption({ label: 'PATRIARK' });
    await assessments.getByRole('combobox', { name: 'Bedömd risknivå' }).selectOption({ label: 'Hög' });
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    const gate = assessments.getByRole('alert');
    await gate.waitFor();
    expect(await gate.textContent()).toMatch(/saknar ett giltigt utbildningsbevis för kursen PATRIARK/);
    await expectAccessible(page, 'case with the training gate message');
    await screenshot(page, '23-arende-utbildningskrav');
    // FREDA with the social worker's valid certificate.
    await assessments.getByRole('combobox', { name: 'Metod' }).selectOption({ label: 'FREDA farlighetsbedömning' });
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await assessments.getByRole('cell', { name: 'FREDA farlighetsbedömning' }).waitFor();

    // The timeline shows who did what.
    await page
      .locator('#history')
      .getByText(/Lade till delning/)
      .first()
      .waitFor();
    await expectAccessible(page, 'case');
    await screenshot(page, '24-arende');

    const shares = await server.sql<{ basis_kind: string; statutory_ground: string; contact_function: string }>(
      'SELECT basis_kind, statutory_ground, contact_function FROM case_share WHERE case_id = $1',
      [caseId],
    );
    expect(shares).toEqual([{ basis_kind: 'STATUTORY', statutory_ground: 'OSL_10_18C', contact_function: contact }]);
    await page.context().close();
  }, 300_000);

  it('the police liaison takes the case from the inbox and sees only the shared notes', async () => {
    expect(caseId).not.toBe('');
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE);
    await page.goto('/arenden/inkorg');
    await page.getByRole('heading', { name: 'Inkorg för delade ärenden' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: contact });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain(reference);
    await expectAccessible(page, 'inbox');
    await screenshot(page, '25-inkorg');
    await row.getByRole('button', { name: /Ta emot ärendet från Danderyd/ }).click();
    await page.getByRole('heading', { name: 'Ärende', level: 1, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/arenden/${caseId}`);
    await page.getByText(sharedNote).waitFor();
    expect(await page.getByText(internalNote).count()).toBe(0);
    // Danderyd's reference is Danderyd's: the police see none.
    expect(await page.locator('main').textContent()).not.toContain(reference);
    await page.getByRole('rowheader', { name: taskTitle }).waitFor();
    await expectAccessible(page, 'case as partner');
    await screenshot(page, '26-arende-polisen');
    await page.context().close();
  }, 300_000);

  it('a colleague breaks the glass deliberately and sees the time left', async () => {
    const page = await newPage(browser, server.url);
    await signInWith(page, colleague.email, colleague.password, `/arenden/${caseId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('finns inte');
    await page.getByRole('button', { name: 'Begär nödåtkomst …' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Begär nödåtkomst till ärendet' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('högst 4 timmar');
    expect(await dialog.textContent()).toContain('granskas i efterhand');
    // Nothing opens without a reason code, a reason and the confirmation.
    await dialog.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    await dialog.getByText('Välj skäl.').waitFor();
    expect(await dialog.getByText('Beskriv varför du behöver åtkomst.').isVisible()).toBe(true);
    await expectAccessible(page, 'break-the-glass dialog');
    await screenshot(page, '27-nodatkomst-dialog');
    await dialog.getByRole('combobox', { name: 'Skäl' }).selectOption({ label: 'Ärendets medlemmar går inte att nå' });
    await dialog
      .getByRole('textbox', { name: 'Beskriv varför' })
      .fill('Handläggaren är sjuk och polisen behöver svar i kväll.');
    await dialog.getByRole('checkbox', { name: 'Jag förstår att åtkomsten loggas och granskas.' }).check();
    await dialog.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    await page.getByRole('region', { name: 'Nödåtkomst' }).waitFor();
    await page.getByText(/Återstår 2(39|40):\d\d/).waitFor();
    await page.getByText(sharedNote).waitFor();
    // Read only: no forms.
    expect(await page.getByRole('button', { name: 'Spara anteckningen' }).count()).toBe(0);
    await expectAccessible(page, 'case under break-the-glass');
    await screenshot(page, '28-nodatkomst-pagar');
    const rows = await server.sql<{ reason_code: string; minutes: number }>(
      `SELECT reason_code, round(extract(epoch FROM expires_at - opened_at) / 60)::int AS minutes FROM case_break_glass WHERE case_id = $1`,
      [caseId],
    );
    expect(rows).toEqual([{ reason_code: 'MEMBERS_UNAVAILABLE', minutes: 240 }]);
    await page.context().close();
  }, 300_000);

  it('the auditor reviews the break-the-glass access and finds every read of the case in its trail', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, AUDITOR);
    await page.getByRole('link', { name: 'Loggkontroll', exact: true }).click();
    await page.getByRole('heading', { name: 'Loggkontroll', level: 1 }).waitFor();
    await page.getByText(/Visar \d+ av \d+ händelser/).waitFor();
    await page.getByRole('button', { name: 'Kontrollera kedjan' }).click();
    await page.getByText('Kedjan är obruten.').waitFor();
    await expectAccessible(page, 'audit log');
    await screenshot(page, '29-loggkontroll');
    // Every filter: break-the-glass events about cases, allowed, today.
    await page.getByRole('combobox', { name: 'Händelse' }).selectOption({ label: 'Nödåtkomst' });
    await page.getByRole('combobox', { name: 'Utfall' }).selectOption({ label: 'Tillåten' });
    await page.getByRole('combobox', { name: 'Posttyp' }).selectOption({ label: 'Ärende' });
    await page.getByRole('textbox', { name: 'Från och med' }).fill(stockholmDate(0));
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByRole('link', { name: 'Kollega Socialtjänsten' }).first().waitFor();
    await screenshot(page, '30-loggkontroll-urval');

    await page.getByRole('link', { name: 'Granskning av nödåtkomst' }).click();
    await page.getByRole('heading', { name: 'Granskning av nödåtkomst' }).waitFor();
    await page.getByText(/Visar 1 av 1/).waitFor();
    await expectAccessible(page, 'break-the-glass reviews');
    await screenshot(page, '31-granskning-nodatkomst');
    await page
      .getByRole('textbox', { name: 'Granskarens kommentar' })
      .fill('Skälet är rimligt; kontrollerat med enhetschefen.');
    await page.getByRole('button', { name: 'Markera som granskad' }).click();
    await page.getByText('Inga nödåtkomster i urvalet.').waitFor();
    const reviewed = await server.sql<{ reviewed: boolean }>(
      'SELECT reviewed_at IS NOT NULL AS reviewed FROM case_break_glass WHERE case_id = $1',
      [caseId],
    );
    expect(reviewed).toEqual([{ reviewed: true }]);

    // The trail of the case: every read of it, by anyone, is there.
    await page.goto(`/loggkontroll/spar?typ=Case&id=${caseId}`);
    await page.getByRole('heading', { name: 'Vem har rört posten?' }).waitFor();
    await page.locator('tr[data-event-id]').first().waitFor();
    const reads = await server.sql<{ id: string }>(
      `SELECT id::text FROM audit_event WHERE entity_type = 'Case' AND $1 = ANY(entity_ids) AND action IN ('READ', 'BREAK_GLASS') AND outcome = 'ALLOWED'`,
      [caseId],
    );
    expect(reads.length).toBeGreaterThan(3);
    const shown = await page
      .locator('tr[data-event-id]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id')));
    for (const r of reads) expect(shown, `read event ${r.id} in the trail`).toContain(r.id);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Socialsekreterare Danderyd');
    expect(text).toContain('Kollega Socialtjänsten');
    expect(text).toContain('Polisen LPO Södra Roslagen');
    await expectAccessible(page, 'trail');
    await screenshot(page, '32-loggkontroll-spar');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner utdrag (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByText(/Utdraget med \d+ rader är nedladdat\./).waitFor();
    await page.context().close();
  }, 300_000);

  it("the owner's social worker ends the police liaison's membership", async () => {
    expect(caseId).not.toBe('');
    const page = await newPage(browser, server.url);
    await signIn(page, SW, `/arenden/${caseId}`);
    const members = page.locator('#members');
    await members.getByRole('rowheader', { name: 'Kommunpolis Södra Roslagen' }).waitFor();
    // A partner's member can be ended, not removed; Danderyd's own colleague can be removed.
    await members.getByRole('button', { name: `Ta bort ${teamMate} ur ärendet` }).waitFor();
    await members.getByRole('button', { name: 'Avsluta medlemskapet för Kommunpolis Södra Roslagen' }).click();
    await members.getByText('Medlemskapet för Kommunpolis Södra Roslagen är avslutat.').waitFor();
    await expect.poll(() => members.getByRole('rowheader', { name: 'Kommunpolis Södra Roslagen' }).count()).toBe(0);
    await expectAccessible(page, 'case members after ending a partner membership');
    await screenshot(page, '33-arende-avslutat-medlemskap');
    const police = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.case_id = $1 AND o.kind = 'POLICE'`,
      [caseId],
    );
    expect(police).toEqual([{ n: 0 }]);
    await page.context().close();
    // The police liaison no longer reaches the case.
    const refused = await server.gql(
      'query Q($id: ID!) { case(id: $id) { id } }',
      { id: caseId },
      await server.login(POLICE),
    );
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  }, 300_000);

  it('roles without cases do not see the menu item, and the API refuses them', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, AUDITOR);
    expect(await page.getByRole('link', { name: 'Ärenden', exact: true }).count()).toBe(0);
    // A direct address shows the console's "Inte tillåtet" page, before anything is asked of the API …
    await page.goto('/arenden');
    await page.getByRole('heading', { name: 'Inte tillåtet', level: 1 }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('ingår inte i din roll');
    await page.context().close();
    // … and the API refuses the auditor anyway.
    const refused = await server.gql('{ cases(first: 1) { totalCount } }', {}, await server.login(AUDITOR));
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  }, 300_000);
});
