import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  frozenCells,
  IndicatorGranularity,
  protectedTable,
  wantedMonths,
} from '../../src/modules/indicators/indicator-tables';
import { DEFAULT_PUBLICATION_POLICY } from '../../src/modules/indicators/indicator-publication';
import { stockholmDate } from '../../src/shared/dates';
import { startTestServer, TEST_CELL_KEY_SECRET, type TestServer } from '../helpers/test-server';

const TABLE = `query Table($code: String!, $year: Int!, $granularity: IndicatorGranularity) {
  indicatorTable(indicatorCode: $code, year: $year, granularity: $granularity) {
    indicatorCode year protected threshold roundingBase granularity requestedGranularity coarsened
    rows { area { id name } cells { month period value suppressed published } total { value suppressed } }
    columnTotals { month period value suppressed published }
    grandTotal { value suppressed }
  }
}`;
const TREND = `query Trend($code: String!, $from: Int!, $to: Int!) {
  indicatorTrend(indicatorCode: $code, fromYear: $from, toYear: $to) {
    year protected rows { area { name } cells { month value suppressed } total { value suppressed } }
    columnTotals { month value suppressed } grandTotal { value suppressed }
  }
}`;

interface Value {
  value: number | null;
  suppressed: boolean;
}
interface Table {
  indicatorCode: string;
  year: number;
  protected: boolean;
  threshold: number;
  roundingBase: number;
  granularity: IndicatorGranularity;
  requestedGranularity: IndicatorGranularity;
  coarsened: boolean;
  rows: {
    area: { id: string; name: string };
    cells: (Value & { month: number; period: number; published: boolean })[];
    total: Value;
  }[];
  columnTotals: (Value & { month: number; period: number; published: boolean })[];
  grandTotal: Value;
}

