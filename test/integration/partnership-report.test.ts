import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue #23: one joint yearly report per partnership (the same for every partner), effect measures
 * (safety surveys, commitment targets) with allowed and denied calls, and exports read back.
 */

const REPORT = `query Report($id: ID!, $year: Int!) {
  partnershipReport(partnershipId: $id, year: $year) {
    partnershipId partnershipName year
    organisations { id name kind } areas { id name }
    commitments { id title responsibleOrganisations organisationOnlyActivities
      periods { period quarter activities peopleReached placesCovered byTypeAndStatus { type status activities peopleReached } }
      byType { type activities peopleReached }
      targets { id description measure surveyQuestion surveyAnswer direction targetValue values { year value } met }
      actions { raised done open }
      cameras { name daysInOperation footageRequestsReceived footageRequestsHandedOver permitValidUntil permitStatus } }
    totals { activities peopleReached placesCovered organisationOnlyActivities byQuarter { quarter activities peopleReached } byType { type activities peopleReached } }
    training { on organisations { organisationId organisationName required covered share requirements { courseCode role unit staffCount coveredCount share } } }
    indicators { code name reportedBy years { year value suppressed } }
    surveys { id year areaName respondents questions { question answers { answer share } } }
  }
}`;

const EXPORT = `query Export($id: ID!, $year: Int!, $format: ExportFormat!, $separator: CsvSeparator) {
  exportPartnershipReport(partnershipId: $id, year: $year, format: $format, separator: $separator) { filename contentType contentDisposition base64 }
}`;

const SURVEY = `mutation Survey($input: RecordSafetySurveyInput!) { recordSafetySurvey(input: $input) { id year respondents } }`;
const TARGET = `mutation Target($p: ID!, $input: CommitmentTargetInput!) { setCommitmentTarget(partnershipId: $p, input: $input) { id description } }`;

type FileExport = { filename: string; contentType: string; contentDisposition: string; base64: string };

let server: TestServer;
const tokens: Record<string, string> = {};
let danderyd: string;
let taby: string;
let danderydArea: string;
let commitmentId: string;

async function token(email: string): Promise<string> {
  tokens[email] ??= await server.login(email);
  return tokens[email];
}

