import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/graphql/errors';
import { DateRuleReason, dateRuleError } from '../../src/shared/date-rules';
import { AppError, badInput, ErrorCode, InputReason } from '../../src/shared/errors';
import { IdentityNumberReason, refuseIdentityNumber } from '../../src/shared/identity-number';

/**
 * Business-rule errors carry a stable `extensions.reason` from a declared enum: each module's
 * `src/modules/<m>/<m>.reasons.ts`, and the shared InputReason (shape checks), DateRuleReason and
 * IdentityNumberReason. (That `badInput` takes nothing else is the compiler's job: its reason parameter is
 * the union of the enums registered in `InputReasons`.)
 */

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const reasonFiles = filesUnder(path.join(src, 'modules')).filter((f) => f.endsWith('.reasons.ts'));

/** Every enum a reasons file exports, by module (the folder under src/modules). */
async function moduleEnums(): Promise<{ module: string; name: string; values: Record<string, string> }[]> {
  const out: { module: string; name: string; values: Record<string, string> }[] = [];
  for (const file of reasonFiles) {
    const exported = (await import(file)) as Record<string, unknown>;
    const module = path.relative(path.join(src, 'modules'), file).split(path.sep)[0];
    for (const [name, value] of Object.entries(exported)) {
      if (value && typeof value === 'object') out.push({ module, name, values: value as Record<string, string> });
    }
  }
  return out;
}

const sharedEnums: [string, Record<string, string>][] = [
  ['InputReason', InputReason],
  ['DateRuleReason', DateRuleReason],
  ['IdentityNumberReason', IdentityNumberReason],
];

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const sources = filesUnder(src).map((f) => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

describe('reason codes', () => {
  it('every module with its own input rules declares them in <module>.reasons.ts', async () => {
    const modules = new Set((await moduleEnums()).map((e) => e.module));
    expect([...modules].sort()).toEqual([
      'cameras',
      'cases',
      'idempotency',
      'identity',
      'indicators',
      'meetings',
      'prevention',
      'records',
      'reports',
      'training',
    ]);
    for (const file of reasonFiles) {
      expect(fs.readFileSync(file, 'utf8'), `${file} registers its enum with badInput`).toMatch(
        /interface InputReasons \{/,
      );
    }
  });

  it('each value is UPPER_SNAKE, equals its name and is unique within its module; none reuses a shared reason', async () => {
    const shared = new Set(sharedEnums.flatMap(([, e]) => Object.values(e)));
    const byModule = new Map<string, string[]>();
    for (const { module, name, values } of await moduleEnums()) {
      for (const [key, value] of Object.entries(values)) {
        expect(value, `${name}.${key}`).toBe(key);
        expect(value, `${name}.${key}`).toMatch(UPPER_SNAKE);
        expect(shared.has(value), `${name}.${key} has the meaning of a shared reason`).toBe(false);
        byModule.set(module, [...(byModule.get(module) ?? []), value]);
      }
    }
    for (const [module, values] of byModule) expect(new Set(values).size, module).toBe(values.length);
    for (const [name, values] of sharedEnums) {
      for (const [key, value] of Object.entries(values)) {
        expect(value, `${name}.${key}`).toBe(key);
        expect(value, `${name}.${key}`).toMatch(UPPER_SNAKE);
      }
    }
    const all = sharedEnums.flatMap(([, e]) => Object.values(e));
    expect(new Set(all).size).toBe(all.length);
  });

  it('every declared module reason is used in src (no reason is documented that cannot occur)', async () => {
    const code = sources.filter((s) => !s.file.endsWith('.reasons.ts')).map((s) => s.text);
    for (const { name, values } of await moduleEnums()) {
      for (const key of Object.keys(values)) {
        expect(
          code.some((text) => text.includes(`${name}.${key}`)),
          `${name}.${key} is never thrown`,
        ).toBe(true);
      }
    }
  });

  it('BAD_USER_INPUT is made only by badInput', () => {
    const direct = sources.filter(
      (s) =>
        s.file !== path.join('src', 'shared', 'errors.ts') && /new AppError\(\s*ErrorCode\.BAD_USER_INPUT/.test(s.text),
    );
    expect(direct.map((s) => s.file)).toEqual([]);
  });
});

describe('the error path keeps the reason', () => {
  const formatted = { message: 'ignored' };

  it('a module rule: code, field, reason and the message for people', () => {
    const error = badInput('id', InputReason.INVALID_ID, 'must be an id');
    expect(error).toBeInstanceOf(AppError);
    expect(formatError(formatted, error)).toMatchObject({
      message: 'id: must be an id',
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'id', reason: 'INVALID_ID' },
    });
  });

  it('the shared date and identity-number rules', () => {
    expect(formatError(formatted, dateRuleError('dueOn', DateRuleReason.DUE_BEFORE_CREATION)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'dueOn',
      reason: 'DUE_BEFORE_CREATION',
    });
    let thrown: unknown;
    try {
      refuseIdentityNumber('notes', 'Kontakt 811218-9876');
    } catch (e) {
      thrown = e;
    }
    expect(formatError(formatted, thrown).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'notes',
      reason: 'IDENTITY_NUMBER_IN_SHARED_TEXT',
    });
  });

  it("the input types' decorators: ARGUMENT_CONSTRAINT with the fields", () => {
    const error = new ArgumentValidationError([
      { property: 'title', constraints: { maxLength: 'title must be shorter' }, children: [] },
    ]);
    expect(formatError(formatted, error).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['title'],
      reason: 'ARGUMENT_CONSTRAINT',
    });
  });

  it("the GraphQL layer's own BAD_USER_INPUT: its reason, else INVALID_VARIABLE", () => {
    const coerced = new GraphQLError('Variable "$first" got invalid value "x"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(formatError({ message: coerced.message }, coerced).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLE',
    });
    const guarded = new GraphQLError('$title must not contain control characters', {
      extensions: { code: 'BAD_USER_INPUT', reason: InputReason.UNUSABLE_CHARACTERS },
    });
    expect(formatError({ message: guarded.message }, guarded).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UNUSABLE_CHARACTERS',
    });
  });

  it('other codes carry no reason unless the rule names one', () => {
    expect(formatError(formatted, new AppError(ErrorCode.NOT_FOUND, 'Case not found')).extensions).toEqual({
      code: 'NOT_FOUND',
    });
  });
});
