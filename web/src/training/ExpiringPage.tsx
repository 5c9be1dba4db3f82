import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { formatDate } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/page-title';
import { CertificateBadge } from './shared';

const Expiring = graphql(`
  query ExpiringCertificates($withinDays: Int!) {
    expiringCertificates(withinDays: $withinDays) {
      expiresOn
      daysLeft
      completedOn
      status
      course {
        id
        title
      }
      staffMember {
        id
        name
        unit
      }
    }
  }
`);

/** Certificates that run out in the next N days, soonest first. */
export function ExpiringPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.expiring.title'));
  const id = useId();
  const [params, setParams] = useSearchParams();
  const parsed = Number(params.get('dagar') ?? '90');
  const days = Number.isInteger(parsed) && parsed >= 0 && parsed <= 3650 ? parsed : 90;
  const [draft, setDraft] = useState(String(days));
  const [fieldError, setFieldError] = useState<string>();
  const { data, error, loading, refetch } = useQuery(Expiring, {
    variables: { withinDays: days },
    fetchPolicy: 'cache-and-network',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(draft);
    if (!/^\d+$/.test(draft.trim()) || n > 3650) {
      setFieldError(t('training.expiring.daysError'));
      document.getElementById(id)?.focus();
      return;
    }
    setFieldError(undefined);
    setParams({ dagar: String(n) }, { replace: true });
  };
  const rows = data?.expiringCertificates ?? [];
  return (
    <>
      <h1>{t('training.expiring.title')}</h1>
      <p className="lead">{t('training.expiring.intro')}</p>
      <form className="filters compact" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id}>{t('training.expiring.within')}</label>
          <input
            id={id}
            inputMode="numeric"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-e` : undefined}
          />
          {fieldError && (
            <span id={`${id}-e`} className="field-error">
              {fieldError}
            </span>
          )}
        </div>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('activities.apply')}
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-wrap">
          <table>
            <caption>{t('training.expiring.caption', { count: rows.length, days })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.staff.name')}</th>
                <th scope="col">{t('training.staff.unit')}</th>
                <th scope="col">{t('training.courses.course')}</th>
                <th scope="col">{t('training.person.expiresOn')}</th>
                <th scope="col" className="num">
                  {t('training.expiring.left')}
                </th>
                <th scope="col">{t('training.person.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('training.expiring.none')}</td>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={`${r.staffMember.id}:${r.course.id}`}>
                  <th scope="row">
                    <Link to={`/utbildning/personal/${r.staffMember.id}`}>{r.staffMember.name}</Link>
                  </th>
                  <td>{r.staffMember.unit}</td>
                  <td>{r.course.title}</td>
                  <td className="nowrap">{formatDate(r.expiresOn)}</td>
                  <td className="num">{t('training.expiring.daysLeft', { count: r.daysLeft })}</td>
                  <td>
                    <CertificateBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