async function lastAudit(email: string): Promise<{ action: string; outcome: string; entity_type: string | null }> {
  const [row] = await server.sql<{ action: string; outcome: string; entity_type: string | null }>(
    `SELECT e.action, e.outcome, e.entity_type FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
      WHERE u.email = $1 ORDER BY e.id DESC LIMIT 1`,
    [email],
  );
  return row;
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  const rows = await server.sql<{ id: string; name: string }>(`SELECT id, name FROM partnership`);
  danderyd = rows.find((r) => r.name.includes('Danderyd'))!.id;
  taby = rows.find((r) => r.name.includes('Täby'))!.id;
  [{ id: danderydArea }] = await server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
  [{ id: commitmentId }] = await server.sql<{ id: string }>(
    `SELECT id FROM commitment WHERE title = 'Trygghetspatrulleringar' AND partnership_id = $1`,
    [danderyd],
  );
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('partnershipReport', () => {
  it('is identical for the police, the municipality, its safety function and the training coordinators (Danderyd 2025)', async () => {
    const readers = [
      'kommunpolis@polisen.example',
      'socialsekreterare@danderyd.example',
      'trygghet@danderyd.example',
      'utbildning@danderyd.example',
      'utbildning@polisen.example',
    ];
    const reports = [];
    for (const email of readers) {
      const res = await server.gql<{ partnershipReport: Record<string, unknown> }>(
        REPORT,
        { id: danderyd, year: 2025 },
        await token(email),
      );
      expect(res.errors, email).toBeUndefined();
      reports.push(res.data!.partnershipReport);
    }
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
    // The camera measure and the actions from safety walks are in it, the same for everyone.
    const cameraCommitment = (
      reports[0] as { commitments: { title: string; cameras: unknown[]; actions: { raised: number } }[] }
    ).commitments.find((c) => c.title === 'Kamerabevakning vid Vendevägen')!;
    expect(cameraCommitment.cameras).toEqual([
      expect.objectContaining({
        name: 'Vendevägen, busshållplatsen',
        daysInOperation: 365,
        footageRequestsReceived: 1,
      }),
      expect.objectContaining({ name: 'Vendevägen, gångtunneln', daysInOperation: 350, footageRequestsReceived: 2 }),
    ]);
    const [{ raised }] = await server.sql<{ raised: string }>(
      `SELECT count(*) AS raised FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id
        JOIN commitment c ON c.id = a.commitment_id WHERE c.partnership_id = $1
         AND a.starts_at >= '2025-01-01T00:00:00+01' AND a.starts_at < '2026-01-01T00:00:00+01'`,
      [danderyd],
    );
    const reported = (reports[0] as { commitments: { actions: { raised: number } }[] }).commitments.reduce(
      (n, c) => n + c.actions.raised,
      0,
    );
    expect(reported).toBe(Number(raised));
    const report = reports[0] as {
      totals: { activities: number; organisationOnlyActivities: number; peopleReached: number };
      commitments: { title: string; targets: { values: { value: number | null }[] }[] }[];
      indicators: unknown[];
      surveys: unknown[];
      training: { organisations: { required: number }[] };
    };
    // The totals count every activity of the partnership's commitments, organisation-only ones too.
    const [{ n, private: only, people }] = await server.sql<{ n: string; private: string; people: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE visibility = 'ORGANISATION') AS private, coalesce(sum(people_reached), 0) AS people
         FROM prevention_activity a JOIN commitment c ON c.id = a.commitment_id
        WHERE c.partnership_id = $1 AND a.starts_at >= '2025-01-01T00:00:00+01' AND a.starts_at < '2026-01-01T00:00:00+01'`,
      [danderyd],
    );
    expect(report.totals.activities).toBe(Number(n));
    expect(report.totals.organisationOnlyActivities).toBe(Number(only));
    expect(report.totals.peopleReached).toBe(Number(people));
    expect(Number(only)).toBeGreaterThan(0);
    expect(report.commitments).toHaveLength(6);
    expect(report.indicators).toHaveLength(7);
    expect(report.surveys.length).toBeGreaterThanOrEqual(3);
    expect(report.training.organisations.some((o) => o.required > 0)).toBe(true);
    const patrols = report.commitments.find((c) => c.title === 'Trygghetspatrulleringar')!;
    expect(patrols.targets[0].values.map((v) => v.value)).toEqual([null, 0.18, 0.16, 0.14]);
  });

  it('is FORBIDDEN to auditors and administrators, NOT_FOUND for a partnership not theirs; denials are audited', async () => {
    for (const email of ['loggkontroll@danderyd.example', 'admin@polisen.example']) {
      const res = await server.gql(REPORT, { id: danderyd, year: 2025 }, await token(email));
      expect(res.errors?.[0].extensions?.code, email).toBe('FORBIDDEN');
      expect((await lastAudit(email)).outcome).toBe('DENIED');
    }
    const taby_ = await server.gql(REPORT, { id: danderyd, year: 2025 }, await token('socialsekreterare@taby.example'));
    expect(taby_.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unknown = await server.gql(
      REPORT,
      { id: '00000000-0000-4000-8000-000000000000', year: 2025 },
      await token('kommunpolis@polisen.example'),
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const danderydSw = await server.gql(
      REPORT,
      { id: taby, year: 2025 },
      await token('socialsekreterare@danderyd.example'),
    );
    expect(danderydSw.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('effect measures', () => {
  const survey = (partnershipId: string, year: number) => ({
    input: {
      partnershipId,
      areaId: danderydArea,
      year,
      respondents: 700,
      questions: [
        {
          question: 'Känner du dig trygg i Mörby centrum?',
          answers: [
            { answer: 'Ja', share: 0.7 },
            { answer: 'Nej', share: 0.3 },
          ],
        },
      ],
    },
  });

  it('the safety coordinator, police liaison and social worker of the partnership record surveys and targets', async () => {
    const res = await server.gql<{ recordSafetySurvey: { id: string; year: number } }>(
      SURVEY,
      survey(danderyd, 2022),
      await token('trygghet@danderyd.example'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordSafetySurvey.year).toBe(2022);
    expect((await lastAudit('trygghet@danderyd.example')).entity_type).toBe('SafetySurvey');
    const again = await server.gql<{ recordSafetySurvey: { id: string; respondents: number } }>(
      SURVEY,
      survey(danderyd, 2022),
      await token('kommunpolis@polisen.example'),
    );
    expect(again.data!.recordSafetySurvey.id).toBe(res.data!.recordSafetySurvey.id); // replaced, not duplicated
    const target = await server.gql<{ setCommitmentTarget: { id: string } }>(
      TARGET,
      {
        p: danderyd,
        input: {
          commitmentId,
          description: 'Fler patrulleringar',
          measure: 'ACTIVITIES',
          targetValue: 20,
          direction: 'AT_LEAST',
        },
      },
      await token('socialsekreterare@danderyd.example'),
    );
    expect(target.errors).toBeUndefined();
    const report = await server.gql<{
      partnershipReport: { commitments: { id: string; targets: { description: string; met: boolean | null }[] }[] };
    }>(REPORT, { id: danderyd, year: 2025 }, await token('kommunpolis@polisen.example'));
    const c = report.data!.partnershipReport.commitments.find((x) => x.id === commitmentId)!;
    expect(c.targets.map((t) => t.description)).toContain('Fler patrulleringar');
  });

  it('others are refused; nothing changes and the refusal is audited', async () => {
    const before = await server.sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM safety_survey) + (SELECT count(*) FROM commitment_target) AS n`,
    );
    for (const email of ['utbildning@danderyd.example', 'loggkontroll@polisen.example', 'admin@danderyd.example']) {
      const res = await server.gql(SURVEY, survey(danderyd, 2021), await token(email));
      expect(res.errors?.[0].extensions?.code, email).toBe('FORBIDDEN');
      expect((await lastAudit(email)).outcome).toBe('DENIED');
      const t = await server.gql(
        TARGET,
        {
          p: danderyd,
          input: { commitmentId, description: 'x', measure: 'ACTIVITIES', targetValue: 1, direction: 'AT_LEAST' },
        },
        await token(email),
      );
      expect(t.errors?.[0].extensions?.code, email).toBe('FORBIDDEN');
    }
    const foreign = await server.gql(SURVEY, survey(danderyd, 2021), await token('socialsekreterare@taby.example'));
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await lastAudit('socialsekreterare@taby.example')).outcome).toBe('DENIED');
    const bad = await server.gql(
      SURVEY,
      {
        input: {
          ...survey(danderyd, 2021).input,
          questions: [{ question: 'q', answers: [{ answer: 'Ja', share: 1.5 }] }],
        },
      },
      await token('trygghet@danderyd.example'),
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await server.sql<{ n: string }>(
      `SELECT (SELECT count(*) FROM safety_survey) + (SELECT count(*) FROM commitment_target) AS n`,
    );
    expect(after).toEqual(before);
  });
});

