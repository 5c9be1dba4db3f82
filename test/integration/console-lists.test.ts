import { describe, expect, it } from 'vitest';
import { DANDERYD_ADMIN, DANDERYD_AUDITOR, PL, POLICE_ADMIN, SW, TABY_SW, seededCasesFixture } from '../helpers/cases';

/**
 * The lists the console needs (issue #21): a case member's colleagues who could be added to the case
 * (caseMemberCandidates), the owners' list of their detection records (detectionRecords), and the
 * staff register searched by the API (staffMembers(search)). Allowed and denied sides: a denial
 * answers like the matrix says, changes nothing and is audited as DENIED.
 */

const f = seededCasesFixture();
const COORDINATOR = 'utbildning@danderyd.example';

const CANDIDATES = `query C($caseId: ID!, $search: String) { caseMemberCandidates(caseId: $caseId, search: $search) { userId displayName } }`;
const RECORDS = `query R($first: Int, $after: String) { detectionRecords(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id indicatorCode count recordedAt voidedAt voidReason area { name } } } } }`;
const STAFF = `query S($search: String, $first: Int, $after: String) { staffMembers(search: $search, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id name unit title } } } }`;

type Candidates = { caseMemberCandidates: { userId: string; displayName: string }[] };
type Records = {
  detectionRecords: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; indicatorCode: string; count: number; voidedAt: string | null } }[];
  };
};
type Staff = {
  staffMembers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; name: string; unit: string; title: string } }[];
  };
};

/** Every detection record, as one digest: a denied call must leave it unchanged. */
async function detectionDigest(): Promise<string> {
  const [row] = await f.server.sql<{ d: string }>(
    `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') AS d FROM detection_record x`,
  );
  return row.d;
}

/** A call refused with `code`, nothing changed in `digest`, every event of it DENIED with that code. */
async function expectRefused(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  code: string,
  digest: () => Promise<string>,
): Promise<void> {
  const before = await digest();
  const since = await f.lastEventId();
  const res = await f.server.gql(query, variables, token);
  expect(
    res.errors?.map((e) => e.extensions?.code),
    JSON.stringify(res.errors),
  ).toEqual([code]);
  expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
  expect(await digest()).toBe(before);
  const events = await f.server.sql<{ outcome: string; error_code: string }>(
    `SELECT outcome, error_code FROM audit_event WHERE id > $1`,
    [since],
  );
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect([e.outcome, e.error_code]).toEqual(['DENIED', code]);
}

