import { describe, expect, it } from 'vitest';
import { runRetention } from '../../src/modules/records/retention.service';
import { RetentionRecordType, retentionSchedule } from '../../src/modules/records/retention.schedule';
import { seededCasesFixture, SW } from '../helpers/cases';

/**
 * Retention (docs/records.md): a dry run lists what would go and deletes nothing; a real run deletes
 * closed cases, ended shares and expired consents past their period in batches, one audit event per
 * batch and owner naming the ids; a legal hold keeps a case; indicator counts are untouched.
 */

const f = seededCasesFixture();
const YEAR = 365.25 * 24 * 3600 * 1000;

async function closedCase(): Promise<string> {
  const id = (
    await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: LOW }) { id } }')
  ).createCase.id;
  await f.ok(SW, 'mutation U($id: ID!) { updateCase(id: $id, input: { status: CLOSED }) { id } }', { id });
  return id;
}

async function exists(table: string, id: string): Promise<boolean> {
  return (await f.server.sql(`SELECT 1 FROM "${table}" WHERE id = $1`, [id])).length === 1;
}

const indicatorDigest = async (): Promise<string> =>
  (
    await f.server.sql<{ d: string }>(
      `SELECT (SELECT count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') FROM detection_monthly x) AS d`,
    )
  )[0].d;

describe('the retention schedule', () => {
  it('has documented defaults per record type and organisation kind, overridable', () => {
    const s = retentionSchedule(undefined);
    expect(s.CLOSED_CASE.SOCIAL_SERVICES.months).toBe(60);
    expect(s.ENDED_SHARE.POLICE.months).toBe(12);
    for (const type of Object.values(RetentionRecordType))
      for (const rule of Object.values(s[type])) expect(rule.source.length).toBeGreaterThan(10);
    const o = retentionSchedule('{"CLOSED_CASE":{"POLICE":{"months":36,"source":"Polisens plan"}}}');
    expect(o.CLOSED_CASE.POLICE).toEqual({ months: 36, source: 'Polisens plan' });
    expect(o.CLOSED_CASE.SOCIAL_SERVICES.months).toBe(60);
    expect(() => retentionSchedule('{"CLOSED_CASE":{"POLICE":{"months":0}}}')).toThrow(/months/);
  });
});

