import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Coverage, expiry and completion reports against a hand-computed fixture at boundary dates.
 *
 * Course RAPP-12: valid 12 months, renewal window 30 days. Reference date 2025-02-28. Unit
 * "Rapportenheten" (a requirement of Danderyd bound to that unit):
 *
 * | staff  | completions            | expires on  | days left | status on 2025-02-28 |
 * |--------|------------------------|-------------|-----------|----------------------|
 * | Adam   | 2024-02-29 (leap day)  | 2025-02-28  | 0         | EXPIRING (expiry day still counts) |
 * | Bodil  | 2024-02-27             | 2025-02-27  | −1        | EXPIRED              |
 * | Cecilia| 2024-03-30             | 2025-03-30  | 30        | VALID (window is the last 30 days) |
 * | David  | 2023-01-10, 2024-03-29 | 2025-03-29  | 29        | EXPIRING (latest counts) |
 * | Eva    | –                      | –           | –         | MISSING              |
 * | Filip  | 2025-03-01 (after)     | –           | –         | MISSING              |
 *
 * Coverage: 6 staff, covered 3 (Adam, Cecilia, David) = 0.5; missing names Bodil, Eva, Filip.
 * Expiring within 29 days: Adam (0), David (29); within 30 also Cecilia (30).
 * Completions 2024-02-28 … 2024-03-29: Adam and David = 2 completions, 2 staff.
 */

let server: TestServer;
let coordinator: string;
let courseId: string;
let requirementId: string;
const ON = '2025-02-28';

const FIXTURE: [string, string[]][] = [
  ['Adam', ['2024-02-29']],
  ['Bodil', ['2024-02-27']],
  ['Cecilia', ['2024-03-30']],
  ['David', ['2023-01-10', '2024-03-29']],
  ['Eva', []],
  ['Filip', ['2025-03-01']],
];

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  coordinator = await server.login('utbildning@danderyd.example');
  const course = await server.gql<{ createCourse: { id: string } }>(
    'mutation { createCourse(input: { code: "RAPP-12", title: "Rapportkurs", provider: "Test", hours: 2, validityMonths: 12, renewalWindowDays: 30 }) { id } }',
    {},
    coordinator,
  );
  expect(course.errors).toBeUndefined();
  courseId = course.data!.createCourse.id;
  const req = await server.gql<{ createTrainingRequirement: { id: string } }>(
    'mutation R($c: ID!) { createTrainingRequirement(input: { courseId: $c, unit: "Rapportenheten" }) { id } }',
    { c: courseId },
    coordinator,
  );
  expect(req.errors).toBeUndefined();
  requirementId = req.data!.createTrainingRequirement.id;
  for (const [name, dates] of FIXTURE) {
    const s = await server.gql<{ createStaffMember: { id: string } }>(
      'mutation S($n: String!) { createStaffMember(input: { name: $n, unit: "Rapportenheten", title: "Socialsekreterare" }) { id } }',
      { n: name },
      coordinator,
    );
    expect(s.errors).toBeUndefined();
    for (const completedOn of dates) {
      const c = await server.gql(
        'mutation C($input: RecordCompletionInput!) { recordCompletion(input: $input) { status } }',
        { input: { staffMemberId: s.data!.createStaffMember.id, courseId, completedOn } },
        coordinator,
      );
      expect(c.errors).toBeUndefined();
    }
  }
});

afterAll(async () => {
  await server?.stop();
});

interface Row {
  requirementId: string;
  unit: string;
  staffCount: number;
  coveredCount: number;
  share: number;
  valid: number;
  expiring: number;
  expired: number;
  missing: number;
  missingStaff: string[];
}

