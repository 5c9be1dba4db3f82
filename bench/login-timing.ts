import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';

/**
 * Equal work on failed logins: wrong passwords for an existing account and logins with unknown
 * addresses, interleaved in random order one at a time, each after the throttle counters were
 * cleared (outside the timing; every request comes from one address). Reports both medians, the
 * difference, and the noise it is measured against: a bootstrap 95 % interval of the difference of
 * medians, and the same statistic between two random halves of the known-account sample (A/A).
 */
export interface LoginTiming {
  samples: number;
  knownMedianMs: number;
  unknownMedianMs: number;
  /** known − unknown. */
  differenceMs: number;
  /** Bootstrap 95 % interval of the difference of medians. */
  interval95Ms: [number, number];
  /** |median(A) − median(B)| for two random halves of the known sample: the noise floor. */
  aaDifferenceMs: number;
  /** The interval contains 0: no difference the measurement can tell from noise. */
  withinNoise: boolean;
}

const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const resample = (xs: readonly number[]): number[] => xs.map(() => xs[Math.floor(Math.random() * xs.length)]);

async function timedLogin(api: string, email: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { email, password: 'not-the-password-0000' } }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  const elapsed = performance.now() - started;
  const code = body.errors?.[0]?.extensions?.code;
  if (code !== 'UNAUTHENTICATED') throw new Error(`login: a failed login answered ${code ?? 'no error'}`);
  return elapsed;
}

export async function loginTimingScenario(
  api: string,
  pool: Pool,
  knownEmail: string,
  samples: number,
  log: (line: string) => void,
): Promise<LoginTiming> {
  log(`login: ${samples} failed logins each for a known and unknown addresses, interleaved, one at a time`);
  const known: number[] = [];
  const unknown: number[] = [];
  // Warm-up: the dummy hash is computed once, on the first unknown address.
  for (let i = 0; i < 5; i++) {
    await pool.query(`DELETE FROM login_throttle`);
    await timedLogin(api, `warmup-${i}@danderyd.example`);
    await pool.query(`DELETE FROM login_throttle`);
    await timedLogin(api, knownEmail);
  }
  for (let i = 0; i < samples; i++) {
    const order = Math.random() < 0.5 ? ['known', 'unknown'] : ['unknown', 'known'];
    for (const which of order) {
      await pool.query(`DELETE FROM login_throttle`);
      if (which === 'known') known.push(await timedLogin(api, knownEmail));
      else unknown.push(await timedLogin(api, `okand-${i}-${Date.now()}@danderyd.example`));
    }
  }
  const differences: number[] = [];
  for (let b = 0; b < 2000; b++) differences.push(median(resample(known)) - median(resample(unknown)));
  differences.sort((a, b) => a - b);
  const shuffled = [...known].sort(() => Math.random() - 0.5);
  const half = Math.floor(shuffled.length / 2);
  const timing: LoginTiming = {
    samples,
    knownMedianMs: median(known),
    unknownMedianMs: median(unknown),
    differenceMs: median(known) - median(unknown),
    interval95Ms: [
      differences[Math.floor(0.025 * differences.length)],
      differences[Math.floor(0.975 * differences.length)],
    ],
    aaDifferenceMs: Math.abs(median(shuffled.slice(0, half)) - median(shuffled.slice(half))),
    withinNoise: false,
  };
  timing.withinNoise = timing.interval95Ms[0] <= 0 && timing.interval95Ms[1] >= 0;
  log(formatLoginTiming(timing));
  return timing;
}

export function formatLoginTiming(t: LoginTiming): string {
  const f = (x: number): string => x.toFixed(2);
  return (
    `login (failed, n=${t.samples} each): known account p50 ${f(t.knownMedianMs)} ms, unknown address p50 ${f(t.unknownMedianMs)} ms; ` +
    `difference ${f(t.differenceMs)} ms, bootstrap 95 % interval [${f(t.interval95Ms[0])}, ${f(t.interval95Ms[1])}] ms, ` +
    `A/A noise ${f(t.aaDifferenceMs)} ms: ${t.withinNoise ? 'within noise' : 'NOT within noise'}`
  );
}
