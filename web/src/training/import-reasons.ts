import type { TFunction } from 'i18next';

/**
 * The API explains a rejected CSV line in English (`ImportRejection.reason`, several reasons joined
 * by "; "). People read it in Swedish: each known reason has a text in training.import.reasons;
 * one the console does not know is shown as the server wrote it.
 */
const PATTERNS: [RegExp, string][] = [
  [/^has (\d+) fields, the header (\d+)$/, 'fields'],
  [/^(\w+) must be 1 to 200 characters$/, 'length'],
  [/^(\w+) must not contain zero-width or text-direction characters/, 'invisible'],
  [/^a staff member of this name is already registered in the unit$/, 'exists'],
  [/^the same name and unit appear earlier in the file$/, 'duplicate'],
  [/^user_email is not a login of this organisation$/, 'noLogin'],
  [/^user_email is already linked to a staff member$/, 'loginLinked'],
  [/^user_email appears earlier in the file$/, 'loginDuplicate'],
  [/^no staff member of this name in this unit of the register$/, 'noStaff'],
  [/^several staff members have this name in this unit$/, 'ambiguous'],
  [/^unknown course_code$/, 'unknownCourse'],
  [/^completed_on must be a date YYYY-MM-DD$/, 'date'],
  [/^completed_on is in the future$/, 'future'],
  [/^this completion is already recorded/, 'recorded'],
  [/^unterminated quoted field$/, 'quote'],
];

export function explainRejection(reason: string, t: TFunction): string {
  return reason
    .split('; ')
    .map((part) => {
      for (const [pattern, key] of PATTERNS) {
        const m = pattern.exec(part);
        if (m) return t(`training.import.reasons.${key}`, { a: m[1], b: m[2] });
      }
      return part;
    })
    .join(' ');
}
