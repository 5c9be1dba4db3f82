import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/modules/training/training-csv';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** CSV imports of staff and historical completions: a report per rejected row, nothing half-imported. */

let server: TestServer;
let coordinator: string;

const IMPORT_STAFF =
  'mutation I($csv: String!) { importStaffMembers(csv: $csv) { imported rejected { line reason } } }';
const IMPORT_COMPLETIONS =
  'mutation I($csv: String!) { importCompletions(csv: $csv) { imported rejected { line reason } } }';
type Report<K extends string> = Record<K, { imported: number; rejected: { line: number; reason: string }[] }>;

const staffCount = async (): Promise<number> =>
  (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM staff_member`))[0].n;
const completionCount = async (): Promise<number> =>
  (await server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM training_completion`))[0].n;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  coordinator = await server.login('utbildning@danderyd.example');
});

afterAll(async () => {
  await server?.stop();
});

describe('CSV parsing', () => {
  it('quotes, doubled quotes, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['multi\nline', 'z'] },
    ]);
  });
});

describe('importStaffMembers', () => {
  it('rejects the whole file when one row is bad, naming each bad row and why', async () => {
    const before = await staffCount();
    const csv = [
      'name,unit,title,user_email',
      'Ny Person,Vuxenenheten,Socialsekreterare,',
      'Oskar Wallin,Vuxenenheten,Socialsekreterare,', // already registered
      ',Vuxenenheten,Socialsekreterare,', // no name
      'Annan,Vuxenenheten,Socialsekreterare,socialsekreterare@taby.example', // login of another organisation
      'Dubbel,Barn och familj,Socialsekreterare,',
      'Dubbel,Barn och familj,Socialsekreterare,',
    ].join('\n');
    const res = await server.gql<Report<'importStaffMembers'>>(IMPORT_STAFF, { csv }, coordinator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.importStaffMembers.imported).toBe(0);
    expect(res.data!.importStaffMembers.rejected.map((r) => r.line)).toEqual([3, 4, 5, 7]);
    expect(res.data!.importStaffMembers.rejected[0].reason).toMatch(/already registered/);
    expect(res.data!.importStaffMembers.rejected[2].reason).toMatch(/not a login of this organisation/);
    expect(await staffCount()).toBe(before);
  });

  it('imports a clean file', async () => {
    const before = await staffCount();
    const csv =
      'name,unit,title\nIda Import,Vuxenenheten,Socialsekreterare\n"Berg, Jonas",Barn och familj,Familjebehandlare\n';
    const res = await server.gql<Report<'importStaffMembers'>>(IMPORT_STAFF, { csv }, coordinator);
    expect(res.data!.importStaffMembers).toEqual({ imported: 2, rejected: [] });
    expect(await staffCount()).toBe(before + 2);
    const [row] = await server.sql<{ name: string }>(`SELECT name FROM staff_member WHERE name = 'Berg, Jonas'`);
    expect(row).toBeDefined();
  });

  it('a header without a required column is BAD_USER_INPUT', async () => {
    const res = await server.gql(IMPORT_STAFF, { csv: 'name,unit\nA,B\n' }, coordinator);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('importCompletions', () => {
  it('all or nothing, then the certificates follow', async () => {
    const before = await completionCount();
    const bad = [
      'name,unit,course_code,completed_on',
      'Elin Forsberg,Barn och familj,HRV,2025-05-02',
      'Sara Holm,Utredning brott i nära relation,SARA:SV,2025-01-01', // police staff: not in Danderyd's register
      'Elin Forsberg,Barn och familj,NOPE,2025-05-02',
      'Elin Forsberg,Barn och familj,HRV,2025-02-30',
      'Elin Forsberg,Barn och familj,HRV,2999-01-01',
    ].join('\n');
    const res = await server.gql<Report<'importCompletions'>>(IMPORT_COMPLETIONS, { csv: bad }, coordinator);
    expect(res.data!.importCompletions.imported).toBe(0);
    expect(res.data!.importCompletions.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(await completionCount()).toBe(before);

    const good =
      'name,unit,course_code,completed_on\nElin Forsberg,Barn och familj,HRV,2025-05-02\nElin Forsberg,Barn och familj,FREDA-KORT,2025-04-01\n';
    const ok = await server.gql<Report<'importCompletions'>>(IMPORT_COMPLETIONS, { csv: good }, coordinator);
    expect(ok.data!.importCompletions).toEqual({ imported: 2, rejected: [] });
    const again = await server.gql<Report<'importCompletions'>>(IMPORT_COMPLETIONS, { csv: good }, coordinator);
    expect(again.data!.importCompletions.imported).toBe(0);
    expect(again.data!.importCompletions.rejected).toHaveLength(2);
    const [elin] = await server.sql<{ id: string }>(`SELECT id FROM staff_member WHERE name = 'Elin Forsberg'`);
    const cert = await server.gql<{
      staffMember: { certificates: { course: { code: string }; status: string; expiresOn: string }[] };
    }>(
      'query S($id: ID!) { staffMember(id: $id) { certificates(on: "2025-06-01") { course { code } status expiresOn } } }',
      { id: elin.id },
      coordinator,
    );
    expect(cert.data!.staffMember.certificates).toEqual(
      expect.arrayContaining([
        { course: { code: 'HRV' }, status: 'VALID', expiresOn: '2029-05-02' },
        { course: { code: 'FREDA-KORT' }, status: 'VALID', expiresOn: '2028-04-01' },
      ]),
    );
  });
});
