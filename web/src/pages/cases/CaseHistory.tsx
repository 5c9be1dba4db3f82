import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/dates';
import type { CaseData } from './case-document';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case's timeline, newest first: who, when, what. Free text is only "changed". */
export function CaseHistory(props: { c: CaseData; names: Map<string, string>; people: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const { c, names, people } = props;
  const entries = [...c.history].reverse();
  const label = (prefix: string, key: string): string =>
    i18n.exists(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key;
  // Ids become the names the caller knows, enum values their labels; an unknown id is left out.
  const value = (v: string | null | undefined): string => {
    if (v === null || v === undefined || v === '') return '';
    const known = people.get(v) ?? names.get(v);
    if (known) return known;
    // A legal basis is recorded as KIND:GROUND or KIND:SCOPE.
    const [kind, detail] = v.split(':');
    if (kind === 'STATUTORY' && i18n.exists(`caseEnums.StatutoryGround.${detail}`))
      return t(`caseEnums.StatutoryGround.${detail}`);
    if (kind === 'CONSENT' && i18n.exists(`caseEnums.ConsentScope.${detail}`))
      return `${t('cases.consent')}: ${t(`caseEnums.ConsentScope.${detail}`)}`;
    for (const e of ['CaseRiskLevel', 'CaseStatus', 'CaseTaskStatus', 'RiskAssessmentMethod', 'BreakGlassReason'])
      if (i18n.exists(`caseEnums.${e}.${v}`)) return t(`caseEnums.${e}.${v}`);
    return UUID.test(v) ? '' : v;
  };
  const change = (from: string | null | undefined, to: string | null | undefined): string => {
    const a = value(from);
    const b = value(to);
    if (a && b) return `: ${a} → ${b}`;
    return b ? `: ${b}` : '';
  };
  return (
    <section id="history" className="panel" aria-labelledby="history-h">
      <h2 id="history-h">{t('cases.section.history')}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t('cases.noHistory')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((h) => (
            <li key={h.id}>
              <span className="tl-when">{formatDateTime(h.occurredAt)}</span>{' '}
              <span className="tl-who">
                {people.get(h.actorUserId) ?? names.get(h.actorOrganisationId) ?? t('cases.otherOrganisation')}
              </span>
              {': '}
              <span className="tl-what">
                {label('cases.historyAction', h.action)} {label('cases.historyEntity', h.entityType).toLowerCase()}
                {h.field && ` (${label('cases.historyField', h.field)})`}
                {change(h.oldValue, h.newValue)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
