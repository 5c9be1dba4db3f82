import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEventRowFragment } from '../../gql/graphql';
import { formatDateTime } from '../../ui/dates';

/** Audit events as an auditor reads them: when, who (name and organisation), what, on which records. */
export function AuditEventTable({ events, caption }: { events: readonly AuditEventRowFragment[]; caption: string }) {
  const { t, i18n } = useTranslation();
  // `break-glass:<id>[:REASON]` and `legal-basis:<id>:KIND:DETAIL`, in words; anything else as written.
  const purposeText = (purpose: string): string =>
    purpose
      .split(' ')
      .map((part) => {
        const [kind, id, a, b] = part.split(':');
        if (kind === 'break-glass')
          return [t('auditLog.purposeBreakGlass', { id: (id ?? '').slice(0, 8) }), a && label('BreakGlassReason', a)]
            .filter(Boolean)
            .join(', ');
        if (kind === 'legal-basis' && a === 'STATUTORY') return label('StatutoryGround', b);
        if (kind === 'legal-basis' && a === 'CONSENT') return `${t('cases.consent')}: ${label('ConsentScope', b)}`;
        return part;
      })
      .join('; ');
  const label = (type: string, value: string | undefined): string =>
    value && i18n.exists(`caseEnums.${type}.${value}`) ? t(`caseEnums.${type}.${value}`) : (value ?? '');
  const entity = (type: string | null | undefined) =>
    type ? (i18n.exists(`auditLog.entityTypes.${type}`) ? t(`auditLog.entityTypes.${type}`) : type) : '–';
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auditLog.when')}</th>
            <th scope="col">{t('auditLog.who')}</th>
            <th scope="col">{t('auditLog.action')}</th>
            <th scope="col">{t('auditLog.outcome')}</th>
            <th scope="col">{t('auditLog.records')}</th>
            <th scope="col">{t('auditLog.purpose')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-event-id={e.id}>
              <th scope="row" className="nowrap">
                {formatDateTime(e.occurredAt)}
              </th>
              <td>
                {e.actor ? (
                  <>
                    <Link to={`/loggkontroll?person=${e.actor.id}`}>
                      {e.actor.displayName ?? t('auditLog.otherOrganisationUser')}
                    </Link>
                    <br />
                    <span className="hint">{e.actor.organisation?.name ?? '–'}</span>
                  </>
                ) : (
                  <span className="hint">{t('auditLog.anonymous')}</span>
                )}
              </td>
              <td>
                {t(`caseEnums.AuditAction.${e.action}`)}
                {e.operationName && <span className="hint op">{e.operationName}</span>}
              </td>
              <td>
                <span className={`badge outcome-${e.outcome.toLowerCase()}`}>
                  {t(`caseEnums.AuditOutcome.${e.outcome}`)}
                </span>
                {e.errorCode && <span className="hint op">{e.errorCode}</span>}
              </td>
              <td>
                {entity(e.entityType)}
                {e.entityType && e.entityIds.length > 0 && (
                  <ul className="plain ids">
                    {e.entityIds.slice(0, 3).map((id) => (
                      <li key={id}>
                        <Link
                          to={`/loggkontroll/spar?typ=${encodeURIComponent(e.entityType ?? '')}&id=${id}`}
                          aria-label={t('auditLog.trailOf', { type: entity(e.entityType), id: id.slice(0, 8) })}
                        >
                          {id.slice(0, 8)}
                        </Link>
                      </li>
                    ))}
                    {e.entityIds.length > 3 && (
                      <li className="hint">{t('auditLog.more', { count: e.entityIds.length - 3 })}</li>
                    )}
                  </ul>
                )}
              </td>
              <td className="purpose">{e.purpose ? purposeText(e.purpose) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
