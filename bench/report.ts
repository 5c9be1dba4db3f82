import type { HmacCost } from './audit-hmac';
import fs from 'node:fs';
import path from 'node:path';
import { formatGrowth, type GrowthTiming } from './growth';
import { formatIndicators, type IndicatorsTiming } from './indicators';
import { formatLoginTiming, type LoginTiming } from './login-timing';
import type { LoadResult } from './load';

export const TARGET_RATIO = 0.6;
export const TARGET_P99_RATIO = 1.5;
export const TARGET_SEAL_LAG_SECONDS = 5;
/** preventionActivities(first: 20) with four relations and an audit INSERT: API ÷ baseline req/s (issue #26: 0.75). */
export const TARGET_ACTIVITIES_RATIO = 0.75;
/** cases(first: 20) with tasks and latest assessment and an audit INSERT: API ÷ baseline req/s. */
export const TARGET_CASES_RATIO = 0.5;
/** Keyset pagination: the API's p50 on a deep page at most this many times its p50 on page 1. */
export const TARGET_DEEP_PAGE_P50_RATIO = 1.1;

export interface Comparison {
  name: string;
  api: LoadResult;
  baseline: LoadResult;
  /** API req/s ÷ baseline req/s. */
  ratio: number;
  /** The least `ratio` that meets the target. */
  targetRatio: number;
  /** API p99 ÷ baseline p99. */
  p99Ratio: number;
  ratioMet: boolean;
  p99Met: boolean;
  /** CPU of the bench process per answered request, ms (API and baseline run in it one at a time). */
  apiCpuMsPerRequest?: number;
  baselineCpuMsPerRequest?: number;
  /** The load average (1, 5, 15 min) when the API's run ended. */
  loadAverage?: number[];
}

export interface SealLag {
  loadSeconds: number;
  requestsPerSecond: number;
  eventsDuringLoad: number;
  unsealedWhenLoadStopped: number;
  /** Seconds from the load stopping until no event was left unsealed; null when it never happened. */
  secondsToSealed: number | null;
  met: boolean;
}

export interface VerifyTiming {
  insertedEvents: number;
  insertSeconds: number;
  insertEventsPerSecond: number;
  /** Seconds from the end of the insert until the sealer had sealed everything. */
  sealCatchUpSeconds: number | null;
  checkedEvents: number;
  checkedCheckpoints: number;
  verifySeconds: number;
  verifyEventsPerSecond: number;
  /** CPU of this process (the verifier; PostgreSQL's share not included) per event, µs, and the load average meanwhile. */
  verifyCpuMicrosPerEvent?: number;
  /** CPU of PostgreSQL's backends of the scratch database (from /proc) per event, µs; null when not on this machine. */
  postgresCpuMicrosPerEvent?: number | null;
  /**
   * 1,000,000 events on this machine's cores when idle, from the CPU both sides used (not the wall
   * time, which the load inflates): the larger of their sum spread over every core and the verifier's own CPU.
   */
  projectedIdleMillionSeconds?: number | null;
  loadAverage?: number[];
  /** Complete verify of 1,000,000 events, by this run's rate: the target is ≤ 10 s. */
  projectedMillionSeconds?: number;
  ok: boolean;
  problem: string | null;
}

/** The deep page against page 1 of the activities list: keyset pagination must not slow down. */
export interface KeysetCheck {
  /** Activities inserted for the scenario, and how many of all activities the caller sees. */
  insertedActivities: number;
  visibleToCaller: number;
  deepPage: number;
  /** Deep page ÷ page 1, API p50 (the target), API mean latency and baseline p50. */
  apiP50Ratio: number;
  apiMeanRatio: number;
  baselineP50Ratio: number;
  met: boolean;
}

/** trainingCoverage over COVERAGE_STAFF staff and COVERAGE_COMPLETIONS completions. */
export const TARGET_COVERAGE_P50_MS = 50;

export interface CoverageTiming {
  staff: number;
  units: number;
  courses: number;
  requirements: number;
  completions: number;
  /** Rows of the report, and missing names across them. */
  rows: number;
  missingNames: number;
  responseBytes: number;
  insertSeconds: number;
  /** One request at a time (client-side latency, ms): the data unchanged, so a report computed once is served again. */
  sequential: { requests: number; p50: number; p99: number; mean: number; requestsPerSecond: number };
  /** One request at a time, each right after a committed change to a course: every report computed afresh. */
  afterChange: { requests: number; p50: number; p99: number; mean: number };
  /** autocannon at `connections` concurrent connections. */
  load: LoadResult;
  connections: number;
  planFile: string;
  met: boolean;
}

