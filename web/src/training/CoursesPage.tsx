import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/page-title';

const Courses = graphql(`
  query Courses {
    courses {
      id
      code
      title
      provider
      hours
      validityMonths
      renewalWindowDays
    }
  }
`);

/** The course catalogue, by title (shared by every organisation). */
export function useCourses() {
  const { data } = useQuery(Courses, { fetchPolicy: 'cache-first' });
  return [...(data?.courses ?? [])].sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}

/** Courses with how long a completion stays valid and when renewal is due. */
export function CoursesPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.courses.title'));
  const { data, error, loading, refetch } = useQuery(Courses, { fetchPolicy: 'cache-and-network' });
  const courses = [...(data?.courses ?? [])].sort((a, b) => a.title.localeCompare(b.title, 'sv'));
  return (
    <>
      <h1>{t('training.courses.title')}</h1>
      <p className="lead">{t('training.courses.intro')}</p>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-wrap">
          <table>
            <caption>{t('training.courses.caption', { count: courses.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.courses.course')}</th>
                <th scope="col">{t('training.courses.code')}</th>
                <th scope="col">{t('training.courses.provider')}</th>
                <th scope="col" className="num">
                  {t('training.courses.hours')}
                </th>
                <th scope="col">{t('training.courses.validity')}</th>
                <th scope="col">{t('training.courses.renewal')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  <td className="nowrap">{c.code}</td>
                  <td>{c.provider}</td>
                  <td className="num">{c.hours}</td>
                  <td>
                    {c.validityMonths === null || c.validityMonths === undefined
                      ? t('training.courses.forever')
                      : t('training.courses.months', { count: c.validityMonths })}
                  </td>
                  <td>
                    {c.validityMonths === null || c.validityMonths === undefined
                      ? '–'
                      : t('training.courses.days', { count: c.renewalWindowDays })}
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