describe('indicators: own and protected tables', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const areas: Record<string, string> = {};
  const orgs: Record<string, string> = {};

  /** True counts per month (1–12) of one owner in one area, from the records themselves. */
  async function truth(code: string, year: number, organisationId: string, areaId: string): Promise<number[]> {
    const rows = await server.sql<{ month: number; total: number }>(
      `SELECT extract(month FROM occurred_on)::int AS month, sum(count)::int AS total FROM detection_record
        WHERE indicator_code = $1 AND extract(year FROM occurred_on) = $2 AND organisation_id = $3 AND area_id = $4 AND voided_at IS NULL
        GROUP BY 1`,
      [code, year, organisationId, areaId],
    );
    const months = Array.from({ length: 12 }, () => 0);
    for (const r of rows) months[r.month - 1] = r.total;
    return months;
  }

  const table = async (
    token: string,
    code: string,
    year: number,
    granularity?: IndicatorGranularity,
  ): Promise<Table> => {
    const res = await server.gql<{ indicatorTable: Table }>(TABLE, { code, year, granularity }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.indicatorTable;
  };

  const months2024 = (code: string): Promise<number[]>[] => [
    truth(code, 2024, orgs['Danderyds kommun socialtjänst'], areas.Danderyd),
    truth(code, 2024, orgs['Täby kommun socialtjänst'], areas['Täby']),
  ];

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM area`)) areas[r.name] = r.id;
    for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM organisation`))
      orgs[r.name] = r.id;
    tokens.danderyd = await server.login('socialsekreterare@danderyd.example');
    tokens.taby = await server.login('socialsekreterare@taby.example');
    tokens.police = await server.login('kommunpolis@polisen.example');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lists the seven indicators with the current rule', async () => {
    const res = await server.gql<{
      indicators: {
        code: string;
        name: string;
        nameEn: string;
        reportedBy: string;
        threshold: number;
        roundingBase: number;
      }[];
    }>(
      `{ indicators { code name nameSv nameEn description reportedBy threshold roundingBase active } }`,
      {},
      tokens.police,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.indicators).toHaveLength(7);
    expect(res.data!.indicators.filter((i) => i.reportedBy === 'POLICE')).toHaveLength(3);
    for (const i of res.data!.indicators) expect([i.threshold, i.roundingBase]).toEqual([5, 5]);
  });

  it("the owner reads its own figures unprotected, equal to the records' truth", async () => {
    const t = await table(tokens.danderyd, 'SOC_FREDA_SCREENINGS', 2024);
    expect(t.protected).toBe(false);
    expect(t.rows.map((r) => r.area.name)).toEqual(['Danderyd']);
    const expected = await truth('SOC_FREDA_SCREENINGS', 2024, orgs['Danderyds kommun socialtjänst'], areas.Danderyd);
    expect(t.rows[0].cells.map((c) => c.value)).toEqual(expected);
    expect(t.rows[0].cells.every((c) => !c.suppressed)).toBe(true);
    expect(t.grandTotal.value).toBe(expected.reduce((a, b) => a + b, 0));
    expect(t.columnTotals.map((c) => c.value)).toEqual(expected);

    const p = await table(tokens.police, 'POL_CLOSE_RELATIONSHIP_OFFENCES', 2024);
    expect(p.protected).toBe(false);
    expect(p.rows.map((r) => r.area.name)).toEqual(['Danderyd', 'Täby']);
    expect(p.rows[1].cells.map((c) => c.value)).toEqual(
      await truth('POL_CLOSE_RELATIONSHIP_OFFENCES', 2024, orgs['Polisen LPO Södra Roslagen'], areas['Täby']),
    );
  });

  it('a partner reads the protected table: the cell-key method on the frozen months, no value in 1 … k−1', async () => {
    const secret = Buffer.from(TEST_CELL_KEY_SECRET);
    let small = 0;
    for (const code of ['SOC_FREDA_DISCLOSED', 'SOC_PROTECTED_HOUSING', 'SOC_CHILD_CONCERN_REPORTS']) {
      for (const granularity of [IndicatorGranularity.MONTH, IndicatorGranularity.QUARTER, IndicatorGranularity.YEAR]) {
        const t = await table(tokens.police, code, 2024, granularity);
        expect(t.protected).toBe(true);
        expect(t.rows.map((r) => r.area.name)).toEqual(['Danderyd', 'Täby']);
        expect(t.requestedGranularity).toBe(granularity);
        // The frozen months equal the records' truth (2024 is long closed and not changed since).
        const frozen = await server.sql<{
          organisationId: string;
          areaId: string;
          year: number;
          month: number;
          total: number;
          keySum: number;
        }>(
          `SELECT organisation_id AS "organisationId", area_id AS "areaId", year, month, total::int, key_sum::float8 AS "keySum"
             FROM indicator_publication WHERE indicator_code = $1 AND year = 2024`,
          [code],
        );
        expect(frozen).toHaveLength(24);
        for (const [org, area] of [
          ['Danderyds kommun socialtjänst', 'Danderyd'],
          ['Täby kommun socialtjänst', 'Täby'],
        ]) {
          const months = frozen.filter((f) => f.areaId === areas[area]).sort((x, y) => x.month - y.month);
          expect(months.map((f) => f.total)).toEqual(await truth(code, 2024, orgs[org], areas[area]));
          const [keys] = await server.sql<{ byMonth: number[] }>(
            `SELECT array_agg(COALESCE(s, 0) ORDER BY m) AS "byMonth" FROM generate_series(1, 12) m LEFT JOIN (
               SELECT extract(month FROM occurred_on)::int AS month, (sum(record_key) % 4294967296)::float8 AS s FROM detection_record
                WHERE indicator_code = $1 AND extract(year FROM occurred_on) = 2024 AND organisation_id = $2 AND area_id = $3 AND voided_at IS NULL GROUP BY 1) r ON r.month = m`,
            [code, orgs[org], areas[area]],
          );
          expect(months.map((f) => f.keySum)).toEqual(keys.byMonth);
        }
        const rowAreas = t.rows.map((r) => r.area);
        const { points } = wantedMonths(2024, 2024, stockholmDate(new Date()), DEFAULT_PUBLICATION_POLICY);
        const expected = protectedTable(
          code,
          2024,
          { threshold: 5, roundingBase: 5, validFrom: '2000-01-01' },
          rowAreas,
          frozenCells(rowAreas, frozen, points, 2024),
          granularity,
          secret,
        );
        expect([t.granularity, t.coarsened]).toEqual([expected.granularity, expected.coarsened]);
        expect(t.rows.map((r) => r.cells)).toEqual(expected.rows.map((r) => r.cells));
        expect(t.rows.map((r) => r.total)).toEqual(expected.rows.map((r) => r.total));
        expect(t.columnTotals).toEqual(expected.columnTotals);
        expect(t.grandTotal).toEqual(expected.grandTotal);
        for (const v of [...t.rows.flatMap((r) => [...r.cells, r.total]), ...t.columnTotals, t.grandTotal]) {
          expect(v.suppressed).toBe(false);
          expect(v.value === 0 || v.value! >= 5).toBe(true);
        }
        for (const r of t.rows) expect(r.total.value).toBe(r.cells.reduce((a, c) => a + c.value!, 0));
        small += (await Promise.all(months2024(code))).flat().filter((n) => n >= 1 && n <= 4).length;
      }
    }
    expect(small, 'the demo data holds small counts').toBeGreaterThan(0);
  });

  it('sparse months are coarsened (and the response says so); the owner gets exact quarters and years', async () => {
    const t = await table(tokens.danderyd, 'POL_RESTRAINING_ORDERS', 2024);
    expect([t.requestedGranularity, t.coarsened]).toEqual(['MONTH', true]);
    expect(t.rows[0].cells.length).toBeLessThan(12);
    const own = await table(tokens.police, 'POL_RESTRAINING_ORDERS', 2024, IndicatorGranularity.QUARTER);
    expect([own.protected, own.granularity, own.coarsened]).toEqual([false, 'QUARTER', false]);
    const months = await truth('POL_RESTRAINING_ORDERS', 2024, orgs['Polisen LPO Södra Roslagen'], areas.Danderyd);
    const quarters = [0, 1, 2, 3].map((q) => months.slice(3 * q, 3 * q + 3).reduce((a, b) => a + b, 0));
    expect(own.rows.find((r) => r.area.name === 'Danderyd')!.cells.map((c) => [c.period, c.month, c.value])).toEqual(
      quarters.map((v, q) => [q + 1, 3 * q + 1, v]),
    );
    const bad = await server.gql(
      TABLE,
      { code: 'POL_RESTRAINING_ORDERS', year: 2024, granularity: 'WEEK' },
      tokens.police,
    );
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('Täby sees only Täby; Danderyd sees only Danderyd', async () => {
    const taby = await table(tokens.taby, 'POL_CLOSE_RELATIONSHIP_OFFENCES', 2024);
    expect(taby.protected).toBe(true);
    expect(taby.rows.map((r) => r.area.name)).toEqual(['Täby']);
    const tabyOwn = await table(tokens.taby, 'SOC_FREDA_SCREENINGS', 2024);
    expect(tabyOwn.rows.map((r) => r.area.name)).toEqual(['Täby']);
    expect(tabyOwn.rows[0].cells.map((c) => c.value)).toEqual(
      await truth('SOC_FREDA_SCREENINGS', 2024, orgs['Täby kommun socialtjänst'], areas['Täby']),
    );
    const danderyd = await table(tokens.danderyd, 'POL_RISK_ASSESSMENTS', 2024);
    expect(danderyd.rows.map((r) => r.area.name)).toEqual(['Danderyd']);
  });

  it('every table read is audited with indicator, year and the data owners', async () => {
    await table(tokens.taby, 'POL_RESTRAINING_ORDERS', 2025);
    const events = await server.sql<{ entity_ids: string[]; entity_organisation_ids: string[]; action: string }>(
      `SELECT entity_ids, entity_organisation_ids, action FROM audit_event WHERE entity_type = 'IndicatorTable' AND 'POL_RESTRAINING_ORDERS:2025' = ANY(entity_ids)`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].action).toBe('READ');
    expect(events[0].entity_organisation_ids).toEqual([orgs['Polisen LPO Södra Roslagen']]);
  });

  it('the trend gives the same protected table per year; at most 10 years', async () => {
    const res = await server.gql<{ indicatorTrend: Table[] }>(
      TREND,
      { code: 'SOC_FREDA_DISCLOSED', from: 2023, to: 2025 },
      tokens.police,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.indicatorTrend.map((t) => t.year)).toEqual([2023, 2024, 2025]);
    for (const t of res.data!.indicatorTrend) {
      const single = await table(tokens.police, 'SOC_FREDA_DISCLOSED', t.year);
      expect(t.rows.map((r) => r.cells)).toEqual(
        single.rows.map((r) => r.cells.map(({ month, value, suppressed }) => ({ month, value, suppressed }))),
      );
      expect(t.grandTotal).toEqual(single.grandTotal);
    }
    const tooLong = await server.gql(TREND, { code: 'SOC_FREDA_DISCLOSED', from: 2015, to: 2025 }, tokens.police);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('unknown indicator: NOT_FOUND; bad year: BAD_USER_INPUT', async () => {
    const unknown = await server.gql(TABLE, { code: 'NOPE', year: 2024 }, tokens.police);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const year = await server.gql(TABLE, { code: 'SOC_FREDA_DISCLOSED', year: 1850 }, tokens.police);
    expect(year.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("a new rule version from next year leaves this year's table unchanged", async () => {
    const thisYear = new Date().getUTCFullYear();
    const before = await table(tokens.police, 'SOC_FREDA_DISCLOSED', thisYear);
    await server.sql(
      `INSERT INTO indicator_rule_version (indicator_code, valid_from, threshold, rounding_base) VALUES ('SOC_FREDA_DISCLOSED', $1, 10, 10)`,
      [`${thisYear + 1}-01-01`],
    );
    const after = await table(tokens.police, 'SOC_FREDA_DISCLOSED', thisYear);
    expect(after).toEqual(before);
    expect([after.threshold, after.roundingBase]).toEqual([5, 5]);
    const next = await table(tokens.police, 'SOC_FREDA_DISCLOSED', thisYear + 1);
    expect([next.threshold, next.roundingBase]).toEqual([10, 10]);
    // A change from the middle of this year applies from next year only.
    await server.sql(
      `INSERT INTO indicator_rule_version (indicator_code, valid_from, threshold, rounding_base) VALUES ('SOC_FREDA_DISCLOSED', $1, 7, 1)`,
      [`${thisYear}-01-02`],
    );
    expect(await table(tokens.police, 'SOC_FREDA_DISCLOSED', thisYear)).toEqual(before);
  });

  it.each(['loggkontroll@polisen.example', 'admin@polisen.example', 'utbildning@polisen.example'])(
    '%s: FORBIDDEN, audited DENIED, no read counted',
    async (email) => {
      const token = await server.login(email);
      const counter = async (): Promise<unknown[]> =>
        server.sql(`SELECT * FROM indicator_read_count ORDER BY user_id, day`);
      const before = await counter();
      const name = `Denied_${email.split('@')[0]}`;
      for (const [query, variables] of [
        [TABLE, { code: 'SOC_FREDA_DISCLOSED', year: 2024 }],
        [TABLE, { code: 'POL_RISK_ASSESSMENTS', year: 2024 }],
        [TREND, { code: 'SOC_FREDA_DISCLOSED', from: 2023, to: 2024 }],
      ] as const) {
        const res = await server.gql(query.replace(/^query \w+/, `query ${name}`), variables, token);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(res.data ?? null).toBeNull();
      }
      const events = await server.sql<{ outcome: string; error_code: string }>(
        `SELECT outcome, error_code FROM audit_event WHERE operation_name = $1`,
        [name],
      );
      expect(events.length).toBeGreaterThanOrEqual(3);
      for (const e of events) expect([e.outcome, e.error_code]).toEqual(['DENIED', 'FORBIDDEN']);
      expect(await counter()).toEqual(before);
    },
  );
});

describe('indicators: the daily cap on protected-table reads', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, env: { INDICATOR_DAILY_READ_CAP: '3' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers RATE_LIMITED past the cap, counted in PostgreSQL; own tables are not capped', async () => {
    const police = await server.login('kommunpolis@polisen.example');
    for (const year of [2023, 2024]) {
      const ok = await server.gql(TABLE, { code: 'SOC_FREDA_DISCLOSED', year }, police);
      expect(ok.errors).toBeUndefined();
    }
    // A trend of two years would pass the cap of 3: refused as a whole.
    const trend = await server.gql(TREND, { code: 'SOC_FREDA_DISCLOSED', from: 2023, to: 2024 }, police);
    expect(trend.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const third = await server.gql(TABLE, { code: 'SOC_FREDA_DISCLOSED', year: 2025 }, police);
    expect(third.errors).toBeUndefined();
    const fourth = await server.gql(TABLE, { code: 'SOC_FREDA_DISCLOSED', year: 2025 }, police);
    expect(fourth.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(fourth.data ?? null).toBeNull();
    const own = await server.gql(TABLE, { code: 'POL_RISK_ASSESSMENTS', year: 2025 }, police);
    expect(own.errors).toBeUndefined();
    const [row] = await server.sql<{ reads: number }>(
      `SELECT c.reads FROM indicator_read_count c JOIN app_user u ON u.id = c.user_id WHERE u.email = 'kommunpolis@polisen.example'`,
    );
    expect(row.reads).toBe(3);
    // Another user has a cap of their own.
    const taby = await server.login('socialsekreterare@taby.example');
    expect((await server.gql(TABLE, { code: 'POL_RISK_ASSESSMENTS', year: 2025 }, taby)).errors).toBeUndefined();
  });
});