export function formatCoverage(c: CoverageTiming): string {
  const s = c.sequential;
  return [
    `  coverage (${c.staff} staff, ${c.units} units, ${c.courses} courses, ${c.requirements} requirements, ${c.completions} completions; ${c.rows} rows, ${c.missingNames} missing names, ${Math.round(c.responseBytes / 1024)} KiB):`,
    `    sequential:       ${num(s.requestsPerSecond).padStart(7)} req/s, p50 ${num(s.p50, 1)} ms, p99 ${num(s.p99, 1)} ms (${s.requests} requests)  target p50 ≤ ${TARGET_COVERAGE_P50_MS} ms  ${mark(c.met)}`,
    `    after a change:   p50 ${num(c.afterChange.p50, 1)} ms, p99 ${num(c.afterChange.p99, 1)} ms (${c.afterChange.requests} requests, each right after a committed change: computed afresh)`,
    `    ${`${c.connections} connections:`.padEnd(18)}${num(c.load.requestsPerSecond).padStart(7)} req/s, p50 ${num(c.load.p50, 1)} ms, p99 ${num(c.load.p99, 1)} ms (${c.load.total} requests${c.load.non2xx + c.load.errors + c.load.timeouts > 0 ? `; ${c.load.non2xx} non-2xx, ${c.load.errors} errors, ${c.load.timeouts} timeouts` : ''})`,
    `    SQL plans: ${c.planFile}`,
  ].join('\n');
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; node: string; database: 'embedded' | 'DATABASE_URL'; poolSize: number };
  settings: Record<string, number | string>;
  comparisons: Comparison[];
  keyset: KeysetCheck | null;
  sealLag: SealLag | null;
  verify: VerifyTiming | null;
  /** Keyed audit digests against unkeyed SHA-256 (bench/audit-hmac.ts). */
  hmac?: HmacCost;
  coverage: CoverageTiming | null;
  indicators?: IndicatorsTiming | null;
  login?: LoginTiming | null;
  growth?: GrowthTiming | null;
  totalSeconds: number;
}

export function compare(
  name: string,
  api: LoadResult,
  baseline: LoadResult,
  targetRatio = TARGET_RATIO,
  cost: Pick<Comparison, 'apiCpuMsPerRequest' | 'baselineCpuMsPerRequest' | 'loadAverage'> = {},
): Comparison {
  const ratio = baseline.requestsPerSecond > 0 ? api.requestsPerSecond / baseline.requestsPerSecond : 0;
  const p99Ratio = baseline.p99 > 0 ? api.p99 / baseline.p99 : Number.POSITIVE_INFINITY;
  return {
    ...cost,
    name,
    api,
    baseline,
    ratio,
    targetRatio,
    p99Ratio,
    ratioMet: ratio >= targetRatio,
    p99Met: p99Ratio <= TARGET_P99_RATIO,
  };
}

export function keysetCheck(
  page1: Comparison,
  deep: Comparison,
  deepPage: number,
  insertedActivities: number,
  visibleToCaller: number,
): KeysetCheck {
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.POSITIVE_INFINITY);
  const apiP50Ratio = ratio(deep.api.p50, page1.api.p50);
  return {
    insertedActivities,
    visibleToCaller,
    deepPage,
    apiP50Ratio,
    apiMeanRatio: ratio(deep.api.latencyMean, page1.api.latencyMean),
    baselineP50Ratio: ratio(deep.baseline.p50, page1.baseline.p50),
    met: apiP50Ratio <= TARGET_DEEP_PAGE_P50_RATIO,
  };
}

export function formatKeyset(k: KeysetCheck): string {
  return (
    `  page ${k.deepPage} ÷ page 1, API p50: ${num(k.apiP50Ratio, 2)}  target ≤ ${TARGET_DEEP_PAGE_P50_RATIO}  ${mark(k.met)}` +
    `   (API mean ${num(k.apiMeanRatio, 2)}, baseline p50 ${num(k.baselineP50Ratio, 2)})`
  );
}

const mark = (met: boolean): string => (met ? 'ok' : 'MISSED');
const num = (n: number, digits = 1): string => n.toFixed(digits);

