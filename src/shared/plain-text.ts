import { ValidateBy } from 'class-validator';

/**
 * Zero-width and text-direction characters: U+200B–U+200F (zero-width space, non-joiner, joiner,
 * left-to-right and right-to-left marks), U+202A–U+202E (embeddings and overrides), U+2066–U+2069
 * (isolates) and U+FEFF (zero-width no-break space). In a name or title they make two different
 * records look the same, or a name read differently from what it is ("Trojan Source").
 */
export const INVISIBLE_FORMATTING = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

export const INVISIBLE_FORMATTING_MESSAGE =
  'must not contain zero-width or text-direction characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)';

/** For names and titles of input types: refuses the characters above (BAD_USER_INPUT naming the field). */
export function NoInvisibleFormatting(): PropertyDecorator {
  return ValidateBy({
    name: 'noInvisibleFormatting',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !INVISIBLE_FORMATTING.test(value),
      defaultMessage: (args) => `${args?.property ?? 'value'} ${INVISIBLE_FORMATTING_MESSAGE}`,
    },
  });
}
