import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './browser';

const COORDINATOR = 'utbildning@danderyd.example';
const POLICE = 'kommunpolis@polisen.example';
const DANDERYD = 'socialsekreterare@danderyd.example';
const AUDITOR = 'loggkontroll@polisen.example';

/** A Stockholm date `days` from today (YYYY-MM-DD). */
function inDays(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
}

async function menu(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link');
  return (await links.allTextContents()).map((s) => s.trim());
}

async function expectNotAllowed(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Inte tillåtet', level: 1 }).waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('ingår inte i din roll');
}

/** The numbers a table row shows (a protected figure reads "≈ ungefär N", an unpublished one "–"). */
async function rowFigures(page: Page, tableName: RegExp, area: string): Promise<(number | null)[]> {
  const row = page
    .getByRole('table', { name: tableName })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: area, exact: true }) });
  const cells = await row.getByRole('cell').allTextContents();
  return cells.map((c) => {
    const m = /(\d+)\s*$/.exec(c.trim());
    return m ? Number(m[1]) : null;
  });
}

describe('Utbildning and Indikatorer in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const stamp = Date.now();
  const newcomer = `Nora Nyberg ${stamp}`;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a training coordinator imports a newcomer, finds who lacks the FREDA course and enrols them; the waitlist promotes on cancellation', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, COORDINATOR);
    // The start page of a coordinator is Utbildning, and the menu holds nothing else.
    await page.getByRole('heading', { name: 'Utbildningstäckning', level: 1 }).waitFor();
    expect(await menu(page)).toEqual(['Utbildning']);
    await page.getByRole('table', { name: /Täckning per krav och enhet/ }).waitFor();
    await expectAccessible(page, 'training coverage');
    await screenshot(page, '21-utbildning-tackning');

    // CSV import: a rejected line is explained, and nothing is stored.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Importera från CSV' }).waitFor();
    const csv = `name,unit,title\n${newcomer},Vuxenenheten,Socialsekreterare\nKarin Nyström,Vuxenenheten,Socialsekreterare\n`;
    await page.getByLabel('CSV-text').fill(csv);
    await page.getByRole('button', { name: 'Importera' }).click();
    const rejected = page.getByRole('table', { name: 'Rader som inte kunde importeras' });
    await rejected.waitFor();
    expect(await page.getByText(/Ingenting sparades: 1 rad behöver rättas/).isVisible()).toBe(true);
    const rejectedRow = rejected.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3' }) });
    expect(await rejectedRow.textContent()).toContain('Det finns redan en person med samma namn i enheten.');
    expect(await server.sql('SELECT id FROM staff_member WHERE name = $1', [newcomer])).toEqual([]);
    await expectAccessible(page, 'training import with a rejected line');
    await screenshot(page, '22-utbildning-import-fel');

    await page.getByLabel('CSV-text').fill(`name,unit,title\n${newcomer},Vuxenenheten,Socialsekreterare\n`);
    await page.getByRole('button', { name: 'Importera' }).click();
    await page.getByText('1 rad importerades.').waitFor();
    expect(await server.sql('SELECT id FROM staff_member WHERE name = $1', [newcomer])).toHaveLength(1);

    // The staff register finds her; her certificate status says FREDA is missing.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Personal' }).click();
    // The API searches the whole register (every word in name, unit or job title) and counts the matches.
    await page.getByLabel('Sök personal').fill('nora vuxen');
    await page.getByText('Visar 1 av 1 personer').waitFor();
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'staff register');
    await screenshot(page, '23-utbildning-personal');
    await page.getByRole('link', { name: newcomer }).click();
    await page.getByRole('heading', { name: newcomer, level: 1 }).waitFor();
    const freda = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'FREDA kortfrågor' }) });
    expect(await freda.textContent()).toContain('Saknas');
    await expectAccessible(page, 'certificates of a person');
    await screenshot(page, '24-utbildning-person');

    // A new FREDA session with two places.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Kurstillfällen' }).click();
    await page.getByRole('heading', { name: 'Kurstillfällen', level: 1 }).waitFor();
    const place = `Mörby centrum, sal ${stamp % 1000}`;
    await page.getByRole('combobox', { name: 'Kurs', exact: true }).selectOption({ label: 'FREDA kortfrågor' });
    await page.getByRole('textbox', { name: 'Datum', exact: true }).fill(inDays(40));
    await page.getByRole('textbox', { name: 'Starttid' }).fill('09:00');
    await page.getByRole('textbox', { name: 'Sluttid' }).fill('12:00');
    await page.getByRole('textbox', { name: 'Plats', exact: true }).fill(place);
    await page.getByRole('textbox', { name: 'Antal platser' }).fill('2');
    await page.getByRole('textbox', { name: 'Kursledare' }).fill('Socialstyrelsens utbildare');
    await page.getByRole('button', { name: 'Spara kurstillfället' }).click();
    await page.getByRole('link', { name: 'Kurstillfället är sparat. Visa det.' }).waitFor();
    await page.getByRole('cell', { name: place }).waitFor();
    await expectAccessible(page, 'training sessions');
    await screenshot(page, '25-utbildning-kurstillfallen');

    // Coverage: who lacks FREDA in Vuxenenheten, and enrolment straight from that list.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Täckning' }).click();
    await page.getByRole('combobox', { name: 'Kurs', exact: true }).selectOption({ label: 'FREDA kortfrågor' });
    const group = page.getByRole('region', { name: 'FREDA kortfrågor – Vuxenenheten (Socialsekreterare)' });
    await group.waitFor();
    expect(await group.getByRole('checkbox', { name: 'Oskar Wallin' }).isDisabled()).toBe(true); // already enrolled
    await group.getByRole('checkbox', { name: newcomer }).check();
    const sessionSelect = group.getByRole('combobox', { name: 'Kurstillfälle' });
    const option = await sessionSelect.locator('option', { hasText: place }).getAttribute('value');
    await sessionSelect.selectOption(option ?? '');
    await group.getByRole('button', { name: 'Anmäl valda' }).click();
    await group.getByText(`${newcomer} är anmäld till kurstillfället.`).waitFor();
    const enrolled = await server.sql<{ status: string; place: string }>(
      `SELECT e.status, s.place FROM enrolment e JOIN staff_member m ON m.id = e.staff_member_id
         JOIN training_session s ON s.id = e.session_id WHERE m.name = $1`,
      [newcomer],
    );
    expect(enrolled).toEqual([{ status: 'ENROLLED', place }]);
    await expect.poll(() => group.getByText(/anmäld till tillfället/).count()).toBeGreaterThan(1);
    await expectAccessible(page, 'coverage after enrolment');
    await screenshot(page, '26-utbildning-anmald-fran-tackning');

    // The seeded FREDA session is full with Peter Sjöberg waiting: cancelling Oskar promotes him.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Kurstillfällen' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Danderyds kommunhus' })
      .filter({ hasText: 'FREDA kortfrågor' })
      .getByRole('link', { name: 'FREDA kortfrågor' })
      .click();
    await page.getByRole('heading', { name: 'FREDA kortfrågor', level: 1 }).waitFor();
    const peter = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Peter Sjöberg' }) });
    expect(await peter.textContent()).toContain('På väntelista');
    await page.getByRole('button', { name: 'Avboka Oskar Wallin' }).click();
    await page.getByText('Oskar Wallin är avbokad. Peter Sjöberg fick platsen från väntelistan.').waitFor();
    expect(await peter.textContent()).toContain('Anmäld');
    expect(await peter.textContent()).toContain('Fick plats från väntelistan');
    const statuses = await server.sql<{ name: string; status: string }>(
      `SELECT m.name, e.status FROM enrolment e JOIN staff_member m ON m.id = e.staff_member_id
         JOIN training_session s ON s.id = e.session_id
        WHERE s.place = 'Danderyds kommunhus, Mörby centrum' AND m.name IN ('Oskar Wallin', 'Peter Sjöberg') ORDER BY m.name`,
    );
    expect(statuses).toEqual([
      { name: 'Oskar Wallin', status: 'CANCELLED' },
      { name: 'Peter Sjöberg', status: 'ENROLLED' },
    ]);
    await expectAccessible(page, 'session after cancellation');
    await screenshot(page, '27-utbildning-vantelista');

    // Expiring certificates within 90 days, the courses, and the coverage CSV.
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Intyg som går ut' }).click();
    await page.getByRole('table', { name: /intyg går ut inom 90 dagar/ }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Karin Nyström' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'expiring certificates');
    await screenshot(page, '28-utbildning-utgaende');
    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Kurser' }).click();
    await page.getByRole('rowheader', { name: 'FREDA kortfrågor' }).waitFor();
    expect(
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'FREDA kortfrågor' }) })
        .textContent(),
    ).toContain('36 månader');
    await expectAccessible(page, 'courses');
    await screenshot(page, '29-utbildning-kurser');

    await page.getByRole('navigation', { name: 'Utbildning' }).getByRole('link', { name: 'Täckning' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner täckningen som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toContain('FREDA-KORT');
    expect(text).toContain(newcomer);

    // Pages of other roles: "Inte tillåtet", and the API refuses anyway.
    await expectNotAllowed(page, '/indikatorer');
    await expectAccessible(page, 'not allowed');
    await screenshot(page, '30-inte-tillatet');
    await expectNotAllowed(page, '/forebyggande');
    const token = await server.login(COORDINATOR);
    const refused = await server.gql(
      'query { indicatorTable(indicatorCode: "SOC_FREDA_SCREENINGS", year: 2025) { protected } }',
      {},
      token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await page.context().close();
  }, 600_000);

  it("a police partner reads Danderyd's protected table and sees no small count", async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, POLICE);
    const items = await menu(page);
    expect(items).toContain('Indikatorer');
    expect(items).not.toContain('Utbildning');
    await page.getByRole('link', { name: 'Indikatorer' }).click();
    await page.getByRole('heading', { name: 'Indikatorer', level: 1 }).waitFor();
    const year = new Date().getFullYear() - 1;
    await page
      .getByRole('combobox', { name: 'Indikator', exact: true })
      .selectOption({ label: 'Genomförda FREDA-kortfrågor (Socialtjänsten)' });
    await page.getByRole('combobox', { name: 'År' }).selectOption(String(year));
    const caption = new RegExp(`Genomförda FREDA-kortfrågor ${year} per .*, skyddade siffror`);
    await page.getByRole('table', { name: caption }).waitFor();
    const figures = await rowFigures(page, caption, 'Danderyd');
    expect(figures.length).toBeGreaterThan(1);
    const shown = figures.filter((v): v is number => v !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) expect(v === 0 || v >= 5, `figure ${v}`).toBe(true);
    // Protected figures say so: "≈" with the legend, never a bare number.
    expect(await page.getByRole('table', { name: caption }).locator('.figure.protected').count()).toBeGreaterThan(0);
    expect(
      await page
        .getByRole('table', { name: caption })
        .locator('td > .figure:not(.protected):not(.unpublished)')
        .count(),
    ).toBe(0);
    await page.getByRole('heading', { name: 'Så läser du skyddade siffror' }).waitFor();
    expect(await page.getByText(/Ett litet antal \(1–4\) visas aldrig som sig självt/).isVisible()).toBe(true);
    await expectAccessible(page, 'protected indicator table');
    await screenshot(page, '31-indikatorer-skyddad-tabell');

    // A rare indicator: per quarter is asked, a coarser period is served, and still no small count.
    await page
      .getByRole('combobox', { name: 'Indikator', exact: true })
      .selectOption({ label: 'Placeringar i skyddat boende (Socialtjänsten)' });
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Kvartal' });
    const rare = new RegExp(`Placeringar i skyddat boende ${year} per .*, skyddade siffror`);
    await page.getByRole('table', { name: rare }).waitFor();
    for (const v of (await rowFigures(page, rare, 'Danderyd')).filter((x): x is number => x !== null))
      expect(v === 0 || v >= 5, `figure ${v}`).toBe(true);
    if (await page.getByText(/men antalen är för små/).count()) await screenshot(page, '32-indikatorer-grovre-period');

    // The police's own indicator: exact figures, no legend.
    await page
      .getByRole('combobox', { name: 'Indikator', exact: true })
      .selectOption({ label: 'Anmälda brott i nära relation (Polisen)' });
    await page.getByRole('table', { name: /Anmälda brott i nära relation .*, exakta siffror/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Så läser du skyddade siffror' }).count()).toBe(0);

    // The trend over the years.
    await page
      .getByRole('navigation', { name: 'Indikatorer' })
      .getByRole('link', { name: 'Utveckling över år' })
      .click();
    await page
      .getByRole('combobox', { name: 'Indikator', exact: true })
      .selectOption({ label: 'Genomförda FREDA-kortfrågor (Socialtjänsten)' });
    const trend = /Genomförda FREDA-kortfrågor per år, skyddade siffror/;
    await page.getByRole('table', { name: trend }).waitFor();
    const yearly = (await rowFigures(page, trend, 'Danderyd')).filter((x): x is number => x !== null);
    expect(yearly.length).toBeGreaterThanOrEqual(3);
    for (const v of yearly) expect(v === 0 || v >= 5).toBe(true);
    await expectAccessible(page, 'indicator trend');
    await screenshot(page, '33-indikatorer-trend');

    // The owner's records: one made earlier (another visit, through the API) is listed with the
    // organisation's others, newest first, and voided here with a reason.
    const [area] = await server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    const earlier = await server.gql<{ recordDetection: { id: string } }>(
      'mutation R($input: RecordDetectionInput!) { recordDetection(input: $input) { id } }',
      { input: { indicatorCode: 'POL_RISK_ASSESSMENTS', areaId: area.id, occurredOn: inDays(-3), count: 7 } },
      await server.login(POLICE),
    );
    expect(earlier.errors).toBeUndefined();
    await page.getByRole('navigation', { name: 'Indikatorer' }).getByRole('link', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: 'Registrera upptäckter' }).waitFor();
    const list = page.getByRole('table', { name: 'Organisationens registreringar' });
    await page.getByText(/Visar 25 av \d+ registreringar, de senaste först/).waitFor();
    const first = list.getByRole('row').nth(1);
    expect(await first.getByRole('rowheader').textContent()).toBe('Genomförda riskbedömningar');
    expect(await first.getByRole('cell').nth(2).textContent()).toBe('7');
    // The next page, from the API.
    await page.getByRole('button', { name: 'Visa fler registreringar' }).click();
    await page.getByText(/Visar 50 av \d+ registreringar/).waitFor();
    await first.getByRole('button', { name: /^Makulera Genomförda riskbedömningar, Danderyd/ }).click();
    await first.getByRole('textbox', { name: 'Orsak till makulering' }).fill('Fel kommun');
    await screenshot(page, '34-indikatorer-registrera');
    await first.getByRole('button', { name: 'Makulera' }).click();
    await first.getByText('Makulerad').waitFor();
    const voided = await server.sql<{ void_reason: string | null }>(
      `SELECT void_reason FROM detection_record WHERE id = $1`,
      [earlier.data?.recordDetection.id],
    );
    expect(voided).toEqual([{ void_reason: 'Fel kommun' }]);
    await expectAccessible(page, 'record detections, voiding an earlier record');

    // A new record through the form shows at the top of the list.
    await page.getByRole('combobox', { name: 'Indikator', exact: true }).selectOption({ label: 'Kontaktförbud' });
    await page.getByRole('combobox', { name: 'Kommun' }).selectOption({ label: 'Danderyd' });
    await page.getByRole('textbox', { name: 'Antal' }).fill('2');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByText('Registreringen är sparad och visas överst i listan.').waitFor();
    await expect
      .poll(async () => list.getByRole('row').nth(1).getByRole('rowheader').textContent())
      .toBe('Kontaktförbud');
    const records = await server.sql<{ count: number; voided: boolean }>(
      `SELECT count, voided_at IS NOT NULL AS voided FROM detection_record
        WHERE indicator_code = 'POL_RESTRAINING_ORDERS' AND recorded_at > now() - interval '10 minutes'`,
    );
    expect(records).toEqual([{ count: 2, voided: false }]);
    await expectAccessible(page, 'record detections');
    await screenshot(page, '35-indikatorer-registreringar');

    await expectNotAllowed(page, '/utbildning');
    await expectNotAllowed(page, '/utbildning/tillfallen');
    await page.context().close();
  }, 600_000);

  it('each role sees only its own menu items', async () => {
    const worker = await newPage(browser, server.url);
    await signIn(worker, DANDERYD);
    const items = await menu(worker);
    expect(items).toEqual(
      expect.arrayContaining(['Min översikt', 'Förebyggande arbete', 'Årsuppföljning', 'Indikatorer']),
    );
    expect(items).not.toContain('Utbildning');
    await worker.context().close();

    // An auditor has none of these areas (the menu may even be empty): signed in is the account's name.
    const auditor = await newPage(browser, server.url);
    await auditor.goto('/');
    await auditor.getByLabel('E-postadress', { exact: true }).fill(AUDITOR);
    await auditor.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await auditor.getByRole('button', { name: 'Logga in' }).click();
    await auditor.getByRole('button', { name: 'Logga ut' }).waitFor();
    const auditorItems = await menu(auditor);
    for (const item of ['Min översikt', 'Förebyggande arbete', 'Indikatorer', 'Utbildning'])
      expect(auditorItems).not.toContain(item);
    await expectNotAllowed(auditor, '/utbildning');
    await expectNotAllowed(auditor, '/indikatorer/registrera');
    await expectNotAllowed(auditor, '/uppfoljning');
    await auditor.context().close();
  }, 240_000);
});