function row(label: string, r: LoadResult): string {
  const problems = r.non2xx + r.errors + r.timeouts;
  return `  ${label.padEnd(12)}${num(r.requestsPerSecond).padStart(10)}${num(r.p50, 2).padStart(10)}${num(r.p99, 2).padStart(10)}${String(r.total).padStart(10)}${problems > 0 ? `   (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : ''}`;
}

export function formatComparison(c: Comparison): string {
  return [
    `  ${''.padEnd(12)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'requests'.padStart(10)}`,
    row('API', c.api),
    row('baseline', c.baseline),
    `  ratio (API ÷ baseline req/s): ${num(c.ratio, 2)}  target ≥ ${c.targetRatio}  ${mark(c.ratioMet)}`,
    `  p99 ratio (API ÷ baseline):   ${num(c.p99Ratio, 2)}×  target ≤ ${TARGET_P99_RATIO}×  ${mark(c.p99Met)}`,
    ...(c.apiCpuMsPerRequest !== undefined && c.baselineCpuMsPerRequest !== undefined
      ? [
          `  CPU per request (this process): API ${num(c.apiCpuMsPerRequest, 2)} ms, baseline ${num(c.baselineCpuMsPerRequest, 2)} ms` +
            ` (baseline ÷ API ${num(c.apiCpuMsPerRequest > 0 ? c.baselineCpuMsPerRequest / c.apiCpuMsPerRequest : 0, 2)}); load average ${(c.loadAverage ?? []).map((l) => l.toFixed(2)).join(' ')}`,
        ]
      : []),
  ].join('\n');
}

export function formatSummary(report: BenchReport): string {
  const lines: string[] = ['', '═══ Summary ═══════════════════════════════════════════════════════════════'];
  lines.push(
    `  ${'scenario'.padEnd(26)}${'API req/s'.padStart(10)}${'API p50'.padStart(9)}${'API p99'.padStart(9)}${'base req/s'.padStart(11)}${'base p50'.padStart(9)}${'base p99'.padStart(9)}${'ratio'.padStart(7)}${'p99×'.padStart(7)}`,
  );
  for (const c of report.comparisons) {
    lines.push(
      `  ${c.name.padEnd(26)}${num(c.api.requestsPerSecond).padStart(10)}${num(c.api.p50, 1).padStart(9)}${num(c.api.p99, 1).padStart(9)}` +
        `${num(c.baseline.requestsPerSecond).padStart(11)}${num(c.baseline.p50, 1).padStart(9)}${num(c.baseline.p99, 1).padStart(9)}` +
        `${num(c.ratio, 2).padStart(7)}${num(c.p99Ratio, 2).padStart(7)}   ratio ${mark(c.ratioMet)} (≥ ${c.targetRatio}), p99 ${mark(c.p99Met)}`,
    );
  }
  if (report.keyset) lines.push(formatKeyset(report.keyset));
  const s = report.sealLag;
  if (s) {
    lines.push(
      `  seal lag after ${s.loadSeconds} s at full load (${num(s.requestsPerSecond)} req/s, ${s.eventsDuringLoad} events): ` +
        `${s.secondsToSealed === null ? 'never' : `${num(s.secondsToSealed, 2)} s`}  target ≤ ${TARGET_SEAL_LAG_SECONDS} s  ${mark(s.met)}`,
    );
  }
  const v = report.verify;
  if (v) {
    lines.push(
      `  insert ${v.insertedEvents} synthetic events: ${num(v.insertSeconds)} s (${num(v.insertEventsPerSecond, 0)}/s); sealed ${v.sealCatchUpSeconds === null ? 'not completely' : `${num(v.sealCatchUpSeconds)} s after the insert`}`,
    );
    lines.push(
      `  audit verify: ${v.checkedEvents} events, ${v.checkedCheckpoints} checkpoints in ${num(v.verifySeconds, 1)} s (${num(v.verifyEventsPerSecond, 0)} events/s) — ${v.ok ? 'chain intact' : `FAILED: ${v.problem ?? ''}`}` +
        (v.projectedMillionSeconds === undefined
          ? ''
          : `; 1,000,000 events at this rate: ${num(v.projectedMillionSeconds, 1)} s (target ≤ 10 s); verifier CPU ${num(v.verifyCpuMicrosPerEvent ?? 0, 1)} µs/event, PostgreSQL CPU ${v.postgresCpuMicrosPerEvent === undefined || v.postgresCpuMicrosPerEvent === null ? '?' : num(v.postgresCpuMicrosPerEvent, 1)} µs/event; on idle cores ${v.projectedIdleMillionSeconds === undefined || v.projectedIdleMillionSeconds === null ? '?' : num(v.projectedIdleMillionSeconds, 1)} s per 1,000,000; load average ${(v.loadAverage ?? []).map((l) => l.toFixed(1)).join(' ')}`),
    );
  }
  if (report.coverage) lines.push(formatCoverage(report.coverage));
  if (report.indicators) lines.push(formatIndicators(report.indicators));
  if (report.login) lines.push(formatLoginTiming(report.login));
  if (report.growth) lines.push(formatGrowth(report.growth));
  lines.push(
    `  total bench time ${num(report.totalSeconds, 0)} s on ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${report.machine.database} PostgreSQL, pool ${report.machine.poolSize}`,
  );
  return lines.join('\n');
}

export function writeReport(report: BenchReport, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