describe('exports of the report', () => {
  const file = async (format: string, separator?: string): Promise<{ meta: FileExport; bytes: Buffer }> => {
    const res = await server.gql<{ exportPartnershipReport: FileExport }>(
      EXPORT,
      { id: danderyd, year: 2025, format, separator },
      await token('socialsekreterare@danderyd.example'),
    );
    expect(res.errors).toBeUndefined();
    const meta = res.data!.exportPartnershipReport;
    expect(await lastAudit('socialsekreterare@danderyd.example')).toMatchObject({
      action: 'EXPORT',
      outcome: 'ALLOWED',
    });
    return { meta, bytes: Buffer.from(meta.base64, 'base64') };
  };

  it('xlsx: Swedish headers, real number and date cells; the file name keeps å/ä/ö (RFC 6266)', async () => {
    const { meta, bytes } = await file('XLSX');
    expect(meta.filename).toBe('Årsrapport Medborgarlöften Danderyd 2023–2026 2025.xlsx');
    expect(meta.contentDisposition).toContain(`filename*=UTF-8''%C3%85rsrapport%20Medborgarl%C3%B6ften`);
    expect(meta.contentDisposition).toMatch(
      /^attachment; filename="Arsrapport Medborgarloften Danderyd 2023_2026 2025\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Löften')!;
    expect(sheet.getRow(2).values).toContain('Aktiviteter');
    const row = sheet.getRow(3);
    expect(row.getCell(4).value).toBeInstanceOf(Date);
    expect(typeof row.getCell(6).value).toBe('number');
    const training = workbook.getWorksheet('Utbildning')!;
    expect(training.getColumn(7).numFmt).toBe('0.0%');
  });

  it('PDF: opens, and its text holds the title, the commitments and the charts', async () => {
    const { meta, bytes } = await file('PDF');
    expect(meta.contentType).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain('Årsrapport 2025');
    expect(text).toContain('Trygghetspatrulleringar');
    expect(text).toContain('Aktiviteter per kvartal 2025');
    expect(text).toContain('Trygghetsmätning');
  });

  it('CSV: BOM, `;` and a decimal comma by default; the comma form on request', async () => {
    const semi = (await file('CSV')).bytes.toString('utf8');
    expect(semi.charCodeAt(0)).toBe(0xfeff);
    expect(semi).toContain('Löfte;Ansvariga;Status;Från;Till;Aktiviteter');
    expect(semi).toMatch(/;\d+,\d\r\n/); // a share in percent with a decimal comma
    const comma = (await file('CSV', 'COMMA')).bytes.toString('utf8');
    expect(comma).toContain('Löfte,Ansvariga,Status,Från,Till,Aktiviteter');
    expect(comma).toMatch(/,\d+\.\d\r\n/);
  });
});
