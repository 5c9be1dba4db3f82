import { describe, expect, it } from 'vitest';
import { seededCasesFixture, DANDERYD_AUDITOR, PL, SW, TABY_SW } from '../helpers/cases';

/**
 * Case search (issue #22): by the organisation's own reference (exact and prefix), status, risk level
 * and responsible person, never beyond what the caller may see (src/access/case-access.ts decides).
 */

const f = seededCasesFixture();

const SEARCH = `query Search($filter: CaseFilter) { cases(first: 50, filter: $filter) { totalCount edges { node { id externalReference riskLevel status } } } }`;
type SearchData = {
  cases: {
    totalCount: number;
    edges: { node: { id: string; externalReference: string | null; riskLevel: string; status: string } }[];
  };
};
const ids = (d: SearchData): string[] => d.cases.edges.map((e) => e.node.id).sort();
const search = (email: string, filter: Record<string, unknown>): Promise<SearchData> =>
  f.ok<SearchData>(email, SEARCH, { filter });

describe('case search', () => {
  it('finds a case by the own reference, exactly and ignoring case, and by prefix', async () => {
    const { statutory, own } = await f.seeded();
    const exact = await search(SW, { reference: 'SOC-2026-0142' });
    expect(ids(exact)).toEqual([statutory]);
    expect(exact.cases.totalCount).toBe(1);
    expect(exact.cases.edges[0].node.externalReference).toBe('SOC-2026-0142');
    expect(ids(await search(SW, { reference: ' soc-2026-0142 ' }))).toEqual([statutory]);
    // Exact means the whole reference: a prefix alone finds nothing.
    expect(ids(await search(SW, { reference: 'SOC-2026-01' }))).toEqual([]);
    const prefix = await search(SW, { referencePrefix: 'soc-2026-01' });
    expect(ids(prefix)).toEqual([statutory, own].sort());
    expect(prefix.cases.totalCount).toBe(2);
    expect(ids(await search(SW, { referencePrefix: 'SOC-2026-014' }))).toEqual([statutory]);
    // A LIKE wildcard is a plain character here.
    expect(ids(await search(SW, { referencePrefix: '%' }))).toEqual([]);
  });

  it('combines the reference with status, risk level and the responsible person', async () => {
    const { statutory, own } = await f.seeded();
    const sw = await f.userId(SW);
    const pl = await f.userId(PL);
    expect(ids(await search(SW, { referencePrefix: 'SOC-', riskLevels: ['LOW'] }))).toEqual([own]);
    expect(ids(await search(SW, { referencePrefix: 'SOC-', statuses: ['CLOSED'] }))).toEqual([]);
    const mine = await search(SW, { responsibleUserId: sw });
    expect(ids(mine)).toContain(statutory);
    expect(ids(mine)).toContain(own);
    // The police liaison is a member of the shared cases, not of Danderyd's own: Danderyd, the owner, sees every member.
    const police = ids(await search(SW, { responsibleUserId: pl }));
    expect(police).toContain(statutory);
    expect(police).not.toContain(own);
    const rows = await f.server.sql<{ case_id: string }>(
      `SELECT m.case_id FROM case_member m JOIN case_file c ON c.id = m.case_id JOIN case_member s ON s.case_id = c.id AND s.user_id = $2
        WHERE m.user_id = $1`,
      [pl, sw],
    );
    expect(police).toEqual(rows.map((r) => r.case_id).sort());
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(ids(await search(SW, { responsibleUserId: unknown }))).toEqual([]);
  });

  it("another organisation's reference never finds a case, even one shared with the caller", async () => {
    const { statutory } = await f.seeded();
    // The police liaison is a partner member of the shared case: Danderyd's number does not find it,
    expect(ids(await search(PL, { reference: 'SOC-2026-0142' }))).toEqual([]);
    expect(ids(await search(PL, { referencePrefix: 'SOC' }))).toEqual([]);
    // the police's own number does.
    expect(ids(await search(PL, { reference: 'K-20260311-77' }))).toEqual([statutory]);
    // Danderyd does not find the case by the police's number.
    expect(ids(await search(SW, { reference: 'K-20260311-77' }))).toEqual([]);
    // Täby sees nothing of Danderyd, by any reference or person.
    expect(ids(await search(TABY_SW, { referencePrefix: 'SOC-2026' }))).toEqual([]);
    expect(ids(await search(TABY_SW, { responsibleUserId: await f.userId(SW) }))).toEqual([]);
  });

  it("a member of the owner who is not a member of the case does not find it by the organisation's reference", async () => {
    const colleague = await f.newUser('admin@danderyd.example', 'SOCIAL_WORKER');
    const res = await f.server.gql<SearchData>(SEARCH, { filter: { referencePrefix: 'SOC-' } }, colleague.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cases.totalCount).toBe(0);
  });

  it('is refused to roles without cases, changing nothing and audited as DENIED', async () => {
    await f.expectDenied(DANDERYD_AUDITOR, SEARCH, { filter: { reference: 'SOC-2026-0142' } }, 'FORBIDDEN');
  });

  it('refuses an empty or over-long reference, naming the field', async () => {
    const token = await f.token(SW);
    const empty = await f.server.gql(SEARCH, { filter: { referencePrefix: '  ' } }, token);
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0].extensions?.field).toBe('referencePrefix');
    const long = await f.server.gql(SEARCH, { filter: { reference: 'x'.repeat(101) } }, token);
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const notId = await f.server.gql(SEARCH, { filter: { responsibleUserId: 'nobody' } }, token);
    expect(notId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
