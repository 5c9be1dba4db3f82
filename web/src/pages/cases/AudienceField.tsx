import { useTranslation } from 'react-i18next';
import type { CaseContentAudience } from '../../gql/graphql';
import { SelectField } from '../../ui/fields';
import { AUDIENCES } from './enums';

/** Who may read an item: the own organisation only, or also the partners the case is shared with. */
export function AudienceField(props: { value: CaseContentAudience; onChange: (v: CaseContentAudience) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('cases.audience')}
      name="audience"
      value={props.value}
      onChange={(v) => props.onChange(v as CaseContentAudience)}
      description={t('cases.audienceHint')}
    >
      {AUDIENCES.map((a) => (
        <option key={a} value={a}>
          {t(`caseEnums.CaseContentAudience.${a}`)}
        </option>
      ))}
    </SelectField>
  );
}
