import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, csvText, CsvSeparator } from '../../src/shared/export-file';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue #23: formula injection is neutralised in every format and under every separator, and a CSV
 * written with `;` (Swedish Excel) round-trips through the import.
 */

const TITLE = 'Kurs;=HYPERLINK("http://x");x';
const EXPORT = `query E($format: ExportFormat!, $separator: CsvSeparator) {
  exportPreventionActivities(format: $format, separator: $separator, filter: { types: [INFORMATION_CAMPAIGN] }) { filename base64 }
}`;
const STAFF = 'mutation S($csv: String!) { importStaffMembers(csv: $csv) { imported rejected { line reason } } }';
const COMPLETIONS = 'mutation C($csv: String!) { importCompletions(csv: $csv) { imported rejected { line reason } } }';

let server: TestServer;
let police: string;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  police = await server.login('kommunpolis@polisen.example');
  const [{ id: areaId }] = await server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
  const res = await server.gql(
    `mutation($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }`,
    {
      input: {
        title: TITLE,
        type: 'INFORMATION_CAMPAIGN',
        areaId,
        startsAt: '2025-03-01T10:00:00Z',
        peopleReached: 3,
        visibility: 'PARTNERSHIP',
      },
    },
    police,
  );
  expect(res.errors).toBeUndefined();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** Every segment a parser splitting on any separator could read as a cell. */
const segments = (text: string): string[] => text.split(/[;,\t\r\n]/).map((s) => s.replace(/^"+/, ''));

describe('formula injection', () => {
  it('no CSV cell or split-off part starts a formula, under either separator', async () => {
    for (const separator of ['SEMICOLON', 'COMMA']) {
      const res = await server.gql<{ exportPreventionActivities: { base64: string } }>(
        EXPORT,
        { format: 'CSV', separator },
        police,
      );
      expect(res.errors).toBeUndefined();
      const text = Buffer.from(res.data!.exportPreventionActivities.base64, 'base64').toString('utf8');
      expect(text).toContain('HYPERLINK');
      for (const part of segments(text)) expect(part, separator).not.toMatch(/^[=+@]/);
    }
  });

  it('the xlsx holds the title as inert text, no formula cell', async () => {
    const res = await server.gql<{ exportPreventionActivities: { base64: string } }>(
      EXPORT,
      { format: 'XLSX' },
      police,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(res.data!.exportPreventionActivities.base64, 'base64') as unknown as ArrayBuffer,
    );
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    const title = cells.find((c) => String(c.value).includes('HYPERLINK'))!;
    expect(title.type).toBe(ExcelJS.ValueType.String);
    for (const part of segments(String(title.value))) expect(part).not.toMatch(/^[=+@]/);
  });
});

describe('CSV import of what Swedish Excel writes', () => {
  it('a `;` CSV with a BOM, quotes and å/ä/ö round-trips: staff and completions are imported', async () => {
    const coordinator = await server.login('utbildning@danderyd.example');
    const sep = CsvSeparator.SEMICOLON;
    const staff = [
      ['Åsa Öberg', 'Enhet; Barn och unga', 'Socialsekreterare'],
      ['Per "Pelle" Ängström', 'Enhet; Barn och unga', 'Socialsekreterare'],
    ];
    const staffCsv = csvText(
      [['name', 'unit', 'title'], ...staff].map((r) => r.map((v) => csvField(v, sep))),
      sep,
    );
    expect(staffCsv.startsWith('\uFEFFname;unit;title\r\n')).toBe(true);
    const imported = await server.gql<{ importStaffMembers: { imported: number } }>(
      STAFF,
      { csv: staffCsv },
      coordinator,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importStaffMembers).toEqual({ imported: 2, rejected: [] });
    const names = await server.sql<{ name: string; unit: string }>(
      `SELECT name, unit FROM staff_member WHERE unit = 'Enhet; Barn och unga' ORDER BY name`,
    );
    expect(names.map((n) => n.name).sort()).toEqual(['Åsa Öberg', 'Per "Pelle" Ängström'].sort());

    // Completions, with one name written without diacritics (matched by folding).
    const completions = csvText(
      [
        ['name', 'unit', 'course_code', 'completed_on'],
        ['Asa Oberg', 'Enhet; Barn och unga', 'FREDA-KORT', '2025-02-03'],
        ['Per "Pelle" Ängström', 'Enhet; Barn och unga', 'FREDA-KORT', '2025-02-03'],
      ].map((r) => r.map((v) => csvField(v, sep))),
      sep,
    );
    const done = await server.gql<{ importCompletions: { imported: number; rejected: unknown[] } }>(
      COMPLETIONS,
      { csv: completions },
      coordinator,
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.importCompletions.rejected).toEqual([]);
    expect(done.data!.importCompletions.imported).toBe(2);
  });

  it('an ambiguous folded name is reported, not guessed; a repeated header column is refused', async () => {
    const coordinator = await server.login('utbildning@danderyd.example');
    const staffCsv = 'name,unit,title\r\nLena Åkerlund,Enhet X,Handläggare\r\nLena Akerlund,Enhet X,Handläggare\r\n';
    const staff = await server.gql<{ importStaffMembers: { imported: number } }>(STAFF, { csv: staffCsv }, coordinator);
    expect(staff.data!.importStaffMembers.imported).toBe(2);
    const ambiguous = await server.gql<{
      importCompletions: { imported: number; rejected: { line: number; reason: string }[] };
    }>(
      COMPLETIONS,
      { csv: '\uFEFFname;unit;course_code;completed_on\r\nLENA AKERLUND;Enhet X;FREDA-KORT;2025-01-10\r\n' },
      coordinator,
    );
    expect(ambiguous.data!.importCompletions.imported).toBe(0);
    expect(ambiguous.data!.importCompletions.rejected[0].reason).toMatch(/ambiguous name: 2 staff members/);
    const repeated = await server.gql(
      COMPLETIONS,
      { csv: 'name;unit;name;completed_on;course_code\r\nA;B;C;2025-01-01;FREDA-KORT\r\n' },
      coordinator,
    );
    expect(repeated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CSV_REPEATED_COLUMN' });
  });
});
