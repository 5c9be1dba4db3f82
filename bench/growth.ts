import os from 'node:os';
import { Pool } from 'pg';
import { ACTIVITIES_QUERY, demoIds, type ActivitiesPage } from './activities';
import { runLoad, type LoadRequest, type LoadResult } from './load';

/**
 * How the cost of the list read grows with the data: `preventionActivities(first: 20)` as the
 * police liaison, with and without `totalCount`, at each of BENCH_GROWTH_SIZES activities (in
 * the whole table, the demo's own included). One database grows step by step: the bench's own
 * activities of earlier scenarios are deleted first, then each step adds activities in set-based
 * INSERT … SELECT FROM generate_series statements (not through the API), VACUUM ANALYZE, and the
 * two queries are run for BENCH_DURATION seconds each.
 */

/** Activities per INSERT statement (progress is printed after each). */
const GROWTH_CHUNK = 100_000;
/** The p50 at the largest size within this factor of the p50 at the smallest (issue #26). */
export const TARGET_GROWTH_P50_RATIO = 1.5;

/** The list query of the `activities` scenario, with the capped count. */
export const ACTIVITIES_COUNT_QUERY = ACTIVITIES_QUERY.replace(
  'preventionActivities(first: 20, after: $after) {',
  'preventionActivities(first: 20, after: $after) {\n    totalCount totalCountIsExact',
);

export interface GrowthStep {
  /** Activities in the table. */
  activities: number;
  visibleToPolice: number;
  /** Seconds to insert this step's activities and VACUUM ANALYZE. */
  insertSeconds: number;
  withoutCount: LoadResult;
  withCount: LoadResult;
  /** totalCount and totalCountIsExact as the API answered them at this size. */
  totalCount: number;
  totalCountIsExact: boolean;
  loadAverage: number[];
}

export interface GrowthTiming {
  sizes: number[];
  connections: number;
  durationSeconds: number;
  steps: GrowthStep[];
  /** p50 at the largest size ÷ p50 at the smallest, without and with totalCount. */
  largestRatio: { withoutCount: number; withCount: number };
  met: boolean;
}

/** Starts 15 min 47.123 s apart from 2020-01-01: 1,000,000 distinct instants over 30 years. */
const GROWTH_FIRST_START = '2020-01-01T06:00:00Z';
const GROWTH_STEP_SECONDS = 947.123;

/**
 * Inserts activities numbered from+1 … to (in chunks, as the superuser) spread like the
 * `activities` scenario's: half the police's own (a quarter of those shared), half the
 * municipalities' (one in forty private), over two areas, with places and commitments.
 */
async function insertGrowthActivities(
  pool: Pool,
  from: number,
  to: number,
  progress: (done: number, total: number, seconds: number) => void,
): Promise<void> {
  const ids = await demoIds(pool);
  const a = ids.areas[0];
  const b = ids.areas[ids.areas.length - 1];
  const started = Date.now();
  for (let start = from; start < to; start += GROWTH_CHUNK) {
    const end = Math.min(to, start + GROWTH_CHUNK);
    // $1..$4: area A (id, municipality, places, commitments); $5..$8: area B; $9 police; $10/$11 creators by organisation.
    await pool.query(
      `WITH g AS (
         SELECT i, i % 3 = 2 AS in_b, i % 2 = 0 AS police,
                $12::timestamptz + make_interval(secs => i * $13::float8) AS starts_at
           FROM generate_series($14::int, $15::int) i
       ), x AS (
         SELECT g.*, CASE WHEN in_b THEN $5::uuid ELSE $1::uuid END AS area_id,
                CASE WHEN police THEN $9::uuid WHEN in_b THEN $6::uuid ELSE $2::uuid END AS organisation_id,
                CASE WHEN in_b THEN $7::uuid[] ELSE $3::uuid[] END AS places,
                CASE WHEN in_b THEN $8::uuid[] ELSE $4::uuid[] END AS commitments,
                (enum_range(NULL::prevention_activity_type))[1 + i % cardinality(enum_range(NULL::prevention_activity_type))] AS type
           FROM g
       )
       INSERT INTO prevention_activity (organisation_id, commitment_id, type, title, area_id, place_id, starts_at, ends_at,
                                        status, participating_actors, people_reached, visibility, created_by)
       SELECT organisation_id,
              CASE WHEN cardinality(commitments) > 0 AND i % 5 <> 0 THEN commitments[1 + i % cardinality(commitments)] END,
              type, 'Benchmark ' || lower(replace(type::text, '_', ' ')) || ' ' || i, area_id,
              CASE WHEN cardinality(places) > 0 AND i % 7 <> 0 THEN places[1 + i % cardinality(places)] END,
              starts_at, starts_at + interval '2 hours',
              (CASE WHEN starts_at >= now() THEN 'PLANNED' WHEN i % 13 = 0 THEN 'CANCELLED' ELSE 'DONE' END)::prevention_activity_status,
              CASE WHEN police THEN ARRAY['Polisen LPO Södra Roslagen'] ELSE ARRAY['Socialtjänsten', 'Föräldravandrare'] END,
              CASE WHEN starts_at < now() THEN i % 60 END,
              (CASE WHEN police THEN CASE WHEN i % 4 = 0 THEN 'PARTNERSHIP' ELSE 'ORGANISATION' END
                    WHEN i % 40 = 1 THEN 'ORGANISATION' ELSE 'PARTNERSHIP' END)::visibility,
              CASE WHEN organisation_id = $9::uuid THEN $10::uuid WHEN organisation_id = $2::uuid THEN $11::uuid ELSE $16::uuid END
         FROM x`,
      [
        a.areaId,
        a.municipalityId,
        a.placeIds,
        a.commitmentIds,
        b.areaId,
        b.municipalityId,
        b.placeIds,
        b.commitmentIds,
        ids.police,
        ids.creators.get(ids.police),
        ids.creators.get(a.municipalityId),
        GROWTH_FIRST_START,
        GROWTH_STEP_SECONDS,
        start + 1,
        end,
        ids.creators.get(b.municipalityId),
      ],
    );
    progress(end - from, to - from, (Date.now() - started) / 1000);
  }
}

