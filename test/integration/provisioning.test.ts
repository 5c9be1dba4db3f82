import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../src/db/data-source';
import { parseProvisioningFile, ProvisioningFileError } from '../../src/modules/provisioning/provisioning.file';
import { planProvisioning, type ProvisioningPlan } from '../../src/modules/provisioning/provisioning.service';
import { createTestDatabase, sql, type TestDatabase } from '../helpers/database';

/**
 * Provisioning against a database that already holds data: what only the database can reveal is
 * refused with the file's path and line, changes are planned as updates, and nothing is written on
 * any refusal. The command-line path (exit codes, output, the file-level errors) is in
 * production-start.test.ts.
 */

let db: TestDatabase;
let ds: DataSource;

const FILE = `organisations:
  - name: Polisen Nord
    kind: POLICE
    admin: { email: admin@nord.example }
  - name: Socialtjänsten Nord
    kind: SOCIAL_SERVICES
areas:
  - name: Norrby
    places:
      - { name: Torget, feltUnsafe: true }
partnerships:
  - name: Samverkan Norrby
    validFrom: 2025-01-01
    validTo: 2027-12-31
    organisations: [Polisen Nord, Socialtjänsten Nord]
    areas: [Norrby]
    commitments:
      - title: Trygghetsvandringar
        description: Två gånger om året.
        responsible: [Polisen Nord, Socialtjänsten Nord]
`;

/** FILE with a place flag, a commitment's text, a longer period and a third organisation changed. */
const UPDATED = FILE.replace(
  '{ name: Torget, feltUnsafe: true }',
  '{ name: Torget, feltUnsafe: true, cameraMonitored: true }',
)
  .replace('description: Två gånger om året.', 'description: Fyra gånger om året.')
  .replace('validTo: 2027-12-31', 'validTo: 2028-12-31')
  .replace('areas:\n  - name: Norrby', '  - name: Trygghet Nord\n    kind: SAFETY_FUNCTION\nareas:\n  - name: Norrby')
  .replace(
    'organisations: [Polisen Nord, Socialtjänsten Nord]',
    'organisations: [Polisen Nord, Socialtjänsten Nord, Trygghet Nord]',
  );

/** Plans and applies in one transaction, as the command does; rolls back on any error. */
async function provision(text: string, apply = true): Promise<ProvisioningPlan> {
  const file = parseProvisioningFile(text);
  return ds.transaction(async (manager) => {
    const plan = await planProvisioning(manager, file, 'test.yaml');
    if (apply) await plan.apply(new Map(plan.newAdmins.map((a) => [a.admin.email, 'ett-långt-lösenord-2026'])));
    return plan;
  });
}

async function refused(text: string): Promise<ProvisioningFileError> {
  try {
    await provision(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProvisioningFileError);
    return error as ProvisioningFileError;
  }
  throw new Error('expected provisioning to be refused');
}

async function digest(): Promise<string> {
  const [row] = await sql<{ d: string }>(
    db.url,
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(o::text, ',' ORDER BY o.id) FROM organisation o), (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM area a),
       (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM place p), (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM partnership p),
       (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM commitment c), (SELECT string_agg(u.id::text, ',' ORDER BY u.id) FROM app_user u),
       (SELECT count(*) FROM partnership_organisation), (SELECT count(*) FROM partnership_area), (SELECT count(*) FROM audit_event))) AS d`,
  );
  return row.d;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource({ url: db.url, asAppRole: true, poolSize: 2, applicationName: 'provisioning-test' });
  await ds.initialize();
  await provision(FILE);
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('provisioning against existing data', () => {
  it('the same file again plans nothing', async () => {
    const before = await digest();
    const plan = await provision(FILE);
    expect(plan.changes).toEqual([]);
    expect(await digest()).toBe(before);
  });

  it('plans and applies updates: a place flag, a commitment, a longer period, a new organisation in the partnership', async () => {
    const text = UPDATED;
    const plan = await provision(text);
    expect(plan.changes.map((c) => `${c.kind} ${c.text}`)).toEqual([
      '+ organisation "Trygghet Nord" (SAFETY_FUNCTION)',
      '~ place "Torget" in Norrby: (felt unsafe) → (felt unsafe, camera-monitored)',
      '~ partnership "Samverkan Norrby": 2025-01-01 – 2027-12-31 → 2025-01-01 – 2028-12-31',
      '+ partnership "Samverkan Norrby": organisation "Trygghet Nord"',
      // The commitment runs over the partnership's period, which grew.
      '~ commitment "Trygghetsvandringar" of "Samverkan Norrby": description, period',
    ]);
    expect(await sql(db.url, `SELECT camera_monitored FROM place WHERE name = 'Torget'`)).toEqual([
      { camera_monitored: true },
    ]);
    expect(await sql(db.url, `SELECT valid_to::text FROM partnership WHERE name = 'Samverkan Norrby'`)).toEqual([
      { valid_to: '2028-12-31' },
    ]);
    expect((await provision(text)).changes).toEqual([]);
  });

  it('refuses what only the database reveals, with path and line, and writes nothing', async () => {
    const before = await digest();
    // An organisation of another kind, an email of another organisation's user, and an area already
    // shared by the same two organisations in a partnership this file does not describe.
    await sql(db.url, `INSERT INTO organisation (name, kind) VALUES ('Skolan Nord', 'PARTNER')`);
    const after = await digest();
    const text = `organisations:
  - name: Skolan Nord
    kind: SOCIAL_SERVICES
  - name: Polisen Nord
    kind: POLICE
  - name: Socialtjänsten Nord
    kind: SOCIAL_SERVICES
    admin: { email: admin@nord.example }
areas:
  - name: Norrby
partnerships:
  - name: Andra samverkan Norrby
    validFrom: 2029-01-01
    validTo: 2030-12-31
    organisations: [Socialtjänsten Nord, Polisen Nord]
    areas: [Norrby]
`;
    const error = await refused(text);
    expect(error.problems).toEqual([
      {
        path: 'organisations[0].kind',
        line: 3,
        message: 'organisation "Skolan Nord" exists with kind PARTNER; a kind never changes',
      },
      {
        path: 'partnerships[0].areas[0]',
        line: 16,
        message: 'area "Norrby" is already in partnership "Samverkan Norrby" of the same organisations',
      },
      {
        path: 'organisations[2].admin.email',
        line: 8,
        message: 'admin@nord.example is already a user of another organisation',
      },
    ]);
    expect(await digest()).toBe(after);
    expect(after).not.toBe(before);
  });

  it('a failure while applying rolls back everything planned before it', async () => {
    const before = await digest();
    const text = UPDATED.replace('  - name: Norrby', '  - name: Österby\n  - name: Norrby').replace(
      'admin: { email: admin@nord.example }',
      'admin: { email: ny-admin@nord.example }',
    );
    const file = parseProvisioningFile(text);
    await expect(
      ds.transaction(async (manager) => {
        const plan = await planProvisioning(manager, file, 'test.yaml');
        expect(plan.changes.map((c) => c.text)).toEqual([
          'area "Österby"',
          'administrator ny-admin@nord.example of "Polisen Nord"',
        ]);
        await plan.apply(new Map()); // no password for the new administrator: fails after the area was written
      }),
    ).rejects.toThrow(/no password for the new administrator/);
    expect(await digest()).toBe(before);
    expect(await sql(db.url, `SELECT 1 FROM area WHERE name = 'Österby'`)).toEqual([]);
  });
});
