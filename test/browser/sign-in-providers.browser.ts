import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDP_USERS } from '../../src/modules/identity/oidc/demo-idp';
import { tokenHash } from '../../src/modules/identity/login/login.rules';
import { totpCode } from '../../src/modules/identity/second-factor/totp';
import { DEMO_PASSWORD, PRODUCTION_TEST_SECRETS, startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage, screenshot } from './browser';

describe('the console: sign-in through the demo identity provider', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // As `npm start` in development: demo data seeded at the start, then the demo IdP for its organisations.
    server = await startTestServer({ seedAtStart: true, env: { DEMO_IDP: 'true', DEMO_IDP_PORT: '0' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("offers one button per provider, signs in at the provider's form, comes back signed in, and signs out at the provider too", async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/');
    const button = page.getByRole('link', { name: 'Logga in med Danderyds kommun (demo-IdP)' });
    await button.waitFor();
    expect(await page.getByRole('link', { name: /^Logga in med / }).count()).toBe(3);
    await expectAccessible(page, 'sign-in-providers');
    await screenshot(page, 'sign-in-providers');

    await button.click();
    await page.waitForURL(`${server.runtime.demoIdp!.issuer}/interaction/**`);
    await page.getByText('Demo – inte för verklig användning').first().waitFor();
    await screenshot(page, 'demo-idp-login');
    const sara = DEMO_IDP_USERS.find((u) => u.sub === 'demo-sara')!;
    await page.getByLabel('E-postadress').fill(sara.email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();

    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    await page.getByText(sara.name).first().waitFor();
    await screenshot(page, 'demo-idp-signed-in');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga ut från demo-IdP:n?' }).waitFor();
    await screenshot(page, 'demo-idp-logout');
    await page.getByRole('button', { name: 'Ja, logga ut' }).click();
    await page.getByRole('link', { name: 'Logga in med Danderyds kommun (demo-IdP)' }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    await page.close();
  });
});

describe('the console: enrolling a second factor at the first production login', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { NODE_ENV: 'production', ...PRODUCTION_TEST_SECRETS } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the secret and a QR code, confirms with a code, shows the ten recovery codes once, and keeps the known-device token', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/');
    await page.getByLabel('E-postadress', { exact: true }).fill('admin@danderyd.example');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { name: 'Skaffa en andra faktor' }).waitFor();
    await page.getByRole('img', { name: 'QR-kod med nyckeln för autentiseringsappen' }).waitFor();
    await expectAccessible(page, 'enrol-second-factor');
    await screenshot(page, 'enrol-second-factor');

    const secret = (await page.locator('code.secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    await page.getByText('Visa länken (otpauth) som text').click();
    expect(await page.locator('code.uri').innerText()).toContain(`secret=${secret}`);

    await page.getByLabel('Kod', { exact: true }).fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Bekräfta och logga in' }).click();
    await page.getByRole('heading', { name: 'Spara dina reservkoder' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Reservkoder' }).getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    await expectAccessible(page, 'recovery-codes');
    await screenshot(page, 'recovery-codes');
    await page.getByRole('button', { name: 'Jag har sparat koderna – fortsätt' }).click();
    // Signed in (an administrator's console has no menu of areas, but a way out).
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await screenshot(page, 'enrolled-signed-in');

    // The known-device token of that login is kept in this browser, under a hash of the address.
    const kept = await page.evaluate(
      () => JSON.parse(localStorage.getItem('samverkan.knownDevices') ?? '{}') as Record<string, string>,
    );
    const tokens = Object.values(kept);
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(kept)).not.toContain('danderyd');
    const [device] = await server.sql<{ n: string }>(`SELECT count(*) AS n FROM known_device WHERE token_hash = $1`, [
      tokenHash(tokens[0]),
    ]);
    expect(Number(device.n)).toBe(1);
    await page.close();
  });
});
