import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn, tabTo } from './browser';

const POLICE = 'kommunpolis@polisen.example';
const DANDERYD = 'socialsekreterare@danderyd.example';
const TABY = 'socialsekreterare@taby.example';

/** A date a week ahead in Stockholm (YYYY-MM-DD), its year and quarter. */
function nextWeek(): { date: string; year: number; quarter: number } {
  const date = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 7 * 86_400_000));
  const [y, m] = date.split('-').map(Number);
  return { date, year: y, quarter: Math.floor((m - 1) / 3) + 1 };
}

async function followUpCell(page: Page, year: number, quarter: number): Promise<number> {
  await page.goto(`/uppfoljning?ar=${year}`);
  await page.getByLabel('Medborgarlöfte', { exact: true }).selectOption({ label: 'Trygghetsvandringar' });
  await page.getByRole('table', { name: `Aktiviteter per typ och kvartal ${year}` }).waitFor();
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Trygghetsvandring', exact: true }) });
  if ((await row.count()) === 0) return 0;
  return Number(
    await row
      .getByRole('cell')
      .nth(quarter - 1)
      .textContent(),
  );
}

describe('the console in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const when = nextWeek();
  const sharedTitle = `Trygghetsvandring Vendevägen ${Date.now()}`;
  let sharedId = '';
  let policeOnlyId = '';
  const policeOnlyTitle = `Endast polisen: spaning ${Date.now()}`;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the kommunpolis plans a safety walk at Vendevägen in under a minute and finds it in the follow-up', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, '01-logga-in');

    await signIn(page, POLICE);
    await page.getByRole('heading', { name: 'Min översikt' }).waitFor();
    await page.getByRole('table').or(page.getByText('Inga aktiviteter matchar urvalet.')).first().waitFor();
    await expectAccessible(page, 'overview');
    await screenshot(page, '02-min-oversikt');

    const before = await followUpCell(page, when.year, when.quarter);
    await page.getByRole('link', { name: 'Förebyggande arbete' }).click();
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    await expectAccessible(page, 'activities');
    await screenshot(page, '03-forebyggande-arbete');

    const started = Date.now();
    await page.getByRole('link', { name: 'Planera aktivitet' }).click();
    await page.getByRole('heading', { name: 'Planera aktivitet' }).waitFor();
    // Saving the empty form: Swedish messages at each field.
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await expect.poll(() => page.getByText('Skriv en rubrik.').isVisible()).toBe(true);
    expect(await page.getByText('Välj typ av aktivitet.').isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Rubrik', exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'activity form with errors');
    await screenshot(page, '04-planera-aktivitet-fel');

    await page.getByRole('textbox', { name: 'Rubrik', exact: true }).fill(sharedTitle);
    await page
      .getByRole('combobox', { name: 'Typ av aktivitet', exact: true })
      .selectOption({ label: 'Trygghetsvandring' });
    await page.getByRole('textbox', { name: 'Datum', exact: true }).fill(when.date);
    await page.getByRole('textbox', { name: 'Starttid', exact: true }).fill('18:00');
    await page.getByRole('textbox', { name: 'Sluttid', exact: true }).fill('19:30');
    await page.getByRole('combobox', { name: 'Kommun', exact: true }).selectOption({ label: 'Danderyd' });
    await page.getByRole('combobox', { name: 'Plats', exact: true }).selectOption({ label: 'Vendevägen' });
    await page
      .getByRole('combobox', { name: 'Medborgarlöfte', exact: true })
      .selectOption({ label: 'Trygghetsvandringar' });
    await page.getByRole('radio', { name: /^Delas med samverkansparterna/ }).check();
    await screenshot(page, '05-planera-aktivitet');
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    sharedId = page.url().split('/').pop() ?? '';
    expect(await page.getByText('18:00').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'activity');
    await screenshot(page, '06-aktivitet');

    const rows = await server.sql<{ starts: string; visibility: string }>(
      `SELECT to_char(starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI') AS starts, visibility FROM prevention_activity WHERE id = $1`,
      [sharedId],
    );
    expect(rows).toEqual([{ starts: `${when.date} 18:00`, visibility: 'PARTNERSHIP' }]);

    expect(await followUpCell(page, when.year, when.quarter)).toBe(before + 1);
    await expectAccessible(page, 'follow-up');
    await screenshot(page, '07-arsuppfoljning');

    await page.getByRole('link', { name: 'Platser' }).click();
    await page.getByRole('rowheader', { name: 'Vendevägen' }).waitFor();
    await expectAccessible(page, 'places');
    await screenshot(page, '08-platser');
    await page.getByRole('link', { name: 'Visa aktiviteter vid Vendevägen' }).click();
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    expect(await page.getByLabel('Plats', { exact: true }).locator('option:checked').textContent()).toBe('Vendevägen');

    await page.getByRole('link', { name: 'Medborgarlöften' }).click();
    await page.getByRole('heading', { name: 'Trygghetsvandringar' }).waitFor();
    await expectAccessible(page, 'commitments');
    await screenshot(page, '09-medborgarloften');

    // A police-only activity on the same day, through the API.
    const token = await server.login(POLICE);
    const areas = await server.gql<{ areas: { id: string; name: string }[] }>('{ areas { id name } }', {}, token);
    const danderyd = areas.data!.areas.find((a) => a.name === 'Danderyd')!.id;
    const created = await server.gql<{ createPreventionActivity: { id: string } }>(
      'mutation($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }',
      {
        input: {
          title: policeOnlyTitle,
          type: 'SAFETY_WALK',
          areaId: danderyd,
          startsAt: `${when.date}T15:00:00Z`,
          visibility: 'ORGANISATION',
        },
      },
      token,
    );
    policeOnlyId = created.data!.createPreventionActivity.id;
    await page.context().close();
  });

  it("Danderyd's social worker sees the shared activity but not the police-only one", async () => {
    expect(sharedId).not.toBe('');
    const page = await newPage(browser, server.url);
    await signIn(page, DANDERYD);
    await page.goto(`/forebyggande?typ=SAFETY_WALK&fran=${when.date}&till=${when.date}`);
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    expect(await page.getByRole('link', { name: sharedTitle }).count()).toBe(1);
    expect(await page.getByText(policeOnlyTitle).count()).toBe(0);
    await page.goto(`/forebyggande/${sharedId}`);
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    expect(await page.getByText('Aktiviteten tillhör en samverkanspart.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Ändra' }).count()).toBe(0);
    await page.goto(`/forebyggande/${policeOnlyId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('finns inte');
    expect(await page.getByText(policeOnlyTitle).count()).toBe(0);
    await expectAccessible(page, 'not found');
    await screenshot(page, '10-finns-inte');
    await page.context().close();
  });

  it("Täby's social worker sees nothing of Danderyd", async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, TABY);
    await page.goto('/forebyggande');
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    const areaOptions = await page.getByLabel('Kommun', { exact: true }).locator('option').allTextContents();
    expect(areaOptions).toEqual(['Alla', 'Täby']);
    expect(await page.locator('main').textContent()).not.toContain('Danderyd');
    expect(await page.locator('main').textContent()).not.toContain('Vendevägen');
    await page.goto(`/forebyggande?typ=SAFETY_WALK&fran=${when.date}&till=${when.date}`);
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    expect(await page.getByText(sharedTitle).count()).toBe(0);
    await page.goto(`/forebyggande/${sharedId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText(sharedTitle).count()).toBe(0);
    await page.goto('/forebyggande/platser');
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('rowheader', { name: 'Vendevägen' }).count()).toBe(0);
    await page.context().close();
  });

  it('an expired session returns to sign-in and then back to the page', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE);
    await page.getByRole('link', { name: 'Medborgarlöften' }).click();
    await page.getByRole('heading', { name: 'Trygghetsvandringar' }).waitFor();
    await server.sql(
      `UPDATE user_session SET last_seen_at = now() - interval '1 day' WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [POLICE],
    );
    await page.getByRole('link', { name: 'Förebyggande arbete' }).click();
    await page.getByText('Du har varit inaktiv en stund och loggats ut.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    expect(new URL(page.url()).searchParams.get('tillbaka')).toBe('/forebyggande');
    await screenshot(page, '11-sessionen-gick-ut');
    await page.getByLabel('E-postadress', { exact: true }).fill(POLICE);
    await page.getByLabel('Lösenord', { exact: true }).fill('samverkan-demo-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Förebyggande arbete' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/forebyggande');
    await page.context().close();
  });

  it('network loss shows a Swedish message, never a raw error', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE);
    await page.context().setOffline(true);
    await page.getByRole('link', { name: 'Medborgarlöften' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Det går inte att nå Samverkan just nu');
    await screenshot(page, '12-natverksfel');
    await page.context().setOffline(false);
    await page.context().close();
  });

  it('warns before the idle timeout and lets the person stay signed in', async () => {
    const page = await newPage(browser, server.url);
    await page.clock.install();
    await signIn(page, POLICE);
    await page.getByRole('heading', { name: 'Min översikt' }).waitFor();
    await page.clock.fastForward((server.config.sessionIdleTimeoutSeconds - 90) * 1000);
    const dialog = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
    await dialog.waitFor();
    await expectAccessible(page, 'idle warning');
    await screenshot(page, '13-varning-utloggning');
    await page.getByRole('button', { name: 'Fortsätt vara inloggad' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('the main flow with the keyboard alone: sign in, plan an activity, see it', async () => {
    const page = await newPage(browser, server.url);
    const title = `Trygghetsvandring tangentbord ${Date.now()}`;
    await page.goto('/');
    await page.getByLabel('E-postadress', { exact: true }).waitFor();
    await tabTo(page, (e) => e.label === 'E-postadress');
    await page.keyboard.type(POLICE);
    await page.keyboard.press('Tab');
    await page.keyboard.type('samverkan-demo-2026');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Min översikt' }).waitFor();
    await tabTo(page, (e) => e.tag === 'a' && e.text === 'Förebyggande arbete');
    await page.keyboard.press('Enter');
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    await tabTo(page, (e) => e.tag === 'a' && e.text === 'Planera aktivitet');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Planera aktivitet' }).waitFor();
    await tabTo(page, (e) => e.label === 'Rubrik');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab'); // type of activity
    await page.keyboard.type('Trygghetsv');
    await page.keyboard.press('Tab');
    await page.keyboard.type(when.date);
    await page.keyboard.press('Tab');
    await page.keyboard.type('17:00');
    await tabTo(page, (e) => e.label === 'Kommun');
    await page.keyboard.type('Danderyd');
    await page.keyboard.press('Tab'); // place
    await page.keyboard.type('Vendev');
    await tabTo(page, (e) => e.tag === 'button' && e.text === 'Spara aktiviteten', 80);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title }).waitFor();
    const row = await server.sql<{ type: string; place: string }>(
      'SELECT a.type, p.name AS place FROM prevention_activity a JOIN place p ON p.id = a.place_id WHERE a.title = $1',
      [title],
    );
    expect(row).toEqual([{ type: 'SAFETY_WALK', place: 'Vendevägen' }]);
    await page.context().close();
  });

  it('the follow-up downloads as CSV', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE);
    await followUpCell(page, when.year, when.quarter);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(1);
    expect(csv).toContain('SAFETY_WALK');
    await page.context().close();
  });

  it('the kommunpolis changes an activity and then cancels it', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE, `/forebyggande/${sharedId}`);
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    await page.getByRole('link', { name: 'Ändra', exact: true }).click();
    await page.getByRole('heading', { name: 'Ändra aktivitet' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Starttid', exact: true }).inputValue()).toBe('18:00');
    await page.getByRole('textbox', { name: 'Sluttid', exact: true }).fill('17:00');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Sluttiden kan inte vara före starttiden.').waitFor();
    await page.getByRole('textbox', { name: 'Sluttid', exact: true }).fill('20:15');
    // The walk is planned for later: people reached cannot be given before it has started.
    await page.getByRole('textbox', { name: 'Antal personer som nåddes', exact: true }).fill('12');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page
      .getByText('antal nådda personer kan anges först när aktiviteten har börjat', { exact: false })
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: 'Antal personer som nåddes', exact: true }).fill('');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    await page.getByText(`20:15`).first().waitFor();
    await page.getByRole('button', { name: 'Ställ in aktiviteten' }).click();
    await page.getByRole('button', { name: 'Ja, ställ in' }).click();
    await page.getByText('Inställd', { exact: true }).waitFor();
    const rows = await server.sql<{ status: string; people: number; ends: string }>(
      `SELECT status, people_reached AS people, to_char(ends_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS ends FROM prevention_activity WHERE id = $1`,
      [sharedId],
    );
    expect(rows).toEqual([{ status: 'CANCELLED', people: null, ends: '20:15' }]);
    expect(await page.getByRole('link', { name: 'Ändra', exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
