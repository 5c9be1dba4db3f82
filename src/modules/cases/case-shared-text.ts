import { CaseContentAudience } from '../../access/case-content';
import { refuseIdentityNumbers } from '../../shared/identity-number';

/**
 * Case content with audience SHARED is read by partner organisations: its free text must hold no
 * personal identity or coordination number (src/shared/identity-number.ts). Content for the own
 * organisation only may (a social-services note may need one).
 */
export function refuseInSharedText(
  audience: CaseContentAudience,
  fields: Readonly<Record<string, string | null | undefined>>,
): void {
  if (audience === CaseContentAudience.SHARED) refuseIdentityNumbers(fields);
}
