import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { runLoad, type LoadRequest, type LoadResult } from './load';
import { describeUtility, utilityOf } from './indicator-utility';

/**
 * indicatorTable over 1,000,000 detection records (issue 6, "Benchmark"): records inserted in
 * set-based chunks as the superuser (the insert trigger keeps detection_monthly), the pre-aggregate
 * held against SUM over the non-voided records, then the protected table (a Danderyd social worker
 * reading a police indicator) and the own exact table (the police liaison reading the same one) at
 * INDICATOR_CONNECTIONS connections. 1,000 records are voided between the two runs and exactness is
 * checked again, in the database and through the API.
 */
export const INDICATOR_RECORDS = 1_000_000;
export const INDICATOR_CHUNK = 100_000;
export const INDICATOR_CONNECTIONS = 20;
export const INDICATOR_VOIDS = 1_000;
export const INDICATOR_YEAR = 2025;
export const INDICATOR_CODE = 'POL_CLOSE_RELATIONSHIP_OFFENCES';
/** The API's INDICATOR_DAILY_READ_CAP while the bench runs (the config's maximum). */
export const INDICATOR_BENCH_READ_CAP = 1_000_000;
export const TARGET_INDICATOR_P50_MS = 20;
export const TARGET_INDICATOR_P99_MS = 60;

const SOCIAL_WORKER_EMAIL = 'socialsekreterare@danderyd.example';
const POLICE_LIAISON_EMAIL = 'kommunpolis@polisen.example';

export const INDICATOR_TABLE_QUERY = `query IndicatorTable($indicatorCode: String!, $year: Int!) {
  indicatorTable(indicatorCode: $indicatorCode, year: $year) {
    protected
    rows { area { id name } cells { month value suppressed } total { value suppressed } }
    columnTotals { month value suppressed }
    grandTotal { value suppressed }
  }
}`;

/** The fields the API's audit event lists for INDICATOR_TABLE_QUERY (the baseline writes the same). */
export const INDICATOR_FIELDS = [
  'Area.id',
  'Area.name',
  'IndicatorMonthValue.month',
  'IndicatorMonthValue.suppressed',
  'IndicatorMonthValue.value',
  'IndicatorTable.columnTotals',
  'IndicatorTable.grandTotal',
  'IndicatorTable.protected',
  'IndicatorTable.rows',
  'IndicatorTableRow.area',
  'IndicatorTableRow.cells',
  'IndicatorTableRow.total',
  'IndicatorValue.suppressed',
  'IndicatorValue.value',
  'Query.indicatorTable',
];

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface TableAnswer {
  indicatorTable: { protected: boolean; rows: { area: { id: string; name: string } }[]; grandTotal: Cell };
}

export interface Exactness {
  /** Pre-aggregate cells compared (the union of both sides) and how many differ. */
  cells: number;
  mismatches: number;
  /** SUM(count) over the non-voided records. */
  total: number;
  ok: boolean;
}

export interface IndicatorRun {
  title: string;
  email: string;
  protected: boolean;
  load: LoadResult;
  p50Met: boolean;
  p99Met: boolean;
}

export interface IndicatorsTiming {
  records: number;
  insertSeconds: number;
  insertRecordsPerSecond: number;
  analyzeSeconds: number;
  monthlyRows: number;
  exactAfterInsert: Exactness;
  voided: number;
  exactAfterVoid: Exactness;
  /** The own table's grand total through the API against SUM in SQL, before and after the voids. */
  apiGrandTotal: { before: number; after: number; expectedBefore: number; expectedAfter: number; ok: boolean };
  connections: number;
  runs: IndicatorRun[];
  /** Baseline E (bare node:http + pg: the same statements, protection and audit INSERT) for the protected table, same run. */
  baseline: LoadResult | null;
  met: boolean;
}

