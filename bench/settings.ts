/** Benchmark settings from the environment; every bad value is named on a line of its own. */
export interface BenchSettings {
  /** Seconds each measured run lasts. */
  durationSeconds: number;
  /** Seconds of warm-up before each target's first measured run. */
  warmupSeconds: number;
  /** Seconds of full load before the seal-lag measurement. */
  sealDurationSeconds: number;
  /** Synthetic events inserted for the verification timing; 0 skips the insert (verify still runs). */
  verifyEvents: number;
  connections: number;
  /** Log level of the API under test (default warn: no per-request log lines either side). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'silent';
  /** The scenarios to run, in the order of SCENARIOS (BENCH_SCENARIOS, comma-separated; default all). */
  scenarios: Scenario[];
  /** Failed logins per kind (known account, unknown address) in the login timing scenario. */
  loginSamples: number;
  /** Activities in the table at each step of the growth scenario, ascending. */
  growthSizes: number[];
}

export const SCENARIOS = [
  'me',
  'areas',
  'activities',
  'cases',
  'coverage',
  'seal',
  'verify',
  'indicators',
  'login',
  'growth',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw.trim());
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const levels = ['fatal', 'error', 'warn', 'info', 'silent'] as const;
  const rawLevel = env.BENCH_LOG_LEVEL ?? 'warn';
  const logLevel = levels.find((l) => l === rawLevel);
  if (!logLevel) problems.push(`BENCH_LOG_LEVEL must be one of ${levels.join(', ')} (got "${rawLevel}")`);
  const rawScenarios = (env.BENCH_SCENARIOS ?? '').trim();
  const asked =
    rawScenarios === ''
      ? [...SCENARIOS]
      : rawScenarios
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '');
  const unknown = asked.filter((x) => !SCENARIOS.some((known) => known === x));
  if (unknown.length > 0 || asked.length === 0) {
    problems.push(`BENCH_SCENARIOS must be a comma-separated list of ${SCENARIOS.join(', ')} (got "${rawScenarios}")`);
  }
  const rawSizes = (env.BENCH_GROWTH_SIZES ?? '').trim();
  const growthSizes =
    rawSizes === '' ? [1_000, 10_000, 100_000, 1_000_000] : rawSizes.split(',').map((x) => Number(x.trim()));
  if (
    growthSizes.length === 0 ||
    growthSizes.some((n) => !Number.isInteger(n) || n < 1_000 || n > 20_000_000) ||
    growthSizes.some((n, i) => i > 0 && n <= growthSizes[i - 1])
  ) {
    problems.push(
      `BENCH_GROWTH_SIZES must be ascending whole numbers between 1000 and 20000000, comma-separated (got "${rawSizes}")`,
    );
  }
  const settings: BenchSettings = {
    durationSeconds: int('BENCH_DURATION', 15, 1, 600),
    warmupSeconds: int('BENCH_WARMUP', 3, 0, 60),
    sealDurationSeconds: int('BENCH_SEAL_DURATION', 30, 1, 600),
    verifyEvents: int('BENCH_VERIFY_EVENTS', 1_000_000, 0, 20_000_000),
    connections: int('BENCH_CONNECTIONS', 50, 1, 1000),
    logLevel: logLevel ?? 'warn',
    scenarios: SCENARIOS.filter((x) => asked.includes(x)),
    loginSamples: int('BENCH_LOGIN_SAMPLES', 150, 10, 5000),
    growthSizes,
  };
  if (problems.length > 0)
    throw new Error(`Invalid benchmark settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return settings;
}