async function countActivities(
  pool: Pool,
  policeOrganisationId: string,
): Promise<{ total: number; visibleToPolice: number }> {
  const ids = await demoIds(pool);
  const row = (
    await pool.query<{ total: number; visible: number }>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE a.organisation_id = $1 OR (a.visibility = 'PARTNERSHIP' AND (a.organisation_id, a.area_id) IN
                (SELECT * FROM unnest($2::uuid[], $3::uuid[]))))::int AS visible
         FROM prevention_activity a`,
      [policeOrganisationId, ids.areas.map((x) => x.municipalityId), ids.areas.map((x) => x.areaId)],
    )
  ).rows[0];
  return { total: row.total, visibleToPolice: row.visible };
}

export interface GrowthTarget {
  /** The API's GraphQL URL and the police liaison's bearer token. */
  graphqlUrl: string;
  token: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  log: (message: string) => void;
}

function load(t: GrowthTarget, title: string, query: string, durationSeconds: number): LoadRequest {
  return {
    title,
    url: t.graphqlUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
    body: JSON.stringify({ query, variables: {} }),
    connections: t.connections,
    durationSeconds,
  };
}

async function answer<T>(t: GrowthTarget, query: string): Promise<T> {
  const response = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
    body: JSON.stringify({ query, variables: {} }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] };
  if (!response.ok || !body.data || body.errors)
    throw new Error(`growth: GraphQL request failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

function describe(r: LoadResult): string {
  const problems =
    r.non2xx + r.errors + r.timeouts > 0 ? ` — ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '';
  return `${r.requestsPerSecond.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${problems}`;
}

/** Grows the table to each size in turn (ascending) and measures the list read there. */
export async function growthScenario(
  superUrl: string,
  sizes: readonly number[],
  t: GrowthTarget,
): Promise<GrowthTiming> {
  const pool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-growth' });
  const steps: GrowthStep[] = [];
  try {
    const police = (await demoIds(pool)).police;
    // Start from the demo's own activities: the `activities` scenario's (and an earlier step's) go.
    const removed = await pool.query(`DELETE FROM prevention_activity WHERE title LIKE 'Benchmark %'`);
    if ((removed.rowCount ?? 0) > 0) t.log(`growth: removed ${removed.rowCount} activities of earlier scenarios`);
    await pool.query('VACUUM ANALYZE prevention_activity');
    let { total } = await countActivities(pool, police);
    const demo = total;
    for (const size of [...sizes].sort((x, y) => x - y)) {
      if (size < total) throw new Error(`growth: ${size} activities asked for, the table already holds ${total}`);
      const started = Date.now();
      if (size > total) {
        t.log(
          `growth: inserting ${(size - total).toLocaleString('en')} activities to reach ${size.toLocaleString('en')}`,
        );
        await insertGrowthActivities(pool, total - demo, size - demo, (done, all, seconds) => {
          if (all > GROWTH_CHUNK)
            t.log(
              `  inserted ${done.toLocaleString('en')} / ${all.toLocaleString('en')} (${Math.round(done / seconds).toLocaleString('en')}/s)`,
            );
        });
        await pool.query('VACUUM ANALYZE prevention_activity');
      }
      const insertSeconds = (Date.now() - started) / 1000;
      const counted = await countActivities(pool, police);
      total = counted.total;
      const page = await answer<ActivitiesPage>(t, ACTIVITIES_QUERY);
      const withTotal = await answer<{ preventionActivities: { totalCount: number; totalCountIsExact: boolean } }>(
        t,
        ACTIVITIES_COUNT_QUERY,
      );
      if (page.preventionActivities.edges.length !== 20)
        throw new Error(`growth: ${page.preventionActivities.edges.length} edges at ${total} activities`);
      t.log(
        `growth: ${total.toLocaleString('en')} activities (${counted.visibleToPolice.toLocaleString('en')} visible to the police liaison; ` +
          `inserted and analysed in ${insertSeconds.toFixed(1)} s); totalCount ${withTotal.preventionActivities.totalCount}` +
          `${withTotal.preventionActivities.totalCountIsExact ? '' : ' (capped)'}`,
      );
      const results: LoadResult[] = [];
      for (const [label, query] of [
        ['without totalCount', ACTIVITIES_QUERY],
        ['with totalCount', ACTIVITIES_COUNT_QUERY],
      ] as const) {
        if (t.warmupSeconds > 0) await runLoad(load(t, `growth warm-up ${label}`, query, t.warmupSeconds));
        const r = await runLoad(load(t, `growth ${total} ${label}`, query, t.durationSeconds));
        t.log(`  ${label.padEnd(19)} ${describe(r)}`);
        results.push(r);
      }
      steps.push({
        activities: total,
        visibleToPolice: counted.visibleToPolice,
        insertSeconds,
        withoutCount: results[0],
        withCount: results[1],
        totalCount: withTotal.preventionActivities.totalCount,
        totalCountIsExact: withTotal.preventionActivities.totalCountIsExact,
        loadAverage: os.loadavg(),
      });
    }
  } finally {
    await pool.end();
  }
  const first = steps[0];
  const last = steps[steps.length - 1];
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
  const largestRatio = {
    withoutCount: ratio(last.withoutCount.p50, first.withoutCount.p50),
    withCount: ratio(last.withCount.p50, first.withCount.p50),
  };
  return {
    sizes: [...sizes],
    connections: t.connections,
    durationSeconds: t.durationSeconds,
    steps,
    largestRatio,
    met: largestRatio.withoutCount <= TARGET_GROWTH_P50_RATIO && largestRatio.withCount <= TARGET_GROWTH_P50_RATIO,
  };
}

const num = (n: number, digits = 1): string => n.toFixed(digits);

/** The table: per size, p50 / p99 / req/s without and with totalCount, and each p50 ÷ the smallest size's. */
export function formatGrowth(g: GrowthTiming): string {
  const first = g.steps[0];
  const lines = [
    `  growth of the list read (preventionActivities(first: 20) as the police liaison, ${g.connections} connections, ${g.durationSeconds} s each):`,
    `    ${'activities'.padStart(10)} │ ${'without totalCount'.padEnd(34)} │ ${'with totalCount (capped)'.padEnd(34)} │ load average`,
    `    ${''.padStart(10)} │ ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'p50÷1st'.padStart(8)}   │ ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'p50÷1st'.padStart(8)}   │`,
  ];
  for (const s of g.steps) {
    const w = s.withoutCount;
    const c = s.withCount;
    lines.push(
      `    ${s.activities.toLocaleString('en').padStart(10)} │ ${num(w.requestsPerSecond).padStart(8)} ${String(w.p50).padStart(6)} ${String(w.p99).padStart(6)} ${num(w.p50 / first.withoutCount.p50, 2).padStart(8)}   │ ` +
        `${num(c.requestsPerSecond).padStart(8)} ${String(c.p50).padStart(6)} ${String(c.p99).padStart(6)} ${num(c.p50 / first.withCount.p50, 2).padStart(8)}   │ ${s.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    );
  }
  lines.push(
    `    largest ÷ smallest p50: ${num(g.largestRatio.withoutCount, 2)} without, ${num(g.largestRatio.withCount, 2)} with totalCount  target ≤ ${TARGET_GROWTH_P50_RATIO}  ${g.met ? 'ok' : 'MISSED'}`,
  );
  return lines.join('\n');
}