const log = (message: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Ids {
  police: string;
  policeUser: string;
  /** Danderyd and Täby: the municipality sharing each with the police, and one of its users. */
  areas: { areaId: string; name: string; municipalityId: string; municipalityUser: string }[];
  indicators: { code: string; police: boolean }[];
}

async function demoIds(pool: Pool): Promise<Ids> {
  const police = (
    await pool.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM app_user WHERE email = $1',
      [POLICE_LIAISON_EMAIL],
    )
  ).rows[0];
  if (!police) throw new Error(`the demo data has no ${POLICE_LIAISON_EMAIL}`);
  const areas = await pool.query<{ area_id: string; name: string; municipality_id: string; user_id: string }>(
    `SELECT DISTINCT ON (pa.area_id) pa.area_id, a.name, po.organisation_id AS municipality_id,
            (SELECT u.id FROM app_user u WHERE u.organisation_id = po.organisation_id ORDER BY u.email LIMIT 1) AS user_id
       FROM partnership_area pa
       JOIN area a ON a.id = pa.area_id
       JOIN partnership_organisation me ON me.partnership_id = pa.partnership_id AND me.organisation_id = $1
       JOIN partnership_organisation po ON po.partnership_id = pa.partnership_id AND po.organisation_id <> $1
      ORDER BY pa.area_id`,
    [police.organisation_id],
  );
  // By name, so that every run spreads the records over the areas alike (area ids are random).
  areas.rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const indicators = await pool.query<{ code: string; reported_by: string }>(
    'SELECT code, reported_by FROM indicator_definition WHERE active ORDER BY code',
  );
  if (areas.rows.length === 0 || indicators.rows.length === 0)
    throw new Error('the demo data has no partnership areas or no indicators');
  return {
    police: police.organisation_id,
    policeUser: police.id,
    areas: areas.rows.map((a) => ({
      areaId: a.area_id,
      name: a.name,
      municipalityId: a.municipality_id,
      municipalityUser: a.user_id,
    })),
    indicators: indicators.rows.map((i) => ({ code: i.code, police: i.reported_by === 'POLICE' })),
  };
}

/**
 * One chunk: rows start..end of the synthetic sequence. Indicator, area, date and count are spread
 * by cheap arithmetic on the row number; the owner follows the indicator's kind (the police, or the
 * municipality of the area) and the recorder is a user of the owner.
 */
const CHUNK_SQL = `
  INSERT INTO detection_record (indicator_code, area_id, occurred_on, count, organisation_id, recorded_by)
  SELECT ($1::text[])[x.i],
         ($3::uuid[])[x.a],
         DATE '2023-01-01' + ((x.g * 7919) % $8::int)::int,
         1 + ((x.g * 31) % 5),
         CASE WHEN ($2::boolean[])[x.i] THEN $6::uuid ELSE ($4::uuid[])[x.a] END,
         CASE WHEN ($2::boolean[])[x.i] THEN $7::uuid ELSE ($5::uuid[])[x.a] END
    FROM (SELECT g, 1 + g % array_length($1::text[], 1) AS i, 1 + (g / 7) % array_length($3::uuid[], 1) AS a
            FROM generate_series($9::bigint, $10::bigint) AS g) AS x`;

const EXACTNESS_SQL = `
  WITH truth AS (
    SELECT indicator_code, extract(year FROM occurred_on)::int AS year, organisation_id, area_id,
           extract(month FROM occurred_on)::int AS month, sum(count) AS total, sum(record_key) % 4294967296 AS key_sum
      FROM detection_record WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5),
  kept AS (SELECT indicator_code, year::int AS year, organisation_id, area_id, month::int AS month, total, key_sum FROM detection_monthly)
  SELECT count(*)::int AS cells,
         count(*) FILTER (WHERE COALESCE(t.total, 0) <> COALESCE(k.total, 0) OR COALESCE(t.key_sum, 0) <> COALESCE(k.key_sum, 0))::int AS mismatches,
         COALESCE(sum(t.total), 0)::bigint AS total
    FROM truth t FULL JOIN kept k USING (indicator_code, year, organisation_id, area_id, month)`;

async function exactness(pool: Pool): Promise<Exactness> {
  const r = (await pool.query<{ cells: number; mismatches: number; total: string }>(EXACTNESS_SQL)).rows[0];
  return { cells: r.cells, mismatches: r.mismatches, total: Number(r.total), ok: r.mismatches === 0 };
}

const describeExactness = (e: Exactness): string =>
  `${e.ok ? 'OK' : 'MISMATCH'}: detection_monthly (totals and key sums) ${e.ok ? 'equals' : 'differs from'} SUM over non-voided records (${e.cells} cells, ${e.mismatches} differ, total ${e.total.toLocaleString('en')})`;

