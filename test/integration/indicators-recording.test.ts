import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/shared/dates';
import { startTestServer, type TestServer } from '../helpers/test-server';

const RECORD = `mutation Record($input: RecordDetectionInput!) {
  recordDetection(input: $input) { id indicatorCode occurredOn count area { id name } voidedAt voidReason }
}`;
const BULK = `mutation Bulk($inputs: [RecordDetectionInput!]!) { recordDetections(inputs: $inputs) { id count } }`;
const VOID = `mutation Void($id: ID!, $reason: String!) { voidDetection(id: $id, reason: $reason) { id voidedAt voidReason count } }`;

interface RecordResult {
  id: string;
  indicatorCode: string;
  occurredOn: string;
  count: number;
  area: { id: string; name: string };
  voidedAt: string | null;
  voidReason: string | null;
}

describe('indicators: recording detections', () => {
  let server: TestServer;
  let social: string;
  let police: string;
  const areas: Record<string, string> = {};

  const rowCount = async (): Promise<number> =>
    (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM detection_record`))[0].n;

  /** Rows where the pre-aggregate (total and key sum) differs from the non-voided records (must be none). */
  const aggregateMismatches = async (): Promise<number> =>
    (
      await server.sql<{ n: number }>(
        `WITH truth AS (
           SELECT indicator_code, organisation_id, area_id, extract(year FROM occurred_on)::int AS year,
                  extract(month FROM occurred_on)::int AS month, sum(count)::bigint AS total, sum(record_key) % 4294967296 AS key_sum
             FROM detection_record WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5)
         SELECT count(*)::int AS n FROM truth t
           FULL JOIN (SELECT * FROM detection_monthly WHERE total > 0) m
             ON (m.indicator_code, m.organisation_id, m.area_id, m.year, m.month) = (t.indicator_code, t.organisation_id, t.area_id, t.year, t.month)
          WHERE t.total IS DISTINCT FROM m.total OR t.key_sum IS DISTINCT FROM m.key_sum`,
      )
    )[0].n;

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    for (const r of await server.sql<{ id: string; name: string }>(`SELECT id, name FROM area`)) areas[r.name] = r.id;
    social = await server.login('socialsekreterare@danderyd.example');
    police = await server.login('kommunpolis@polisen.example');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('the seed holds records of every indicator and an exact pre-aggregate', async () => {
    const [{ n }] = await server.sql<{ n: number }>(
      `SELECT count(DISTINCT indicator_code)::int AS n FROM detection_record`,
    );
    expect(n).toBe(7);
    const [{ future }] = await server.sql<{ future: number }>(
      `SELECT count(*)::int AS future FROM detection_record WHERE occurred_on > $1::date`,
      [stockholmDate(new Date())],
    );
    expect(future).toBe(0);
    expect(await aggregateMismatches()).toBe(0);
  });

  it('records a detection of an own-kind indicator in an own area, audited', async () => {
    const res = await server.gql<{ recordDetection: RecordResult }>(
      RECORD,
      { input: { indicatorCode: 'SOC_FREDA_SCREENINGS', areaId: areas.Danderyd, occurredOn: '2024-03-05', count: 3 } },
      social,
    );
    expect(res.errors).toBeUndefined();
    const record = res.data!.recordDetection;
    expect(record).toMatchObject({
      indicatorCode: 'SOC_FREDA_SCREENINGS',
      occurredOn: '2024-03-05',
      count: 3,
      area: { id: areas.Danderyd, name: 'Danderyd' },
      voidedAt: null,
    });
    const [row] = await server.sql<{ org: string }>(
      `SELECT o.name AS org FROM detection_record r JOIN organisation o ON o.id = r.organisation_id WHERE r.id = $1`,
      [record.id],
    );
    expect(row.org).toBe('Danderyds kommun socialtjänst');
    const events = await server.sql<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM audit_event WHERE entity_type = 'DetectionRecord' AND $1 = ANY(entity_ids)`,
      [record.id],
    );
    expect(events).toEqual([{ action: 'CREATE', outcome: 'ALLOWED' }]);
    expect(await aggregateMismatches()).toBe(0);
  });

  const today = stockholmDate(new Date());
  const tomorrow = stockholmDate(new Date(Date.now() + 36 * 3600 * 1000));
  const bad: { name: string; input: Record<string, unknown>; field: string; token: () => string }[] = [
    {
      name: 'unknown indicator',
      input: { indicatorCode: 'NO_SUCH_INDICATOR' },
      field: 'indicatorCode',
      token: () => social,
    },
    {
      name: "another kind's indicator",
      input: { indicatorCode: 'POL_RESTRAINING_ORDERS' },
      field: 'indicatorCode',
      token: () => social,
    },
    {
      name: 'police recording a social-services indicator',
      input: { indicatorCode: 'SOC_FREDA_SCREENINGS' },
      field: 'indicatorCode',
      token: () => police,
    },
    { name: 'an area outside the partnerships', input: { areaId: 'TABY' }, field: 'areaId', token: () => social },
    { name: 'a malformed area id', input: { areaId: 'not-an-id' }, field: 'areaId', token: () => social },
    { name: 'a future date', input: { occurredOn: tomorrow }, field: 'occurredOn', token: () => social },
    { name: 'count 0', input: { count: 0 }, field: 'count', token: () => social },
    { name: 'count 10001', input: { count: 10_001 }, field: 'count', token: () => social },
  ];

  it.each(bad)('refuses $name with BAD_USER_INPUT naming $field, storing nothing', async ({ input, field, token }) => {
    const before = await rowCount();
    const full = {
      indicatorCode: 'SOC_FREDA_SCREENINGS',
      areaId: areas.Danderyd,
      occurredOn: today,
      count: 1,
      ...input,
    };
    if (full.areaId === 'TABY') full.areaId = areas['Täby'];
    const res = await server.gql(RECORD, { input: full }, token());
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(res.data?.recordDetection ?? null).toBeNull();
    expect(await rowCount()).toBe(before);
  });

  it('accepts today and the count limits 1 and 10000', async () => {
    for (const count of [1, 10_000]) {
      const res = await server.gql(
        RECORD,
        { input: { indicatorCode: 'SOC_FREDA_SCREENINGS', areaId: areas.Danderyd, occurredOn: today, count } },
        social,
      );
      expect(res.errors).toBeUndefined();
    }
  });

  it('bulk: all or nothing, a bad row named by its index', async () => {
    const good = (count: number): Record<string, unknown> => ({
      indicatorCode: 'POL_RISK_ASSESSMENTS',
      areaId: areas['Täby'],
      occurredOn: '2025-02-10',
      count,
    });
    const before = await rowCount();
    const res = await server.gql(
      BULK,
      { inputs: [good(1), good(2), good(3), { ...good(4), count: 0 }, good(5)] },
      police,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('inputs[3].count');
    expect(await rowCount()).toBe(before);

    const wrongArea = await server.gql(
      BULK,
      { inputs: [good(1), { ...good(1), areaId: '00000000-0000-4000-8000-000000000000' }] },
      police,
    );
    expect(wrongArea.errors?.[0]?.extensions?.field).toBe('inputs[1].areaId');
    expect(await rowCount()).toBe(before);

    const ok = await server.gql<{ recordDetections: { id: string; count: number }[] }>(
      BULK,
      { inputs: [good(1), good(2), good(3)] },
      police,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordDetections.map((r) => r.count)).toEqual([1, 2, 3]);
    expect(await rowCount()).toBe(before + 3);
    expect(await aggregateMismatches()).toBe(0);
  });

  it('bulk: more than 1000 records are refused', async () => {
    const input = { indicatorCode: 'POL_RISK_ASSESSMENTS', areaId: areas['Täby'], occurredOn: '2025-02-10', count: 1 };
    const before = await rowCount();
    const res = await server.gql(BULK, { inputs: Array.from({ length: 1001 }, () => input) }, police);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('inputs');
    expect(await rowCount()).toBe(before);
  });

  it('void keeps the record, takes it out of the pre-aggregate, and is audited', async () => {
    const created = await server.gql<{ recordDetection: RecordResult }>(
      RECORD,
      {
        input: {
          indicatorCode: 'SOC_CHILD_CONCERN_REPORTS',
          areaId: areas.Danderyd,
          occurredOn: '2025-06-15',
          count: 7,
        },
      },
      social,
    );
    const id = created.data!.recordDetection.id;
    const monthly = async (): Promise<number> =>
      Number(
        (
          await server.sql<{ total: string | null }>(
            `SELECT sum(total) AS total FROM detection_monthly WHERE indicator_code = 'SOC_CHILD_CONCERN_REPORTS' AND year = 2025 AND month = 6 AND area_id = $1`,
            [areas.Danderyd],
          )
        )[0].total ?? 0,
      );
    const before = await monthly();
    const before2 = await rowCount();

    // Another organisation's record answers like a missing one; nothing changes.
    const foreign = await server.gql(VOID, { id, reason: 'Dubblett' }, police);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const empty = await server.gql(VOID, { id, reason: '  ' }, social);
    expect(empty.errors?.[0]?.extensions?.field).toBe('reason');
    expect(await monthly()).toBe(before);

    const res = await server.gql<{ voidDetection: RecordResult }>(VOID, { id, reason: 'Dubblettregistrering' }, social);
    expect(res.errors).toBeUndefined();
    expect(res.data!.voidDetection.voidedAt).not.toBeNull();
    expect(res.data!.voidDetection.voidReason).toBe('Dubblettregistrering');
    expect(await rowCount()).toBe(before2);
    expect(await monthly()).toBe(before - 7);
    expect(await aggregateMismatches()).toBe(0);

    const again = await server.gql(VOID, { id, reason: 'Igen' }, social);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await monthly()).toBe(before - 7);

    const events = await server.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_type = 'DetectionRecord' AND $1 = ANY(entity_ids) AND outcome = 'ALLOWED' ORDER BY id`,
      [id],
    );
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
  });

  it('the database refuses to delete or rewrite a detection record', async () => {
    const [row] = await server.sql<{ id: string }>(`SELECT id FROM detection_record WHERE voided_at IS NULL LIMIT 1`);
    await expect(server.sql(`DELETE FROM detection_record WHERE id = $1`, [row.id])).rejects.toThrow(/never deleted/);
    await expect(server.sql(`UPDATE detection_record SET count = count + 1 WHERE id = $1`, [row.id])).rejects.toThrow(
      /only voided/,
    );
    await expect(
      server.sql(`UPDATE detection_record SET record_key = (record_key + 1) % 4294967296 WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/only voided/);
    expect(await aggregateMismatches()).toBe(0);
  });

  it('record keys are drawn by the database, spread over [0, 2^32), and the application may not rewrite frozen publications', async () => {
    const [keys] = await server.sql<{ n: number; distinct: number; low: number; min: number; max: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT record_key)::int AS distinct, count(*) FILTER (WHERE record_key < 2147483648)::int AS low,
              min(record_key)::float8 AS min, max(record_key)::float8 AS max FROM detection_record`,
    );
    expect(keys.n).toBeGreaterThan(500);
    expect(keys.distinct).toBeGreaterThan(keys.n * 0.99);
    expect(keys.low / keys.n).toBeGreaterThan(0.4);
    expect(keys.low / keys.n).toBeLessThan(0.6);
    expect(keys.min).toBeGreaterThanOrEqual(0);
    expect(keys.max).toBeLessThan(2 ** 32);
    for (const statement of [
      `UPDATE indicator_publication SET total = total + 1`,
      `DELETE FROM indicator_publication`,
    ]) {
      await expect(server.sql(`DO $$ BEGIN SET LOCAL ROLE samverkan_app; ${statement}; END $$`)).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it.each(['loggkontroll@danderyd.example', 'admin@danderyd.example', 'utbildning@danderyd.example'])(
    '%s may not record: FORBIDDEN, audited DENIED, nothing stored',
    async (email) => {
      const token = await server.login(email);
      const before = await rowCount();
      const res = await server.gql(
        `mutation Denied_${email.split('@')[0]}($input: RecordDetectionInput!) { recordDetection(input: $input) { id } }`,
        {
          input: { indicatorCode: 'SOC_FREDA_SCREENINGS', areaId: areas.Danderyd, occurredOn: '2025-01-10', count: 2 },
        },
        token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await rowCount()).toBe(before);
      const events = await server.sql<{ outcome: string }>(
        `SELECT outcome FROM audit_event WHERE operation_name = $1`,
        [`Denied_${email.split('@')[0]}`],
      );
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect(e.outcome).toBe('DENIED');
    },
  );
});
