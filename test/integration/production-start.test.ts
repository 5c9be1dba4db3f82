import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminQuery, dropDatabase, scratchName, withDatabase } from '../../src/db/database';
import { sql } from '../helpers/database';
import { PRODUCTION_TEST_SECRETS } from '../helpers/test-server';
import { totpCode } from '../../src/modules/identity/second-factor/totp';

/**
 * A municipality's first production start, exactly as docs/provisioning.md describes it: a fresh
 * database, `migrate`, `provision` of the shipped example file, `npm start`'s server with
 * NODE_ENV=production, and the provisioned administrator logging in. The commands are the built
 * ones the production image runs (`node dist/src/cli/…`), so the build runs first.
 */

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = 'docs/provisioning-danderyd.example.yaml';
const ADMIN = 'admin@danderyd.example';
const PASSWORDS = `admin@polisen.example polis-admin-lösenord-2026\n${ADMIN} danderyd-admin-lösenord-2026\nadmin.trygghet@danderyd.example trygghet-admin-lösenord-2026\n`;

let database: string;
let url: string;
let server: ChildProcess | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-provision-'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[], input = ''): Run {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', script), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...PRODUCTION_TEST_SECRETS, NODE_ENV: 'production', DATABASE_URL: url, LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Rows of the tables provisioning writes, audit events included: "nothing written" means all equal. */
async function counts(): Promise<Record<string, number>> {
  const tables = [
    'organisation',
    'area',
    'place',
    'partnership',
    'partnership_organisation',
    'partnership_area',
    'commitment',
    'app_user',
    'user_role',
    'audit_event',
  ];
  const rows = await sql<{ t: string; n: number }>(
    url,
    tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

function writeFile(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

const example = fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8');

beforeAll(async () => {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  const adminUrl = inject('adminUrl');
  database = scratchName('samverkan_prod');
  await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
  url = withDatabase(adminUrl, database);
}, 320_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  if (database) await dropDatabase(inject('adminUrl'), database);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('first production start: migrate, provision, start', () => {
  it('migrate: every migration on the empty database; the seven indicators are there without any seed', async () => {
    const run = cli('migrate.js', []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Applied \d+ migration/);
    const indicators = await sql<{ code: string; threshold: number }>(
      url,
      `SELECT d.code, v.threshold FROM indicator_definition d JOIN indicator_rule_version v ON v.indicator_code = d.code ORDER BY d.code`,
    );
    expect(indicators.map((i) => i.code)).toEqual([
      'POL_CLOSE_RELATIONSHIP_OFFENCES',
      'POL_RESTRAINING_ORDERS',
      'POL_RISK_ASSESSMENTS',
      'SOC_CHILD_CONCERN_REPORTS',
      'SOC_FREDA_DISCLOSED',
      'SOC_FREDA_SCREENINGS',
      'SOC_PROTECTED_HOUSING',
    ]);
    expect(indicators.every((i) => i.threshold === 5)).toBe(true);
    expect(await sql(url, `SELECT 1 FROM organisation`)).toEqual([]);
  }, 120_000);

  it.each([
    [
      'an unknown kind',
      example.replace('kind: SAFETY_FUNCTION', 'kind: SECURITY'),
      'organisations[2].kind',
      /unknown organisation kind "SECURITY"/,
      'kind: SECURITY',
    ],
    [
      'a duplicate name',
      example.replace(
        '  - name: Danderyds kommun socialtjänst\n    kind',
        '  - name: Polisen LPO Södra Roslagen\n    kind',
      ),
      'organisations[1].name',
      /duplicate organisation/,
      'name: Polisen LPO Södra Roslagen',
    ],
    [
      'an area in two partnerships of the same organisation pair',
      `${example}  - name: Medborgarlöften Danderyd 2027–2030\n    validFrom: 2027-01-01\n    validTo: 2030-12-31\n    organisations: [Polisen LPO Södra Roslagen, Danderyds kommun socialtjänst]\n    areas: [Danderyd]\n`,
      'partnerships[1].areas[0]',
      /already in partnership "Medborgarlöften Danderyd 2023–2026"/,
      'areas: [Danderyd]',
    ],
    [
      'a commitment whose responsible organisation is not a partner',
      example
        .replace(
          'responsible: [Danderyds kommun socialtjänst]',
          'responsible: [Danderyds kommun socialtjänst, Region Stockholm]',
        )
        .replace(
          'organisations:\n  - name: Polisen',
          'organisations:\n  - name: Region Stockholm\n    kind: PARTNER\n  - name: Polisen',
        ),
      'partnerships[0].commitments[3].responsible[1]',
      /"Region Stockholm" is not an organisation of this partnership/,
      'Region Stockholm]',
    ],
    [
      'a malformed date',
      example.replace('validTo: 2026-12-31', 'validTo: 31/12/2026'),
      'partnerships[0].validTo',
      /must be a date YYYY-MM-DD/,
      'validTo: 31/12/2026',
    ],
    ['a YAML syntax error', example.replace('areas: [Danderyd]', 'areas: [Danderyd'), '', /YAML syntax error/, null],
  ])(
    'bad input, %s: the path and line, exit code 1, nothing written',
    async (_name, text, pathText, message, lineContains) => {
      const file = writeFile('bad.yaml', text);
      const before = await counts();
      const run = cli('provision.js', [file, '--password-stdin'], PASSWORDS);
      expect(run.status).toBe(1);
      const line = run.stderr.split('\n').find((l) => message.test(l));
      expect(line, run.stderr).toBeDefined();
      // file:line: path: message
      expect(line).toMatch(
        new RegExp(`^[^:]*bad\\.yaml:\\d+: ${pathText.replace(/[[\].]/g, '\\$&')}${pathText ? ': ' : ''}`),
      );
      const lineNumber = Number(/bad\.yaml:(\d+):/.exec(line!)![1]);
      expect(lineNumber).toBeGreaterThan(0);
      if (lineContains !== null)
        expect(text.split('\n')[lineNumber - 1], `line ${lineNumber} of the file`).toContain(lineContains);
      expect(run.stderr).toMatch(/nothing was written/);
      expect(await counts()).toEqual(before);
    },
    120_000,
  );

  it('--dry-run prints the plan and writes nothing', async () => {
    const before = await counts();
    const run = cli('provision.js', [EXAMPLE, '--dry-run']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('+ organisation "Danderyds kommun trygghet och säkerhet" (SAFETY_FUNCTION)');
    expect(run.stdout).toContain('+ partnership "Medborgarlöften Danderyd 2023–2026": area "Danderyd"');
    expect(run.stdout).toContain('+ administrator admin@danderyd.example of "Danderyds kommun socialtjänst"');
    expect(run.stdout).toMatch(/Dry run: \d+ change\(s\) planned .*nothing was written/);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('a password too short on standard input fails the whole run: nothing written', async () => {
    const before = await counts();
    const run = cli(
      'provision.js',
      [EXAMPLE, '--password-stdin'],
      PASSWORDS.replace('danderyd-admin-lösenord-2026', 'kort'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/password given for admin@danderyd\.example must be at least 12 characters/);
    expect(run.stderr).not.toContain('kort');
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('provision: everything in one run, audited as the system actor; a second run changes nothing and says so', async () => {
    const run = cli('provision.js', [EXAMPLE, '--password-stdin'], PASSWORDS);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Applied \d+ change\(s\) from docs\/provisioning-danderyd\.example\.yaml in one transaction/,
    );
    expect(run.stdout).not.toContain('lösenord');
    const after = await counts();
    expect(after).toMatchObject({
      organisation: 3,
      area: 1,
      place: 5,
      partnership: 1,
      partnership_organisation: 3,
      partnership_area: 1,
      commitment: 6,
      app_user: 3,
      user_role: 3,
    });
    const events = await sql<{
      actor_user_id: string | null;
      actor_roles: string[];
      action: string;
      entity_type: string;
      n: number;
    }>(
      url,
      `SELECT actor_user_id, actor_roles, action, entity_type, cardinality(entity_ids) AS n FROM audit_event ORDER BY entity_type`,
    );
    // One event per action, type and organisations concerned: each organisation and its administrator
    // apart, the partnership's records together.
    expect(events.map((e) => [e.entity_type, e.action, e.n])).toEqual([
      ['Area', 'CREATE', 1],
      ['Commitment', 'CREATE', 6],
      ['Organisation', 'CREATE', 1],
      ['Organisation', 'CREATE', 1],
      ['Organisation', 'CREATE', 1],
      ['Partnership', 'CREATE', 1],
      ['Place', 'CREATE', 5],
      ['User', 'CREATE', 1],
      ['User', 'CREATE', 1],
      ['User', 'CREATE', 1],
    ]);
    expect(events.every((e) => e.actor_user_id === null && e.actor_roles.join() === 'SYSTEM')).toBe(true);
    // No password and no hash of one outside app_user.
    expect(JSON.stringify(await sql(url, `SELECT * FROM audit_event`))).not.toMatch(/lösenord|argon2/);

    const again = cli('provision.js', [EXAMPLE, '--password-stdin'], PASSWORDS);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(
      'No changes: the database already matches docs/provisioning-danderyd.example.yaml.',
    );
    expect(await counts()).toEqual(after);
  }, 120_000);

  it('start with NODE_ENV=production; the provisioned admin logs in and sees the partnership, its areas and the seven indicators', async () => {
    const port = await freePort();
    server = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...PRODUCTION_TEST_SECRETS,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 120 || server.exitCode !== null) throw new Error(`the server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const gql = async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      token?: string,
    ): Promise<{ data?: T; errors?: unknown[] }> =>
      (await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json())) as { data?: T; errors?: unknown[] };

    const login = await gql<{ login: { token: string } }>(
      'mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      {
        e: ADMIN,
        p: 'danderyd-admin-lösenord-2026',
      },
    );
    // In production a local administrator enrols a second factor before the first session.
    const refusal = (login.errors as { extensions: { reason?: string; challenge?: string } }[])[0].extensions;
    expect(refusal.reason).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const enrol = await gql<{ enrolSecondFactor: { secret: string } }>(
      'mutation E($c: String) { enrolSecondFactor(challenge: $c) { secret } }',
      { c: refusal.challenge },
    );
    const confirmed = await gql<{ confirmSecondFactor: { session: { token: string } } }>(
      'mutation C($code: String!, $c: String) { confirmSecondFactor(code: $code, challenge: $c) { session { token } } }',
      { code: totpCode(enrol.data!.enrolSecondFactor.secret, Date.now()), c: refusal.challenge },
    );
    expect(confirmed.errors).toBeUndefined();
    const token = confirmed.data!.confirmSecondFactor.session.token;
    const res = await gql<{
      me: { roles: string[]; organisation: { name: string; kind: string } };
      partnerships: {
        id: string;
        name: string;
        validFrom: string;
        validTo: string;
        closedAt: string | null;
        areas: { name: string }[];
        organisations: { name: string; kind: string }[];
      }[];
      areas: { name: string }[];
      indicators: { code: string; threshold: number; roundingBase: number }[];
      places: { name: string; cameraMonitored: boolean }[];
    }>(
      `{ me { roles organisation { name kind } }
         partnerships { id name validFrom validTo closedAt areas { name } organisations { name kind } }
         areas { name } indicators { code threshold roundingBase } places { name cameraMonitored } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toEqual({
      roles: ['ADMIN'],
      organisation: { name: 'Danderyds kommun socialtjänst', kind: 'SOCIAL_SERVICES' },
    });
    expect(res.data!.partnerships).toEqual([
      {
        id: expect.any(String),
        name: 'Medborgarlöften Danderyd 2023–2026',
        validFrom: '2023-01-01',
        validTo: '2026-12-31',
        closedAt: null,
        areas: [{ name: 'Danderyd' }],
        organisations: [
          { name: 'Danderyds kommun socialtjänst', kind: 'SOCIAL_SERVICES' },
          { name: 'Danderyds kommun trygghet och säkerhet', kind: 'SAFETY_FUNCTION' },
          { name: 'Polisen LPO Södra Roslagen', kind: 'POLICE' },
        ],
      },
    ]);
    expect(res.data!.areas).toEqual([{ name: 'Danderyd' }]);
    expect(res.data!.indicators).toHaveLength(7);
    expect(res.data!.indicators.every((i) => i.threshold === 5 && i.roundingBase === 5)).toBe(true);
    expect(res.data!.places.find((p) => p.name === 'Vendevägen')).toEqual({
      name: 'Vendevägen',
      cameraMonitored: true,
    });
    // Production: the demo users do not exist.
    expect(await sql(url, `SELECT 1 FROM app_user WHERE email = 'socialsekreterare@danderyd.example'`)).toEqual([]);
  }, 120_000);
});
