import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSupport, type PublishedCell } from '../../src/modules/indicators/indicator-protection';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The differencing attack of the outside review, replayed through the API: the police void every
 * 2026 restraining order of Danderyd and then record 1, 1, 1, 1 and 2 detections (January, March,
 * June, October, August) one after the other; Danderyd's social worker reads the protected table
 * after each change. The attacker knows the rule and the sequence of counts (not the months) and
 * keeps every placement of the records that the rule could have published as read.
 *
 * (Against the suppression rule this replaced, the attacker was left with exactly one placement:
 * January = March = June = October = 1; see the commit that added this file.) Now a partner reads
 * the frozen version of a month until the next publication point, so every reading between two
 * points is the reading before the changes, and the attacker's search has nothing to hold on to.
 */
const TABLE = `query Table($code: String!, $year: Int!) {
  indicatorTable(indicatorCode: $code, year: $year) {
    protected threshold roundingBase granularity
    rows { area { name } cells { month period value suppressed published } total { value suppressed } }
  }
}`;
const VOID = `mutation Void($id: ID!, $reason: String!) { voidDetection(id: $id, reason: $reason) { id } }`;
const RECORD = `mutation Record($input: RecordDetectionInput!) { recordDetection(input: $input) { id } }`;
const CODE = 'POL_RESTRAINING_ORDERS';
const YEAR = 2026;
const STEPS: { month: number; count: number }[] = [
  { month: 1, count: 1 },
  { month: 3, count: 1 },
  { month: 6, count: 1 },
  { month: 10, count: 1 },
  { month: 8, count: 2 },
];
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

interface Reading {
  protected: boolean;
  threshold: number;
  roundingBase: number;
  granularity: string;
  rows: {
    area: { name: string };
    cells: (PublishedCell & { month: number; period: number; published: boolean })[];
    total: PublishedCell;
  }[];
}

describe('indicators: void-and-record differencing over time', () => {
  let server: TestServer;
  let police: string;
  let social: string;
  let danderyd: string;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    [{ id: danderyd }] = await server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    police = await server.login('kommunpolis@polisen.example');
    social = await server.login('socialsekreterare@danderyd.example');
  });

  afterAll(async () => {
    await server?.stop();
  });

  const read = async (): Promise<Reading> => {
    const res = await server.gql<{ indicatorTable: Reading }>(TABLE, { code: CODE, year: YEAR }, social);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.indicatorTable.protected).toBe(true);
    return res.data!.indicatorTable;
  };

  it('the readings after each change do not pin January, March, June or October to 1', async () => {
    // The partner has read this year before (its versions are frozen from then on).
    const before = await read();
    const records = await server.sql<{ id: string }>(
      `SELECT id FROM detection_record WHERE indicator_code = $1 AND area_id = $2 AND extract(year FROM occurred_on) = $3 AND voided_at IS NULL`,
      [CODE, danderyd, YEAR],
    );
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      const res = await server.gql(VOID, { id: r.id, reason: 'Rättning' }, police);
      expect(res.errors).toBeUndefined();
    }
    const readings: Reading[] = [await read()];
    for (const step of STEPS) {
      const occurredOn = `${YEAR}-${String(step.month).padStart(2, '0')}-15`;
      const res = await server.gql(
        RECORD,
        { input: { indicatorCode: CODE, areaId: danderyd, occurredOn, count: step.count } },
        police,
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      readings.push(await read());
    }
    // Nothing a partner reads changes between two publication points.
    for (const reading of readings) expect(reading).toEqual(before);
    // The owner's own exact table does change at once.
    const own = await server.gql<{ indicatorTable: Reading }>(TABLE, { code: CODE, year: YEAR }, police);
    const danderydRow = own.data!.indicatorTable.rows.find((r) => r.area.name === 'Danderyd')!;
    expect(danderydRow.cells.map((c) => c.value)).toEqual([1, 0, 1, 0, 0, 1, 0, 2, 0, 1, 0, 0]);

    // The attacker: after the voids the row is all zero; step i adds STEPS[i].count to one unknown
    // month. A reading equal to the one before the changes is a reading of the records before them
    // and says nothing about the placements; any other reading must be one the ptable can publish
    // (per month) from the candidate row.
    const rule = { threshold: readings[0].threshold, roundingBase: readings[0].roundingBase };
    const informative = (reading: Reading): boolean => JSON.stringify(reading) !== JSON.stringify(before);
    const consistent = (reading: Reading, row: number[]): boolean =>
      !informative(reading) ||
      (reading.granularity === 'MONTH' &&
        reading.rows[0].cells.every((c, m) => !c.published || publishedSupport(row[m], rule).includes(c.value!)));
    let candidates: number[][] = consistent(
      readings[0],
      MONTHS.map(() => 0),
    )
      ? [MONTHS.map(() => 0)]
      : [];
    STEPS.forEach((step, i) => {
      candidates = candidates.flatMap((row) =>
        MONTHS.map((_, m) => row.map((v, c) => (c === m ? v + step.count : v))).filter((next) =>
          consistent(readings[i + 1], next),
        ),
      );
    });
    const truth = MONTHS.map((_, m) => STEPS.filter((s) => s.month === m + 1).reduce((a, s) => a + s.count, 0));
    expect(candidates.length, 'the true placement is among the candidates').toBeGreaterThan(0);
    for (const month of [1, 3, 6, 10]) {
      const values = new Set(candidates.map((row) => row[month - 1]));
      expect(truth[month - 1]).toBe(1);
      expect([...values], `month ${month}: the values left to the attacker`).not.toEqual([1]);
    }
  });
});
