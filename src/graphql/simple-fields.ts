import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Plain data fields resolve with graphql-js's default resolver (`source[fieldName]`) instead of
 * type-graphql's wrapper, which made an object and a middleware dispatch for every field of every
 * returned record (issue #26's profile). A field keeps type-graphql's resolver when it has a
 * `@FieldResolver`, middlewares or roles, or a property name other than its schema name: only a field
 * whose wrapper did nothing but read `source[name]` is changed. This is what type-graphql's own
 * `simpleResolvers` option does, applied to every object type at once. The schema is unchanged.
 */
export function useDefaultResolversForPlainFields(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  // The fields with a @FieldResolver, by the class they belong to.
  const resolved = new Map<Function, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    if (target === undefined) continue;
    const names = resolved.get(target) ?? new Set<string>();
    names.add(r.methodName);
    resolved.set(target, names);
  }
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || type === schema.getQueryType() || type === schema.getMutationType()) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      const graphqlField = fields[field.schemaName];
      if (
        graphqlField === undefined ||
        field.name !== field.schemaName ||
        (field.middlewares?.length ?? 0) > 0 ||
        (field.roles?.length ?? 0) > 0 ||
        resolved.get(objectType.target)?.has(field.name) === true
      )
        continue;
      graphqlField.resolve = undefined;
    }
  }
  return schema;
}
