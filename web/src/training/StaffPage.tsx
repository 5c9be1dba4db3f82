import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/page-title';
import { StaffRegister } from './staff';

/** The staff register, searched by the API by name, unit and job title (every word must match), a page at a time. */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.staff.title'));
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  // The API searches the whole register; the list follows the typing after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const { data, previousData, error, loading, refetch, fetchMore } = useQuery(StaffRegister, {
    variables: { search: asked || null },
    fetchPolicy: 'cache-and-network',
  });
  // While a new search loads, the previous result stays (no flicker).
  const connection = (data ?? previousData)?.staffMembers;
  const shown = connection?.edges.map((e) => e.node) ?? [];

  const more = () =>
    void fetchMore({
      variables: { after: connection?.pageInfo.endCursor ?? null, search: asked || null },
      updateQuery: (previous, { fetchMoreResult }) => ({
        staffMembers: {
          ...fetchMoreResult.staffMembers,
          edges: [...previous.staffMembers.edges, ...fetchMoreResult.staffMembers.edges],
        },
      }),
    });

  return (
    <>
      <h1>{t('training.staff.title')}</h1>
      <p className="lead">{t('training.staff.intro')}</p>
      <div className="filters compact" role="search">
        <div className="field">
          <label htmlFor={searchId}>{t('training.staff.search')}</label>
          <span id={`${searchId}-d`} className="description">
            {t('training.staff.searchHint')}
          </span>
          <input
            id={searchId}
            type="search"
            value={search}
            aria-describedby={`${searchId}-d`}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="count" role="status">
            {t('training.staff.showing', { shown: shown.length, total: connection.totalCount })}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('training.staff.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.staff.name')}</th>
                  <th scope="col">{t('training.staff.unit')}</th>
                  <th scope="col">{t('training.staff.jobTitle')}</th>
                  <th scope="col">{t('training.staff.login')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/utbildning/personal/${s.id}`}>{s.name}</Link>
                    </th>
                    <td>{s.unit}</td>
                    <td>{s.title}</td>
                    <td>{s.userId ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && <p className="empty">{t('training.staff.none')}</p>}
          {connection.pageInfo.hasNextPage && (
            <button type="button" className="button secondary" onClick={more}>
              {t('training.staff.more')}
            </button>
          )}
        </>
      )}
    </>
  );
}
