import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';

// The texts of Ärenden, break-the-glass and Loggkontroll (web/src/i18n/cases.*.json), checked like
// console-i18n.test.ts checks sv.json and en.json.
const root = path.resolve(__dirname, '../..');
const read = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const sv = read('web/src/i18n/cases.sv.json');
const en = read('web/src/i18n/cases.en.json');
const base = read('web/src/i18n/sv.json');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('console texts of cases and log review', () => {
  it('Swedish and English have the same keys, none empty, and no top-level key of the shared files', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const k of keys(sv))
      expect(
        k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], sv),
        k,
      ).not.toBe('');
    // The files are merged over sv.json/en.json at the top level: a shared key would replace theirs.
    for (const k of Object.keys(sv)) expect(Object.keys(base), k).not.toContain(k);
  });

  it('every value of each enum the pages show has a label, and every label names a value of the schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
    const labelled = sv.caseEnums as Record<string, Record<string, string>>;
    expect(Object.keys(labelled).length).toBeGreaterThanOrEqual(10);
    for (const [name, labels] of Object.entries(labelled)) {
      const type = schema.getType(name);
      expect(type && isEnumType(type), name).toBe(true);
      if (!type || !isEnumType(type)) continue;
      expect(Object.keys(labels).sort(), name).toEqual(
        type
          .getValues()
          .map((v) => v.name)
          .sort(),
      );
    }
  });
});
