import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/modules/identity/password';
import {
  parseProvisioningFile,
  ProvisioningFileError,
  type ProvisioningProblem,
} from '../../src/modules/provisioning/provisioning.file';
import { passwordsFor } from '../../src/modules/provisioning/provisioning.service';

const EXAMPLE = path.join(__dirname, '..', '..', 'docs', 'provisioning-danderyd.example.yaml');

function problemsOf(text: string): ProvisioningProblem[] {
  try {
    parseProvisioningFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProvisioningFileError);
    return [...(error as ProvisioningFileError).problems];
  }
  throw new Error('expected the file to be refused');
}

const BASE = `organisations:
  - name: Polisen
    kind: POLICE
  - name: Socialtjänsten
    kind: SOCIAL_SERVICES
areas:
  - name: Danderyd
partnerships:
  - name: P1
    validFrom: 2023-01-01
    validTo: 2026-12-31
    organisations: [Polisen, Socialtjänsten]
    areas: [Danderyd]
`;

describe('provisioning file', () => {
  it('reads the shipped Danderyd example: three organisations, one area with five places, six commitments', () => {
    const { spec } = parseProvisioningFile(fs.readFileSync(EXAMPLE, 'utf8'));
    expect(spec.organisations.map((o) => [o.kind, o.admin?.email])).toEqual([
      ['POLICE', 'admin@polisen.example'],
      ['SOCIAL_SERVICES', 'admin@danderyd.example'],
      ['SAFETY_FUNCTION', 'admin.trygghet@danderyd.example'],
    ]);
    expect(spec.areas.map((a) => [a.name, a.places.length])).toEqual([['Danderyd', 5]]);
    const [p] = spec.partnerships;
    expect([p.validFrom, p.validTo, p.areas]).toEqual(['2023-01-01', '2026-12-31', ['Danderyd']]);
    expect(p.commitments).toHaveLength(6);
    // A commitment without its own period runs over the partnership's.
    expect(
      p.commitments.every(
        (c) => c.periodStart === '2023-01-01' && c.periodEnd === '2026-12-31' && c.status === 'ACTIVE',
      ),
    ).toBe(true);
  });

  it('a minimal valid file parses', () => {
    expect(parseProvisioningFile(BASE).spec.partnerships[0].organisations).toEqual(['Polisen', 'Socialtjänsten']);
  });

  it('an unknown kind: path and line', () => {
    expect(problemsOf(BASE.replace('kind: SOCIAL_SERVICES', 'kind: HOSPITAL'))).toEqual([
      {
        path: 'organisations[1].kind',
        line: 5,
        message: expect.stringMatching(/unknown organisation kind "HOSPITAL"/),
      },
    ]);
  });

  it('a duplicate name: path and line of the second, naming the first', () => {
    const text = BASE.replace('  - name: Socialtjänsten', '  - name: Polisen');
    expect(problemsOf(text)).toContainEqual({
      path: 'organisations[1].name',
      line: 4,
      message: 'duplicate organisation "Polisen" (first at organisations[0])',
    });
  });

  it('an area in two partnerships of the same organisation pair', () => {
    const text = `${BASE}  - name: P2
    validFrom: 2024-01-01
    validTo: 2024-12-31
    organisations: [Socialtjänsten, Polisen]
    areas: [Danderyd]
`;
    expect(problemsOf(text)).toEqual([
      {
        path: 'partnerships[1].areas[0]',
        line: 18,
        message:
          'area "Danderyd" is already in partnership "P1" of the same organisations "Socialtjänsten" and "Polisen"',
      },
    ]);
  });

  it('a commitment whose responsible organisation is not a partner', () => {
    const text =
      BASE.replace('  - name: Danderyd\n', '  - name: Danderyd\n').replace(
        'organisations:\n  - name: Polisen',
        'organisations:\n  - name: Skolan\n    kind: PARTNER\n  - name: Polisen',
      ) +
      `    commitments:
      - title: Skolprogram
        responsible: [Skolan]
`;
    expect(problemsOf(text)).toEqual([
      {
        path: 'partnerships[0].commitments[0].responsible[0]',
        line: 18,
        message: '"Skolan" is not an organisation of this partnership',
      },
    ]);
  });

  it('a malformed date', () => {
    expect(problemsOf(BASE.replace('validTo: 2026-12-31', 'validTo: 2026-02-30'))).toEqual([
      { path: 'partnerships[0].validTo', line: 11, message: 'must be a date YYYY-MM-DD, not "2026-02-30"' },
    ]);
  });

  it('a YAML syntax error: its line, nothing else checked', () => {
    const problems = problemsOf(BASE.replace('    kind: POLICE', '    kind: [POLICE'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^YAML syntax error/);
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports every problem at once, with unknown references and a password in the file', () => {
    const text = BASE.replace(
      'kind: POLICE',
      'kind: POLICE\n    admin: { email: a@b.example, password: secret-in-file }',
    ).replace('areas: [Danderyd]', 'areas: [Täby]');
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(['organisations[0].admin.password', 'partnerships[0].areas[0]']);
    expect(problems.every((p) => p.line !== null)).toBe(true);
  });
});

describe('passwords of new administrators', () => {
  const admins = [
    { admin: { email: 'a@x.example', displayName: 'A' } },
    { admin: { email: 'b@x.example', displayName: 'B' } },
  ];

  it('a given password is used; a missing one is generated once, random and acceptable', () => {
    const first = passwordsFor(admins, new Map([['a@x.example', 'ett-långt-lösenord-2026']]));
    expect(first.passwords.get('a@x.example')).toBe('ett-långt-lösenord-2026');
    expect([...first.generated.keys()]).toEqual(['b@x.example']);
    const generated = first.generated.get('b@x.example')!;
    expect(first.passwords.get('b@x.example')).toBe(generated);
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(passwordProblem(generated)).toBeNull();
    expect(passwordsFor(admins, new Map()).generated.get('b@x.example')).not.toBe(generated);
  });

  it('a given password that breaks the rules is refused without quoting it', () => {
    expect(() => passwordsFor(admins, new Map([['a@x.example', 'kort']]))).toThrow(
      /^the password given for a@x\.example must be at least 12 characters$/,
    );
  });
});
