import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ROLE } from '../../src/db/data-source';
import { TrainingCompletionRepository } from '../../src/modules/training/training-completion.repository';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * training_report_version is raised once at the commit of every transaction that changed what the
 * coverage report reads, and the service serves a computed report again only while the version is
 * unchanged: every answer equals a fresh computation.
 */

let server: TestServer;
let coordinator: string;
let courseId: string;
let requirementId: string;

const version = async (): Promise<number> =>
  Number((await server.sql<{ v: string }>(`SELECT version::text AS v FROM training_report_version WHERE id = 1`))[0].v);

async function client(asApp = false): Promise<Client> {
  const c = new Client({ connectionString: server.db.url });
  await c.connect();
  if (asApp) await c.query(`SET ROLE ${APP_ROLE}`);
  return c;
}

interface Row {
  unit: string;
  coveredCount: number;
  missing: number;
  missingStaff: string[];
}
const REPORT =
  'query { trainingCoverage(on: "2026-01-15") { rows { requirementId unit coveredCount missing missingStaff } } }';
async function report(): Promise<Row[]> {
  const res = await server.gql<{ trainingCoverage: { rows: (Row & { requirementId: string })[] } }>(
    REPORT,
    {},
    coordinator,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.trainingCoverage.rows.filter((r) => r.requirementId === requirementId);
}

beforeAll(async () => {
  server = await startTestServer({ seed: true });
  coordinator = await server.login('utbildning@danderyd.example');
  const course = await server.gql<{ createCourse: { id: string } }>(
    'mutation { createCourse(input: { code: "VER-12", title: "Versionskurs", provider: "Test", hours: 1, validityMonths: 12, renewalWindowDays: 30 }) { id } }',
    {},
    coordinator,
  );
  expect(course.errors).toBeUndefined();
  courseId = course.data!.createCourse.id;
  const requirement = await server.gql<{ createTrainingRequirement: { id: string } }>(
    'mutation R($c: ID!) { createTrainingRequirement(input: { courseId: $c, unit: "Versionsenheten" }) { id } }',
    { c: courseId },
    coordinator,
  );
  expect(requirement.errors).toBeUndefined();
  requirementId = requirement.data!.createTrainingRequirement.id;
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await server?.stop();
});

describe('training_report_version', () => {
  it('rises by one at the commit of a transaction that changes any source table, however many rows and statements', async () => {
    const c = await client();
    try {
      for (const table of ['staff_member', 'course', 'training_requirement', 'training_completion']) {
        const before = await version();
        await c.query('BEGIN');
        const changed = await c.query(`UPDATE ${table} SET id = id`);
        expect(changed.rowCount).toBeGreaterThan(0);
        // Deferred: nothing before the commit.
        expect(await version()).toBe(before);
        await c.query('COMMIT');
        expect(await version(), table).toBe(before + 1);
      }
      const before = await version();
      await c.query('BEGIN');
      await c.query(`UPDATE staff_member SET name = name`);
      await c.query(
        `INSERT INTO training_completion (staff_member_id, course_id, completed_on, recorded_by)
                     SELECT id, $1, DATE '2025-01-01', (SELECT id FROM app_user WHERE email = 'utbildning@danderyd.example')
                       FROM staff_member WHERE unit <> 'Versionsenheten'`,
        [courseId],
      );
      await c.query(`DELETE FROM training_completion WHERE course_id = $1`, [courseId]);
      await c.query('COMMIT');
      expect(await version()).toBe(before + 1);
    } finally {
      await c.end();
    }
  });

  it('does not rise for a rolled-back change or for reads', async () => {
    const before = await version();
    const c = await client();
    try {
      await c.query('BEGIN');
      await c.query(`UPDATE staff_member SET name = name`);
      await c.query('ROLLBACK');
      await c.query(`SELECT count(*) FROM training_completion`);
    } finally {
      await c.end();
    }
    await report();
    expect(await version()).toBe(before);
  });

  it('cannot be written by the application role', async () => {
    const c = await client(true);
    try {
      await expect(c.query(`UPDATE training_report_version SET version = version + 1`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(c.query(`INSERT INTO training_report_version VALUES (2, 1)`)).rejects.toThrow(/permission denied/);
      // …while a change it may make raises the version through the trigger.
      const before = await version();
      await c.query(`UPDATE staff_member SET name = name WHERE unit = 'Vuxenenheten'`);
      expect(await version()).toBe(before + 1);
    } finally {
      await c.end();
    }
  });
});

describe('the coverage report served again', () => {
  it('is computed once while nothing changes, and afresh after each kind of change', async () => {
    const computed = vi.spyOn(TrainingCompletionRepository.prototype, 'coverageGroups');
    const create = await server.gql<{ createStaffMember: { id: string } }>(
      'mutation { createStaffMember(input: { name: "Vera Version", title: "Socialsekreterare", unit: "Versionsenheten" }) { id } }',
      {},
      coordinator,
    );
    expect(create.errors).toBeUndefined();
    const staffId = create.data!.createStaffMember.id;

    const first = await report();
    expect(first).toEqual([expect.objectContaining({ coveredCount: 0, missing: 1, missingStaff: ['Vera Version'] })]);
    const calls = computed.mock.calls.length;
    expect(await report()).toEqual(first);
    expect(await report()).toEqual(first);
    expect(computed.mock.calls.length).toBe(calls);

    // A completion (through the API): covered now.
    const done = await server.gql(
      'mutation C($input: RecordCompletionInput!) { recordCompletion(input: $input) { status } }',
      { input: { staffMemberId: staffId, courseId, completedOn: '2025-12-01' } },
      coordinator,
    );
    expect(done.errors).toBeUndefined();
    expect(await report()).toEqual([expect.objectContaining({ coveredCount: 1, missing: 0, missingStaff: [] })]);
    expect(computed.mock.calls.length).toBe(calls + 1);

    // A change of the course's validity (directly in the database): the completion has expired by the report date.
    await server.sql(`UPDATE course SET validity_months = 1 WHERE id = $1`, [courseId]);
    expect(await report()).toEqual([
      expect.objectContaining({ coveredCount: 0, missing: 0, missingStaff: ['Vera Version'] }),
    ]);

    // A change in the register (through the API): the report names the staff member as renamed.
    const renamed = await server.gql(
      'mutation U($id: ID!) { updateStaffMember(id: $id, input: { name: "Vera Versionsson" }) { id } }',
      { id: staffId },
      coordinator,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await report()).toEqual([expect.objectContaining({ missingStaff: ['Vera Versionsson'] })]);
    expect(computed.mock.calls.length).toBe(calls + 3);

    // Another report date is another report.
    const other = await server.gql<{ trainingCoverage: { rows: (Row & { requirementId: string })[] } }>(
      'query { trainingCoverage(on: "2025-12-15") { rows { requirementId unit coveredCount missingStaff } } }',
      {},
      coordinator,
    );
    expect(other.data!.trainingCoverage.rows.filter((r) => r.requirementId === requirementId)).toEqual([
      expect.objectContaining({ coveredCount: 1, missingStaff: [] }),
    ]);
    expect(computed.mock.calls.length).toBe(calls + 4);
  });

  it("names the staff of a served report in every request's audit event", async () => {
    await report();
    const before = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'StaffMember' AND operation_type = 'query'`,
    );
    await report();
    await report();
    const events = await server.sql<{ ids: string[] }>(
      `SELECT entity_ids AS ids FROM audit_event WHERE entity_type = 'StaffMember' AND operation_type = 'query' ORDER BY id DESC LIMIT 2`,
    );
    const after = await server.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'StaffMember' AND operation_type = 'query'`,
    );
    expect(after[0].n).toBe(before[0].n + 2);
    expect(events[0].ids.length).toBeGreaterThan(0);
    expect(events[0].ids).toEqual(events[1].ids);
  });
});
