import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/identity/second-factor/totp';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';
import { expectAccessible, launchBrowser, newPage } from './browser';

const EMAIL = 'trygghet@danderyd.example';

describe('the console: sign-in with a second factor', () => {
  let server: TestServer;
  let browser: Browser;
  let secret = '';

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    browser = await launchBrowser();
    // The person has enrolled an authenticator app (through the API).
    const token = await server.login(EMAIL);
    const enrol = await server.gql<{ enrolSecondFactor: { secret: string } }>(
      'mutation { enrolSecondFactor { secret } }',
      {},
      token,
    );
    secret = enrol.data!.enrolSecondFactor.secret;
    const confirmed = await server.gql(
      'mutation C($code: String!) { confirmSecondFactor(code: $code) { recoveryCodes } }',
      { code: totpCode(secret, Date.now()) },
      token,
    );
    expect(confirmed.errors).toBeUndefined();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the code after the password, refuses a wrong one in Swedish and lets the right one in', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/');
    await page.getByLabel('E-postadress', { exact: true }).fill(EMAIL);
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Ange din kod' }).waitFor();
    await expectAccessible(page, 'second-factor');

    const right = totpCode(secret, Date.now() + 30_000);
    await page.getByLabel('Kod', { exact: true }).fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByRole('alert').getByText('Koden stämmer inte').waitFor();

    await page.getByLabel('Kod', { exact: true }).fill(right);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await page.close();
  });
});
