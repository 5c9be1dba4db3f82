import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import { ErrorCode, InputReason } from '../shared/errors';

/**
 * Text no field of this API has a use for, refused at the edge for every operation: C0 control
 * characters other than tab, line feed and carriage return, DEL, and unpaired UTF-16 surrogates.
 * PostgreSQL cannot store NUL (the driver's error became INTERNAL_SERVER_ERROR), an unpaired
 * surrogate would be stored silently as U+FFFD (not what was sent), and escape sequences in names
 * end up in CSV exports and terminals.
 */
const FORBIDDEN_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MESSAGE = 'contains a control character or invalid Unicode';

/** The first string inside `value` (keys included) with forbidden text, as a path; null when none. */
export function forbiddenTextPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return FORBIDDEN_TEXT.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenTextPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (FORBIDDEN_TEXT.test(key)) return `${path}.<key>`;
      const found = forbiddenTextPath(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** String literals in the document (escapes such as "\u0000" pass the lexer). Runs once per document. */
export const forbiddenTextRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (FORBIDDEN_TEXT.test(node.value)) context.reportError(new GraphQLError(`A string ${MESSAGE}`, { nodes: node }));
  },
});

/** Variables' values, once per request, before anything executes: BAD_USER_INPUT naming the variable. */
export function inputGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const path = forbiddenTextPath(value, `$${name}`);
            if (path) {
              throw new GraphQLError(`${path} ${MESSAGE}`, {
                extensions: {
                  code: ErrorCode.BAD_USER_INPUT,
                  reason: InputReason.UNUSABLE_CHARACTERS,
                  http: { status: 400 },
                },
              });
            }
          }
        },
      };
    },
  };
}
