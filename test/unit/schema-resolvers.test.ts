import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../src/graphql/schema';

/**
 * How the built schema resolves: every root field goes through the policy gate, a field with a
 * @FieldResolver through its method, and a plain data field through graphql-js's default resolver
 * (no per-field wrapper: issue #26).
 */
describe('the schema resolvers', () => {
  it('plain data fields use the default resolver; field resolvers and root fields keep theirs', async () => {
    const schema = await buildAppSchema();
    const activity = schema.getType('PreventionActivity');
    if (!isObjectType(activity)) throw new Error('PreventionActivity is not an object type');
    const fields = activity.getFields();
    for (const plain of ['id', 'title', 'type', 'status', 'startsAt']) expect(fields[plain].resolve).toBeUndefined();
    for (const related of ['owner', 'area', 'place', 'commitment'])
      expect(fields[related].resolve).toBeTypeOf('function');
    for (const root of [schema.getQueryType()!, schema.getMutationType()!])
      for (const field of Object.values(root.getFields())) expect(field.resolve, field.name).toBeTypeOf('function');
    // Most fields of the schema are plain data.
    let plain = 0;
    let total = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        total++;
        if (field.resolve === undefined) plain++;
      }
    }
    expect(plain).toBeGreaterThan(total / 2);
  });
});
