import { describe, expect, it } from 'vitest';
import { CONSENT_SCOPE_CATEGORIES, STATUTORY_GROUND_CATEGORIES } from '../../src/access/case-content';
import { seededCasesFixture, PL, SW } from '../helpers/cases';

/**
 * The legal-ground catalogue as data (docs/records.md): versions with citation, scope and validity,
 * seeded by a migration; every share references the version in force when it was made; a ground
 * superseded later is still shown, as cited then, on the old share.
 */

const f = seededCasesFixture();

interface Ground {
  id: string;
  code: string;
  version: number;
  kind: string;
  citation: string;
  categories: string[];
  validFrom: string;
  validTo: string | null;
  supersededById: string | null;
}
const GROUND = 'id code version kind citation categories validFrom validTo supersededById';
const SHARE = `mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id ground { ${GROUND} } } }`;
const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function newCase(): Promise<string> {
  return (await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: HIGH }) { id } }'))
    .createCase.id;
}

async function shareOn(caseId: string, statutoryGround: string): Promise<{ id: string; ground: Ground }> {
  return (
    await f.ok<{ shareCase: { id: string; ground: Ground } }>(SW, SHARE, {
      input: {
        caseId,
        organisationId: await f.orgId('police'),
        legalBasis: { kind: 'STATUTORY', statutoryGround },
        contactFunction: 'Mottagningen',
      },
    })
  ).shareCase;
}

describe('the legal-ground catalogue', () => {
  it('lists the grounds in force; the child-concern ground cites the Social Services Act (2025:400) from 1 July 2025', async () => {
    const current = await f.ok<{ legalGrounds: Ground[] }>(SW, `{ legalGrounds { ${GROUND} } }`);
    expect(current.legalGrounds.map((g) => g.code).sort()).toEqual(
      ['CONSENT', 'DUTY_TO_REPORT_CHILD_CONCERN', 'OSL_10_18C', 'OSL_10_2', 'OSL_10_21'].sort(),
    );
    const child = current.legalGrounds.find((g) => g.code === 'DUTY_TO_REPORT_CHILD_CONCERN')!;
    expect(child).toMatchObject({ version: 2, validFrom: '2025-07-01', validTo: null, kind: 'STATUTORY' });
    expect(child.citation).toContain('2025:400');
    const all = await f.ok<{ legalGrounds: Ground[] }>(SW, `{ legalGrounds(includeSuperseded: true) { ${GROUND} } }`);
    const old = all.legalGrounds.find((g) => g.code === 'DUTY_TO_REPORT_CHILD_CONCERN' && g.version === 1)!;
    expect(old).toMatchObject({
      citation: 'SoL (2001:453) 14 kap. 1 §',
      validTo: '2025-07-01',
      supersededById: child.id,
    });
  });

  it("holds each statutory ground's scope exactly as the access rule applies it", async () => {
    const all = await f.ok<{ legalGrounds: Ground[] }>(SW, `{ legalGrounds(includeSuperseded: true) { ${GROUND} } }`);
    for (const g of all.legalGrounds.filter((x) => x.kind === 'STATUTORY'))
      expect([...g.categories].sort(), g.code).toEqual([...STATUTORY_GROUND_CATEGORIES[g.code]].sort());
    // Consent covers at most everything; each share's scope narrows it.
    const consent = all.legalGrounds.find((g) => g.code === 'CONSENT')!;
    expect([...consent.categories].sort()).toEqual([...CONSENT_SCOPE_CATEGORIES.WHOLE_CASE].sort());
  });

  it('is read only for the application: the catalogue changes by migration', async () => {
    const [row] = await f.server.sql<{ ins: boolean; upd: boolean; del: boolean; sel: boolean }>(
      `SELECT has_table_privilege('samverkan_app', 'legal_ground', 'INSERT') AS ins,
              has_table_privilege('samverkan_app', 'legal_ground', 'UPDATE') AS upd,
              has_table_privilege('samverkan_app', 'legal_ground', 'DELETE') AS del,
              has_table_privilege('samverkan_app', 'legal_ground', 'SELECT') AS sel`,
    );
    expect(row).toEqual({ ins: false, upd: false, del: false, sel: true });
  });

  it('backfilled the seeded shares with the version in force when they were made', async () => {
    const rows = await f.server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_share WHERE legal_ground_id IS NULL`,
    );
    expect(rows[0].n).toBe(0);
    const { consent } = await f.seeded();
    const res = await f.ok<{ case: { legalBases: { kind: string; ground: Ground }[] } }>(
      SW,
      `query C($id: ID!) { case(id: $id) { legalBases { kind ground { ${GROUND} } } } }`,
      { id: consent },
    );
    expect(res.case.legalBases[0].ground).toMatchObject({ code: 'CONSENT', version: 1 });
  });
});

describe('a superseded ground', () => {
  it('is still shown as cited on the old share, to the owner and the partner; new shares cite the new version', async () => {
    const oldCase = await newCase();
    const old = await shareOn(oldCase, 'OSL_10_21');
    expect(old.ground).toMatchObject({ code: 'OSL_10_21', version: 1, citation: 'OSL (2009:400) 10 kap. 21 §' });

    // The law changes: a migration supersedes the ground from today.
    const [{ id: nextId }] = await f.server.sql<{ id: string }>(
      `SELECT supersede_legal_ground('OSL_10_21', 'OSL (2009:400) 10 kap. 21 § (ny lydelse)', 'Misstanke om brott', $1::date) AS id`,
      [today()],
    );

    const q = `query C($id: ID!) { case(id: $id) { legalBases { id ground { ${GROUND} } } } }`;
    const ownerView = await f.ok<{ case: { legalBases: { id: string; ground: Ground }[] } }>(SW, q, { id: oldCase });
    const shown = ownerView.case.legalBases.find((b) => b.id === old.id)!.ground;
    expect(shown).toMatchObject({
      id: old.ground.id,
      version: 1,
      citation: 'OSL (2009:400) 10 kap. 21 §',
      validTo: today(),
      supersededById: nextId,
    });

    // The partner takes the share and sees the same version on it.
    await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: old.id });
    const partnerView = await f.ok<{ case: { legalBases: { id: string; ground: Ground }[] } }>(PL, q, { id: oldCase });
    expect(partnerView.case.legalBases.find((b) => b.id === old.id)!.ground.citation).toBe(
      'OSL (2009:400) 10 kap. 21 §',
    );

    const fresh = await shareOn(await newCase(), 'OSL_10_21');
    expect(fresh.ground).toMatchObject({
      id: nextId,
      version: 2,
      citation: 'OSL (2009:400) 10 kap. 21 § (ny lydelse)',
    });
    // The catalogue now offers only the new version.
    const current = await f.ok<{ legalGrounds: Ground[] }>(SW, `{ legalGrounds { ${GROUND} } }`);
    expect(current.legalGrounds.filter((g) => g.code === 'OSL_10_21').map((g) => g.version)).toEqual([2]);
  });

  it('a ground no longer in force takes no new share', async () => {
    await f.server.sql(`UPDATE legal_ground SET valid_to = $1::date WHERE code = 'OSL_10_2' AND valid_to IS NULL`, [
      today(),
    ]);
    const res = await f.server.gql(
      SHARE,
      {
        input: {
          caseId: await newCase(),
          organisationId: await f.orgId('police'),
          legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_2' },
        },
      },
      await f.token(SW),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'legalBasis.statutoryGround',
      reason: 'LEGAL_GROUND_NOT_IN_FORCE',
    });
  });
});