describe('running retention', () => {
  it('dry run lists and audits what would go; the real run deletes in batches with one audit event per batch; legal hold stays', async () => {
    const ds = f.server.runtime.dataSource;
    const old = [await closedCase(), await closedCase(), await closedCase()];
    const held = await closedCase();
    await f.ok(
      SW,
      'mutation H($input: SetCaseLegalHoldInput!) { setCaseLegalHold(input: $input) { legalHold { reasonCode } } }',
      { input: { caseId: held, hold: true, reasonCode: 'LITIGATION' } },
    );
    // An open case whose share the owner ended.
    const open = (
      await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: LOW }) { id } }')
    ).createCase.id;
    const share = (
      await f.ok<{ shareCase: { id: string } }>(
        SW,
        'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }',
        {
          input: {
            caseId: open,
            organisationId: await f.orgId('police'),
            legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
          },
        },
      )
    ).shareCase.id;
    await f.ok(SW, 'mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { id } }', { id: share });
    const indicators = await indicatorDigest();
    // Not a vacuous comparison: the seed holds aggregated counts, and the own organisation's exact table reads them.
    expect(indicators.startsWith('0:')).toBe(false);
    const [{ code, year }] = await f.server.sql<{ code: string; year: number }>(
      `SELECT m.indicator_code AS code, m.year FROM detection_monthly m JOIN organisation o ON o.id = m.organisation_id
        WHERE o.name = 'Danderyds kommun socialtjänst' AND m.total > 0 ORDER BY m.year DESC, m.indicator_code LIMIT 1`,
    );
    const ownTable = async (): Promise<unknown> =>
      (
        await f.ok<{ indicatorTable: unknown }>(
          SW,
          'query T($code: String!, $year: Int!) { indicatorTable(indicatorCode: $code, year: $year) { protected rows { area { name } cells { month value } total { value } } grandTotal { value } } }',
          { code, year },
        )
      ).indicatorTable;
    const tableBefore = await ownTable();
    expect(tableBefore).toMatchObject({ protected: false });

    // Two years on: the ended share is past its year, no closed case past its five.
    const soon = await runRetention(ds, { dryRun: true, now: new Date(Date.now() + 2 * YEAR) });
    expect(soon.records.ENDED_SHARE).toContain(share);
    expect(soon.records.CLOSED_CASE).not.toContain(old[0]);

    // Six years on, dry run: everything that would go is listed and audited as READ; nothing is deleted.
    const later = new Date(Date.now() + 6 * YEAR);
    const since = (await f.server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0]
      .id;
    const dry = await runRetention(ds, { dryRun: true, now: later, batchSize: 2 });
    for (const id of old) expect(dry.records.CLOSED_CASE).toContain(id);
    expect(dry.records.CLOSED_CASE).not.toContain(held);
    expect(dry.records.CLOSED_CASE).not.toContain(open);
    for (const id of old) expect(await exists('case_file', id)).toBe(true);
    expect(await exists('case_share', share)).toBe(true);
    const dryEvents = await f.server.sql<{
      action: string;
      entity_type: string;
      entity_ids: string[];
      purpose: string;
    }>(
      `SELECT action, entity_type, entity_ids, purpose FROM audit_event WHERE id > $1 AND operation_name = 'retention-dry-run'`,
      [since],
    );
    expect(dryEvents.every((e) => e.action === 'READ')).toBe(true);
    expect(
      dryEvents
        .filter((e) => e.entity_type === 'Case')
        .flatMap((e) => e.entity_ids)
        .sort(),
    ).toEqual([...dry.records.CLOSED_CASE].sort());
    expect(dryEvents.every((e) => e.entity_ids.length <= 2)).toBe(true);

    // The real run: deleted in batches of two, each batch one DELETE event per owner naming the ids.
    const since2 = (await f.server.sql<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0]
      .id;
    const real = await runRetention(ds, { dryRun: false, now: later, batchSize: 2 });
    expect([...real.records.CLOSED_CASE].sort()).toEqual([...dry.records.CLOSED_CASE].sort());
    expect(real.records.ENDED_SHARE).toContain(share);
    for (const id of old) expect(await exists('case_file', id)).toBe(false);
    expect(await f.server.sql(`SELECT 1 FROM case_note WHERE case_id = ANY($1::uuid[])`, [old])).toHaveLength(0);
    expect(await exists('case_file', held)).toBe(true);
    expect(await exists('case_file', open)).toBe(true);
    expect(await exists('case_share', share)).toBe(false);
    const events = await f.server.sql<{ action: string; entity_type: string; entity_ids: string[]; purpose: string }>(
      `SELECT action, entity_type, entity_ids, purpose FROM audit_event WHERE id > $1 AND operation_name = 'retention'`,
      [since2],
    );
    const caseEvents = events.filter((e) => e.entity_type === 'Case');
    expect(caseEvents.every((e) => e.action === 'DELETE' && e.purpose === 'retention:CLOSED_CASE')).toBe(true);
    expect(caseEvents.flatMap((e) => e.entity_ids).sort()).toEqual([...real.records.CLOSED_CASE].sort());
    expect(caseEvents.every((e) => e.entity_ids.length <= 2)).toBe(true);
    expect(real.batches).toBeGreaterThanOrEqual(Math.ceil(real.records.CLOSED_CASE.length / 2));
    expect(events.some((e) => e.entity_type === 'CaseShare' && e.entity_ids.includes(share))).toBe(true);
    // The aggregated indicator counts are untouched, in the table and as the API serves them.
    expect(await indicatorDigest()).toBe(indicators);
    expect(await ownTable()).toEqual(tableBefore);

    // Nothing left to do: a second run deletes nothing.
    const again = await runRetention(ds, { dryRun: false, now: later });
    expect(Object.values(again.records).flat()).toEqual([]);
    // The deleted case answers like any unknown one.
    const gone = await f.server.gql('query C($id: ID!) { case(id: $id) { id } }', { id: old[0] }, await f.token(SW));
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