/** SUM(count) of the police's own non-voided records of the indicator and year in the given areas. */
async function ownSum(pool: Pool, ids: Ids): Promise<number> {
  const r = await pool.query<{ n: string }>(
    `SELECT COALESCE(sum(count), 0) AS n FROM detection_record
      WHERE voided_at IS NULL AND indicator_code = $1 AND organisation_id = $2 AND area_id = ANY($3::uuid[])
        AND occurred_on >= make_date($4, 1, 1) AND occurred_on < make_date($4 + 1, 1, 1)`,
    [INDICATOR_CODE, ids.police, ids.areas.map((a) => a.areaId), INDICATOR_YEAR],
  );
  return Number(r.rows[0].n);
}

async function gql<T>(api: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown[] };
  if (!response.ok || !body.data || body.errors)
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function login(api: string, email: string, password: string): Promise<string> {
  const r = await gql<{ login: { token: string } }>(
    api,
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return r.login.token;
}

export async function indicatorsScenario(
  api: string,
  superUrl: string,
  settings: { durationSeconds: number; warmupSeconds: number },
  seedPassword: string,
  baselineUrl?: string,
  cellKeySecret?: Buffer,
): Promise<IndicatorsTiming> {
  const pool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-indicators' });
  try {
    const ids = await demoIds(pool);
    const days = Number(
      (await pool.query<{ n: number }>(`SELECT (current_date - DATE '2023-01-01' + 1)::int AS n`)).rows[0].n,
    );
    const seeded = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM detection_record')).rows[0].n);
    log(
      `indicators: inserting ${INDICATOR_RECORDS.toLocaleString('en')} detection records in chunks of ${INDICATOR_CHUNK.toLocaleString('en')} ` +
        `(${ids.indicators.length} indicators, areas ${ids.areas.map((a) => a.name).join(' and ')}, ${days} days from 2023-01-01; ${seeded} seeded already)`,
    );
    const codes = ids.indicators.map((i) => i.code);
    const police = ids.indicators.map((i) => i.police);
    const started = performance.now();
    for (let start = 1; start <= INDICATOR_RECORDS; start += INDICATOR_CHUNK) {
      const end = Math.min(INDICATOR_RECORDS, start + INDICATOR_CHUNK - 1);
      const chunkStarted = performance.now();
      await pool.query(CHUNK_SQL, [
        codes,
        police,
        ids.areas.map((a) => a.areaId),
        ids.areas.map((a) => a.municipalityId),
        ids.areas.map((a) => a.municipalityUser),
        ids.police,
        ids.policeUser,
        days,
        start,
        end,
      ]);
      const chunkSeconds = (performance.now() - chunkStarted) / 1000;
      const seconds = (performance.now() - started) / 1000;
      log(
        `  inserted ${end.toLocaleString('en')} / ${INDICATOR_RECORDS.toLocaleString('en')} — chunk ${chunkSeconds.toFixed(1)} s ` +
          `(${Math.round((end - start + 1) / chunkSeconds).toLocaleString('en')}/s), overall ${Math.round(end / seconds).toLocaleString('en')}/s`,
      );
    }
    const insertSeconds = (performance.now() - started) / 1000;
    const analyzeStarted = performance.now();
    await pool.query('ANALYZE detection_record, detection_monthly');
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    const monthlyRows = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM detection_monthly')).rows[0].n,
    );
    log(
      `indicators: ${INDICATOR_RECORDS.toLocaleString('en')} records in ${insertSeconds.toFixed(1)} s (${Math.round(INDICATOR_RECORDS / insertSeconds).toLocaleString('en')} records/s, ` +
        `trigger included); ANALYZE ${analyzeSeconds.toFixed(1)} s; detection_monthly ${monthlyRows} rows`,
    );
    const exactAfterInsert = await exactness(pool);
    log(`indicators: ${describeExactness(exactAfterInsert)}`);
    if (cellKeySecret) {
      const figures = await utilityOf(pool, cellKeySecret);
      log(
        `indicators: utility of the cell-key method over the complete years (published − true, no coarsening):\n${describeUtility(figures)}`,
      );
    }

    const workerToken = await login(api, SOCIAL_WORKER_EMAIL, seedPassword);
    const policeToken = await login(api, POLICE_LIAISON_EMAIL, seedPassword);
    const variables = { indicatorCode: INDICATOR_CODE, year: INDICATOR_YEAR };
    const body = JSON.stringify({ query: INDICATOR_TABLE_QUERY, variables });
    const protectedAnswer = await gql<TableAnswer>(api, INDICATOR_TABLE_QUERY, variables, workerToken);
    if (!protectedAnswer.indicatorTable.protected)
      throw new Error(`indicators: ${SOCIAL_WORKER_EMAIL} got an unprotected table of ${INDICATOR_CODE}`);
    const ownAnswer = async (): Promise<TableAnswer> =>
      gql<TableAnswer>(api, INDICATOR_TABLE_QUERY, variables, policeToken);
    const own = await ownAnswer();
    if (own.indicatorTable.protected)
      throw new Error(`indicators: ${POLICE_LIAISON_EMAIL} got a protected table of its own ${INDICATOR_CODE}`);
    const expectedBefore = await ownSum(pool, ids);
    const before = own.indicatorTable.grandTotal.value ?? -1;
    log(
      `indicators: ${INDICATOR_CODE} ${INDICATOR_YEAR}: protected table for ${SOCIAL_WORKER_EMAIL} (${protectedAnswer.indicatorTable.rows.map((r) => r.area.name).join(', ')}; ` +
        `grand total ${protectedAnswer.indicatorTable.grandTotal.value ?? 'suppressed'}), own table for ${POLICE_LIAISON_EMAIL} ` +
        `(${own.indicatorTable.rows.map((r) => r.area.name).join(', ')}; grand total ${before}, SQL ${expectedBefore} ${before === expectedBefore ? 'OK' : 'MISMATCH'})`,
    );

    const measure = async (
      title: string,
      email: string,
      token: string,
      isProtected: boolean,
    ): Promise<IndicatorRun> => {
      const request = (d: number): LoadRequest => ({
        title,
        url: `${api}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: INDICATOR_CONNECTIONS,
        durationSeconds: d,
      });
      if (settings.warmupSeconds > 0) await runLoad(request(settings.warmupSeconds));
      await new Promise((r) => setTimeout(r, 500));
      log(`indicators: ${title}, ${INDICATOR_CONNECTIONS} connections, ${settings.durationSeconds} s`);
      const load = await runLoad(request(settings.durationSeconds));
      const run: IndicatorRun = {
        title,
        email,
        protected: isProtected,
        load,
        p50Met: load.p50 <= TARGET_INDICATOR_P50_MS,
        p99Met: load.p99 <= TARGET_INDICATOR_P99_MS,
      };
      console.log(formatIndicatorRun(run));
      return run;
    };

    let baseline: LoadResult | null = null;
    if (baselineUrl) {
      // Same answer first (the table's numbers), then the load.
      const route = `${baselineUrl}/indicator?code=${encodeURIComponent(INDICATOR_CODE)}&year=${INDICATOR_YEAR}`;
      const answer = await fetch(route, { headers: { authorization: `Bearer ${workerToken}` } });
      const base = (await answer.json()) as { data?: TableAnswer };
      const numbers = (t: TableAnswer['indicatorTable'] | undefined): string =>
        JSON.stringify(t && { rows: t.rows, grandTotal: t.grandTotal });
      if (!answer.ok || numbers(base.data?.indicatorTable) !== numbers(protectedAnswer.indicatorTable)) {
        throw new Error(
          `indicators: baseline E answers differently (${answer.status}): ${JSON.stringify(base).slice(0, 300)}`,
        );
      }
      const request = (d: number): LoadRequest => ({
        title: 'baseline E protected table',
        url: route,
        method: 'GET',
        headers: { authorization: `Bearer ${workerToken}` },
        connections: INDICATOR_CONNECTIONS,
        durationSeconds: d,
      });
      if (settings.warmupSeconds > 0) await runLoad(request(settings.warmupSeconds));
      log(
        `indicators: baseline E protected table, ${INDICATOR_CONNECTIONS} connections, ${settings.durationSeconds} s`,
      );
      baseline = await runLoad(request(settings.durationSeconds));
      console.log(
        `    ${'baseline E'.padEnd(16)}${baseline.requestsPerSecond.toFixed(1).padStart(8)} req/s, p50 ${baseline.p50.toFixed(1)} ms, p99 ${baseline.p99.toFixed(1)} ms  ${baseline.total} requests`,
      );
    }

    console.log('');
    const runs: IndicatorRun[] = [];
    runs.push(await measure('protected table', SOCIAL_WORKER_EMAIL, workerToken, true));

    // Void INDICATOR_VOIDS records in the middle of the measured year (the trigger takes them out).
    const voidStarted = performance.now();
    const voided = await pool.query(
      `UPDATE detection_record SET voided_at = now(), voided_by = $3, void_reason = 'benchmark: voided in the middle'
        WHERE id IN (SELECT id FROM detection_record
                      WHERE indicator_code = $1 AND organisation_id = $2 AND voided_at IS NULL
                        AND occurred_on >= make_date($4, 6, 1) AND occurred_on < make_date($4, 8, 1)
                      ORDER BY occurred_on, id LIMIT $5)`,
      [INDICATOR_CODE, ids.police, ids.policeUser, INDICATOR_YEAR, INDICATOR_VOIDS],
    );
    const exactAfterVoid = await exactness(pool);
    const expectedAfter = await ownSum(pool, ids);
    const after = (await ownAnswer()).indicatorTable.grandTotal.value ?? -1;
    log(
      `indicators: voided ${voided.rowCount} records (${INDICATOR_CODE}, June–July ${INDICATOR_YEAR}) in ${((performance.now() - voidStarted) / 1000).toFixed(2)} s; ` +
        `${describeExactness(exactAfterVoid)}; own grand total ${before} → ${after}, SQL ${expectedAfter} ${after === expectedAfter ? 'OK' : 'MISMATCH'}`,
    );
    console.log('');
    runs.push(await measure('own table', POLICE_LIAISON_EMAIL, policeToken, false));

    const ok = exactAfterInsert.ok && exactAfterVoid.ok && before === expectedBefore && after === expectedAfter;
    return {
      records: INDICATOR_RECORDS,
      insertSeconds,
      insertRecordsPerSecond: INDICATOR_RECORDS / insertSeconds,
      analyzeSeconds,
      monthlyRows,
      exactAfterInsert,
      voided: voided.rowCount ?? 0,
      exactAfterVoid,
      apiGrandTotal: {
        before,
        after,
        expectedBefore,
        expectedAfter,
        ok: before === expectedBefore && after === expectedAfter,
      },
      connections: INDICATOR_CONNECTIONS,
      runs,
      baseline,
      met: ok && runs.every((r) => r.p50Met && r.p99Met && r.load.non2xx + r.load.errors + r.load.timeouts === 0),
    };
  } finally {
    await pool.end();
  }
}

const mark = (met: boolean): string => (met ? 'ok' : 'MISSED');

export function formatIndicatorRun(r: IndicatorRun): string {
  const l = r.load;
  const problems =
    l.non2xx + l.errors + l.timeouts > 0 ? `; ${l.non2xx} non-2xx, ${l.errors} errors, ${l.timeouts} timeouts` : '';
  return (
    `    ${r.title.padEnd(16)}${l.requestsPerSecond.toFixed(1).padStart(8)} req/s, p50 ${l.p50.toFixed(1)} ms (≤ ${TARGET_INDICATOR_P50_MS} ${mark(r.p50Met)}), ` +
    `p99 ${l.p99.toFixed(1)} ms (≤ ${TARGET_INDICATOR_P99_MS} ${mark(r.p99Met)})  ${l.total} requests${problems}`
  );
}

export function formatIndicators(t: IndicatorsTiming): string {
  return [
    `  indicators (${t.records.toLocaleString('en')} detection records inserted in ${t.insertSeconds.toFixed(1)} s, ${Math.round(t.insertRecordsPerSecond).toLocaleString('en')}/s; ` +
      `${t.monthlyRows} pre-aggregate rows; exact after insert ${t.exactAfterInsert.ok ? 'OK' : 'MISMATCH'}, after ${t.voided} voids ${t.exactAfterVoid.ok ? 'OK' : 'MISMATCH'}, ` +
      `API grand total ${t.apiGrandTotal.ok ? 'OK' : 'MISMATCH'}; ${t.connections} connections):`,
    ...t.runs.map(formatIndicatorRun),
    ...(t.baseline
      ? [
          `    ${'baseline E'.padEnd(16)}${t.baseline.requestsPerSecond.toFixed(1).padStart(8)} req/s, p50 ${t.baseline.p50.toFixed(1)} ms, p99 ${t.baseline.p99.toFixed(1)} ms ` +
            `(same statements, protection and audit INSERT, no framework); protected table ÷ baseline: ` +
            `${(t.runs[0].load.requestsPerSecond / t.baseline.requestsPerSecond).toFixed(2)} (req/s), p50 ${(t.runs[0].load.p50 / t.baseline.p50).toFixed(2)}×`,
        ]
      : []),
  ].join('\n');
}
