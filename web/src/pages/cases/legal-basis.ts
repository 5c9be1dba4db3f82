import type { TFunction } from 'i18next';
import type { ConsentScope, LegalBasisKind, StatutoryGround } from '../../gql/graphql';

/** A legal basis in one line: the statutory ground, or the consent and its scope. */
export function legalBasisText(
  t: TFunction,
  basis: { kind: LegalBasisKind; statutoryGround?: StatutoryGround | null; consentScope?: ConsentScope | null },
): string {
  if (basis.kind === 'STATUTORY' && basis.statutoryGround)
    return t(`caseEnums.StatutoryGround.${basis.statutoryGround}`);
  if (basis.kind === 'CONSENT' && basis.consentScope)
    return `${t('cases.consent')}: ${t(`caseEnums.ConsentScope.${basis.consentScope}`)}`;
  return t(`caseEnums.LegalBasisKind.${basis.kind}`);
}