describe('training reports (hand-computed)', () => {
  it('coverage per requirement and unit', async () => {
    const res = await server.gql<{ trainingCoverage: { on: string; rows: Row[] } }>(
      'query C($on: String) { trainingCoverage(on: $on) { on rows { requirementId unit staffCount coveredCount share valid expiring expired missing missingStaff } } }',
      { on: ON },
      coordinator,
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.trainingCoverage.rows.filter((r) => r.requirementId === requirementId);
    expect(rows).toEqual([
      {
        requirementId,
        unit: 'Rapportenheten',
        staffCount: 6,
        coveredCount: 3,
        share: 0.5,
        valid: 1,
        expiring: 2,
        expired: 1,
        missing: 2,
        missingStaff: ['Bodil', 'Eva', 'Filip'],
      },
    ]);
    // the day after: Adam has expired too
    const next = await server.gql<{ trainingCoverage: { rows: Row[] } }>(
      'query { trainingCoverage(on: "2025-03-01") { rows { requirementId coveredCount expired missing missingStaff } } }',
      {},
      coordinator,
    );
    const row = next.data!.trainingCoverage.rows.find((r) => r.requirementId === requirementId)!;
    // on 2025-03-01 Filip's completion counts (VALID), Adam's has expired
    expect(row).toEqual({
      requirementId,
      coveredCount: 3,
      expired: 2,
      missing: 1,
      missingStaff: ['Adam', 'Bodil', 'Eva'],
    });
  });

  it('the police coordinator sees only police requirements and names', async () => {
    const police = await server.login('utbildning@polisen.example');
    const res = await server.gql<{ trainingCoverage: { rows: Row[] } }>(
      'query { trainingCoverage { rows { requirementId unit missingStaff } } }',
      {},
      police,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.trainingCoverage.rows.some((r) => r.requirementId === requirementId)).toBe(false);
    const names = res.data!.trainingCoverage.rows.flatMap((r) => r.missingStaff);
    const danderyd = await server.sql<{ name: string }>(
      `SELECT s.name FROM staff_member s JOIN organisation o ON o.id = s.organisation_id WHERE o.name <> 'Polisen LPO Södra Roslagen'`,
    );
    for (const d of danderyd) expect(names).not.toContain(d.name);
  });

  it('expiring within N days (expiry day included, expired excluded)', async () => {
    const q =
      'query X($n: Int!, $on: String) { expiringCertificates(withinDays: $n, on: $on) { staffMember { name } course { code } status expiresOn daysLeft } }';
    type X = {
      expiringCertificates: {
        staffMember: { name: string };
        course: { code: string };
        status: string;
        expiresOn: string;
        daysLeft: number;
      }[];
    };
    const within29 = await server.gql<X>(q, { n: 29, on: ON }, coordinator);
    expect(within29.errors).toBeUndefined();
    const mine = (r: { data?: X | null }) =>
      r
        .data!.expiringCertificates.filter((x) => x.course.code === 'RAPP-12')
        .map((x) => [x.staffMember.name, x.status, x.expiresOn, x.daysLeft]);
    expect(mine(within29)).toEqual([
      ['Adam', 'EXPIRING', '2025-02-28', 0],
      ['David', 'EXPIRING', '2025-03-29', 29],
    ]);
    const within30 = await server.gql<X>(q, { n: 30, on: ON }, coordinator);
    expect(mine(within30)).toEqual([
      ['Adam', 'EXPIRING', '2025-02-28', 0],
      ['David', 'EXPIRING', '2025-03-29', 29],
      ['Cecilia', 'VALID', '2025-03-30', 30],
    ]);
    const bad = await server.gql<X>(q, { n: -1, on: ON }, coordinator);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('completions per course and period (both ends included)', async () => {
    type C = { trainingCompletions: { course: { code: string }; completions: number; staff: number }[] };
    const q =
      'query P($f: String!, $t: String!) { trainingCompletions(from: $f, to: $t) { course { code } completions staff } }';
    const res = await server.gql<C>(q, { f: '2024-02-28', t: '2024-03-29' }, coordinator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.trainingCompletions.find((r) => r.course.code === 'RAPP-12')).toEqual({
      course: { code: 'RAPP-12' },
      completions: 2,
      staff: 2,
    });
    const all = await server.gql<C>(q, { f: '2023-01-01', t: '2025-12-31' }, coordinator);
    expect(all.data!.trainingCompletions.find((r) => r.course.code === 'RAPP-12')).toEqual({
      course: { code: 'RAPP-12' },
      completions: 6,
      staff: 5,
    });
    expect(
      (await server.gql<C>(q, { f: '2024-03-01', t: '2024-02-01' }, coordinator)).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('the coverage CSV export is audited as EXPORT', async () => {
    const [{ id: since }] = await server.sql<{ id: string }>(
      `SELECT coalesce(max(id), 0)::text AS id FROM audit_event`,
    );
    const res = await server.gql<{ exportTrainingCoverage: { filename: string; contentType: string; csv: string } }>(
      'query { exportTrainingCoverage(on: "2025-02-28") { filename contentType csv } }',
      {},
      coordinator,
    );
    expect(res.errors).toBeUndefined();
    const out = res.data!.exportTrainingCoverage;
    expect(out.filename).toBe('training-coverage_2025-02-28.csv');
    expect(out.csv.split('\r\n')[0]).toBe(
      'date,course_code,course_title,role,unit,staff,covered,share,valid,expiring,expired,missing,missing_staff',
    );
    expect(out.csv).toContain(
      '2025-02-28,RAPP-12,Rapportkurs,,Rapportenheten,6,3,0.5000,1,2,1,2,"Bodil; Eva; Filip"\r\n',
    );
    const events = await server.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE id > $1 AND operation_type = 'query'`,
      [since],
    );
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.action).toBe('EXPORT');
  });
});
