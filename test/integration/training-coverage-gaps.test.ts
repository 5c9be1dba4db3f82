import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The coverage report names the staff without a valid certificate by id as well as by name, so a
 * coordinator can enrol them straight from the report (two staff with the same name stay two).
 */

let server: TestServer;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  coordinator = await server.login('utbildning@danderyd.example');
});

afterAll(async () => {
  await server?.stop();
});

interface Gap {
  staffMemberId: string;
  name: string;
}
interface Row {
  requirementId: string;
  unit: string;
  course: { code: string };
  missingStaff: string[];
  missingStaffMembers: Gap[];
}

const COVERAGE =
  'query { trainingCoverage { rows { requirementId unit course { code } missingStaff missingStaffMembers { staffMemberId name } } } }';

describe('coverage gaps with staff ids', () => {
  it('gives each missing person their staff id, in the order of the names, and the id enrols them', async () => {
    // A namesake: the report must name both, each with their own id.
    const twin = await server.gql<{ createStaffMember: { id: string } }>(
      'mutation { createStaffMember(input: { name: "Oskar Wallin", unit: "Vuxenenheten", title: "Socialsekreterare" }) { id } }',
      {},
      coordinator,
    );
    expect(twin.errors).toBeUndefined();
    const res = await server.gql<{ trainingCoverage: { rows: Row[] } }>(COVERAGE, {}, coordinator);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.trainingCoverage.rows;
    for (const r of rows) expect(r.missingStaffMembers.map((g) => g.name)).toEqual(r.missingStaff);

    const freda = rows.find((r) => r.course.code === 'FREDA-KORT' && r.unit === 'Vuxenenheten')!;
    const oskars = freda.missingStaffMembers.filter((g) => g.name === 'Oskar Wallin');
    expect(oskars).toHaveLength(2);
    expect(new Set(oskars.map((g) => g.staffMemberId)).size).toBe(2);
    expect(oskars.map((g) => g.staffMemberId)).toContain(twin.data!.createStaffMember.id);

    // The ids are the register's: each answers staffMember with that name, in the caller's organisation.
    const [db] = await server.sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM staff_member s JOIN app_user u ON u.organisation_id = s.organisation_id
        WHERE s.id = ANY($1::uuid[]) AND u.email = 'utbildning@danderyd.example'`,
      [rows.flatMap((r) => r.missingStaffMembers.map((g) => g.staffMemberId))],
    );
    expect(Number(db.n)).toBe(new Set(rows.flatMap((r) => r.missingStaffMembers.map((g) => g.staffMemberId))).size);

    const sessions = await server.gql<{
      trainingSessions: { edges: { node: { id: string; course: { code: string } } }[] };
    }>('query { trainingSessions(first: 50) { edges { node { id course { code } } } } }', {}, coordinator);
    const session = sessions.data!.trainingSessions.edges.find((e) => e.node.course.code === 'FREDA-KORT')!.node;
    const enrol = await server.gql<{ enrol: { staffMember: { id: string; name: string } } }>(
      'mutation E($s: ID!, $m: ID!) { enrol(sessionId: $s, staffMemberId: $m) { staffMember { id name } } }',
      { s: session.id, m: twin.data!.createStaffMember.id },
      coordinator,
    );
    expect(enrol.errors).toBeUndefined();
    expect(enrol.data!.enrol.staffMember).toEqual({ id: twin.data!.createStaffMember.id, name: 'Oskar Wallin' });
  });

  it('another organisation’s coordinator gets none of Danderyd’s ids, and a social worker is refused', async () => {
    const danderyd = await server.gql<{ trainingCoverage: { rows: Row[] } }>(COVERAGE, {}, coordinator);
    const ids = new Set(
      danderyd.data!.trainingCoverage.rows.flatMap((r) => r.missingStaffMembers.map((g) => g.staffMemberId)),
    );
    expect(ids.size).toBeGreaterThan(0);

    const police = await server.login('utbildning@polisen.example');
    const other = await server.gql<{ trainingCoverage: { rows: Row[] } }>(COVERAGE, {}, police);
    expect(other.errors).toBeUndefined();
    const seen = other.data!.trainingCoverage.rows.flatMap((r) => r.missingStaffMembers.map((g) => g.staffMemberId));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((id) => ids.has(id))).toEqual([]);

    const worker = await server.login('socialsekreterare@danderyd.example');
    const denied = await server.gql(COVERAGE, {}, worker);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.data ?? null).toBeNull();
  });
});
