import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../test/browser/browser';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../../test/helpers/test-server';
import type { Browser } from 'playwright-core';

/**
 * `npm run bench:web`: the console's initial JavaScript as transferred (gzip) and the time from
 * navigation to an interactive activities list (the first page of rows shown, its links usable),
 * signed in, with an empty browser cache, over BENCH_WEB_RUNS runs (default 7) in Chromium.
 */
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const TARGET_JS_GZIP_BYTES = 250 * 1024;
const TARGET_INTERACTIVE_MS = 1500;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ seed: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

it('initial JS and time to an interactive activities list', async () => {
  const jsBytes: number[] = [];
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: server.url, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const login = await context.request.post('/graphql', {
      headers: { 'content-type': 'application/json' },
      data: {
        query: 'mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }',
        variables: { e: 'kommunpolis@polisen.example', p: DEMO_PASSWORD },
      },
    });
    expect(login.ok()).toBe(true);
    const page = await context.newPage();
    let js = 0;
    page.on('response', (response) => {
      if ((response.headers()['content-type'] ?? '').includes('javascript'))
        js += Number(response.headers()['content-length'] ?? 0);
    });
    const started = Date.now();
    await page.goto('/forebyggande');
    await page.locator('table tbody tr a').first().waitFor();
    await page.getByText(/Visar \d+ av \d+ aktiviteter/).waitFor();
    times.push(Date.now() - started);
    jsBytes.push(js);
    await context.close();
  }
  const result = {
    runs: RUNS,
    initialJsGzipBytes: { min: Math.min(...jsBytes), max: Math.max(...jsBytes) },
    interactiveActivitiesMs: { median: median(times), min: Math.min(...times), max: Math.max(...times), all: times },
    targets: { jsGzipBytes: TARGET_JS_GZIP_BYTES, interactiveMs: TARGET_INTERACTIVE_MS },
  };
  console.log(
    `bench:web over ${RUNS} runs: initial JS ${(result.initialJsGzipBytes.max / 1024).toFixed(1)} kB gzip (target ≤ 250 kB); ` +
      `interactive activities list median ${result.interactiveActivitiesMs.median} ms, min ${result.interactiveActivitiesMs.min}, max ${result.interactiveActivitiesMs.max} (target ≤ 1500 ms)`,
  );
  const dir = path.resolve(__dirname, '../results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `web-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify(result, null, 2),
  );
  expect(result.initialJsGzipBytes.max).toBeGreaterThan(0);
});
