import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { graphql } from '../gql';
import { formatDate } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/page-title';
import { CertificateBadge } from './shared';

const StaffMember = graphql(`
  query StaffMember($id: ID!) {
    staffMember(id: $id) {
      id
      name
      unit
      title
      certificates {
        status
        required
        completedOn
        expiresOn
        daysLeft
        course {
          id
          code
          title
        }
      }
    }
  }
`);

/** One person's certificates: required and completed courses with their status today. */
export function StaffMemberPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(StaffMember, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const person = data?.staffMember;
  usePageTitle(person?.name ?? t('training.person.title'));
  const certificates = [...(person?.certificates ?? [])].sort(
    (a, b) => Number(b.required) - Number(a.required) || a.course.title.localeCompare(b.course.title, 'sv'),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to="/utbildning/personal">{t('training.person.back')}</Link>
      </p>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && !person && <ErrorMessage kind="notFound" />}
      {person && (
        <>
          <h1>{person.name}</h1>
          <p className="lead">
            {person.title}, {person.unit}
          </p>
          <div className="table-wrap">
            <table>
              <caption>{t('training.person.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.courses.course')}</th>
                  <th scope="col">{t('training.person.required')}</th>
                  <th scope="col">{t('training.person.status')}</th>
                  <th scope="col">{t('training.person.completedOn')}</th>
                  <th scope="col">{t('training.person.expiresOn')}</th>
                </tr>
              </thead>
              <tbody>
                {certificates.length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('training.person.none')}</td>
                  </tr>
                )}
                {certificates.map((c) => (
                  <tr key={c.course.id}>
                    <th scope="row">{c.course.title}</th>
                    <td>{c.required ? t('common.yes') : t('common.no')}</td>
                    <td>
                      <CertificateBadge status={c.status} />
                    </td>
                    <td className="nowrap">{c.completedOn ? formatDate(c.completedOn) : '–'}</td>
                    <td className="nowrap">
                      {c.expiresOn
                        ? `${formatDate(c.expiresOn)}${
                            c.daysLeft !== null && c.daysLeft !== undefined && c.daysLeft >= 0
                              ? ` (${t('training.expiring.daysLeft', { count: c.daysLeft })})`
                              : ''
                          }`
                        : c.completedOn
                          ? t('training.courses.forever')
                          : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