describe('caseMemberCandidates: the colleagues a member may add to a case', () => {
  it("lists the own organisation's case workers who are not members, by name; search narrows; an added one drops out", async () => {
    const { own } = await f.seeded();
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const coordinator = await f.newUser(DANDERYD_ADMIN, 'TRAINING_COORDINATOR');
    const policeColleague = await f.newUser(POLICE_ADMIN, 'POLICE_LIAISON');
    const since = await f.lastEventId();
    const { caseMemberCandidates: all } = await f.ok<Candidates>(SW, CANDIDATES, { caseId: own });
    const ids = all.map((c) => c.userId);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(await f.userId(SW)); // already a member
    expect(ids).not.toContain(coordinator.id); // works no cases
    expect(ids).not.toContain(policeColleague.id); // another organisation
    expect(ids).not.toContain(await f.userId(PL));
    const names = all.map((c) => c.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The read of the names is audited (ids only).
    const read = await f.server.sql<{ entity_type: string; outcome: string }>(
      `SELECT entity_type, outcome FROM audit_event WHERE id > $1 AND entity_type = 'User' AND $2 = ANY(entity_ids)`,
      [since, colleague.id],
    );
    expect(read).toEqual([{ entity_type: 'User', outcome: 'ALLOWED' }]);

    const none = await f.ok<Candidates>(SW, CANDIDATES, { caseId: own, search: 'ingen-sådan-person-xyz' });
    expect(none.caseMemberCandidates).toEqual([]);
    const found = await f.ok<Candidates>(SW, CANDIDATES, { caseId: own, search: 'testhandl' });
    expect(found.caseMemberCandidates.map((c) => c.userId)).toContain(colleague.id);

    await f.ok(SW, 'mutation A($c: ID!, $u: ID!) { addCaseMember(caseId: $c, userId: $u) { userId } }', {
      c: own,
      u: colleague.id,
    });
    const after = await f.ok<Candidates>(SW, CANDIDATES, { caseId: own });
    expect(after.caseMemberCandidates.map((c) => c.userId)).not.toContain(colleague.id);
  });

  it('a partner member sees only its own organisation’s colleagues', async () => {
    const { statutory } = await f.seeded();
    const policeColleague = await f.newUser(POLICE_ADMIN, 'POLICE_LIAISON');
    const { caseMemberCandidates } = await f.ok<Candidates>(PL, CANDIDATES, { caseId: statutory });
    const ids = caseMemberCandidates.map((c) => c.userId);
    expect(ids).toContain(policeColleague.id);
    const organisations = await f.server.sql<{ organisation_id: string }>(
      'SELECT DISTINCT organisation_id FROM app_user WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(organisations).toEqual([{ organisation_id: await f.orgId('police') }]);
  });

  it('a non-member of the own organisation, another organisation and a role without cases are refused, audited, nothing changed', async () => {
    const { own } = await f.seeded();
    const outsider = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    await f.expectDenied(outsider.token, CANDIDATES, { caseId: own }, 'NOT_FOUND');
    await f.expectDenied(TABY_SW, CANDIDATES, { caseId: own }, 'NOT_FOUND');
    await f.expectDenied(PL, CANDIDATES, { caseId: own }, 'NOT_FOUND');
    await f.expectDenied(DANDERYD_AUDITOR, CANDIDATES, { caseId: own }, 'FORBIDDEN');
    await f.expectDenied(SW, CANDIDATES, { caseId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND');
  });
});

describe('detectionRecords: the owners’ list of their records', () => {
  it("pages the organisation's records newest first, voided ones too, without losing records of one bulk call", async () => {
    const [danderyd] = await f.server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const input = (count: number) => ({
      indicatorCode: 'POL_RESTRAINING_ORDERS',
      areaId: danderyd.id,
      occurredOn: today,
      count,
    });
    // Three records of one call share their recorded_at: the keyset must still page through them.
    const bulk = await f.ok<{ recordDetections: { id: string }[] }>(
      PL,
      'mutation B($inputs: [RecordDetectionInput!]!) { recordDetections(inputs: $inputs) { id } }',
      { inputs: [input(1), input(2), input(3)] },
    );
    const single = await f.ok<{ recordDetection: { id: string } }>(
      PL,
      'mutation R($input: RecordDetectionInput!) { recordDetection(input: $input) { id } }',
      { input: input(4) },
    );
    await f.ok(PL, 'mutation V($id: ID!) { voidDetection(id: $id, reason: "Dubbelregistrerad") { id } }', {
      id: bulk.recordDetections[1].id,
    });

    const first = await f.ok<Records>(PL, RECORDS, { first: 2 });
    const [police] = await f.server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM detection_record r JOIN organisation o ON o.id = r.organisation_id WHERE o.kind = 'POLICE'`,
    );
    expect(first.detectionRecords.totalCount).toBe(police.n);
    expect(first.detectionRecords.edges[0].node.id).toBe(single.recordDetection.id); // newest first
    // Page through everything, one record at a time after the first page.
    const seen = first.detectionRecords.edges.map((e) => e.node);
    let cursor = first.detectionRecords.pageInfo.endCursor;
    let more = first.detectionRecords.pageInfo.hasNextPage;
    while (more && seen.length < 10) {
      const next = await f.ok<Records>(PL, RECORDS, { first: 1, after: cursor });
      seen.push(...next.detectionRecords.edges.map((e) => e.node));
      cursor = next.detectionRecords.pageInfo.endCursor;
      more = next.detectionRecords.pageInfo.hasNextPage;
    }
    const ids = seen.map((r) => r.id);
    for (const r of bulk.recordDetections) expect(ids).toContain(r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.find((r) => r.id === bulk.recordDetections[1].id)?.voidedAt).not.toBeNull();
    expect(seen.every((r) => r.indicatorCode.startsWith('POL_'))).toBe(true);

    // Danderyd's social worker sees Danderyd's records only, none of the police's.
    const social = await f.ok<Records>(SW, RECORDS, { first: 200 });
    const socialIds = social.detectionRecords.edges.map((e) => e.node.id);
    expect(socialIds.some((id) => ids.includes(id))).toBe(false);
    expect(social.detectionRecords.edges.every((e) => e.node.indicatorCode.startsWith('SOC_'))).toBe(true);
  });

  it('roles that record no detections are refused, audited, nothing changed; a foreign cursor is a bad input', async () => {
    for (const email of [DANDERYD_AUDITOR, COORDINATOR, DANDERYD_ADMIN])
      await expectRefused(await f.token(email), RECORDS, { first: 5 }, 'FORBIDDEN', detectionDigest);
    const res = await f.server.gql(RECORDS, { first: 5, after: 'not-a-cursor' }, await f.token(PL));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('staffMembers(search): the register searched by the API', () => {
  it('every word must match the name, unit or job title; totalCount counts the matches; paging keeps the search', async () => {
    const one = await f.ok<Staff>(COORDINATOR, STAFF, { search: 'nyström VUXEN' });
    expect(one.staffMembers.edges.map((e) => e.node.name)).toEqual(['Karin Nyström']);
    expect(one.staffMembers.totalCount).toBe(1);

    const unit = await f.ok<Staff>(COORDINATOR, STAFF, { search: 'vuxenenheten', first: 1 });
    expect(unit.staffMembers.totalCount).toBeGreaterThan(1);
    const names = [unit.staffMembers.edges[0].node];
    let cursor = unit.staffMembers.pageInfo.endCursor;
    let more = unit.staffMembers.pageInfo.hasNextPage;
    while (more) {
      const next = await f.ok<Staff>(COORDINATOR, STAFF, { search: 'vuxenenheten', first: 1, after: cursor });
      names.push(...next.staffMembers.edges.map((e) => e.node));
      cursor = next.staffMembers.pageInfo.endCursor;
      more = next.staffMembers.pageInfo.hasNextPage;
    }
    expect(names).toHaveLength(unit.staffMembers.totalCount);
    expect(names.every((s) => s.unit === 'Vuxenenheten')).toBe(true);

    // LIKE's wildcards are plain characters; a blank search is no search.
    const wildcard = await f.ok<Staff>(COORDINATOR, STAFF, { search: '%' });
    expect(wildcard.staffMembers.totalCount).toBe(0);
    const blank = await f.ok<Staff>(COORDINATOR, STAFF, { search: '  ' });
    const all = await f.ok<Staff>(COORDINATOR, STAFF, {});
    expect(blank.staffMembers.totalCount).toBe(all.staffMembers.totalCount);

    // Another organisation's staff are not found by name.
    const [policeStaff] = await f.server.sql<{ name: string }>(
      `SELECT s.name FROM staff_member s JOIN organisation o ON o.id = s.organisation_id WHERE o.kind = 'POLICE' LIMIT 1`,
    );
    const foreign = await f.ok<Staff>(COORDINATOR, STAFF, { search: policeStaff.name });
    expect(foreign.staffMembers.edges.map((e) => e.node.name)).not.toContain(policeStaff.name);

    const long = await f.server.gql(STAFF, { search: 'x'.repeat(101) }, await f.token(COORDINATOR));
    expect(long.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('roles other than the training coordinator are refused, audited, nothing changed', async () => {
    const staffDigest = async () =>
      (
        await f.server.sql<{ d: string }>(
          `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x.id)), '') AS d FROM staff_member x`,
        )
      )[0].d;
    for (const email of [SW, PL, DANDERYD_AUDITOR])
      await expectRefused(await f.token(email), STAFF, { search: 'Karin' }, 'FORBIDDEN', staffDigest);
  });
});
