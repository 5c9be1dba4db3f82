import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/page-title';
import { StaffRegister } from './staff';

const norm = (s: string) => s.toLocaleLowerCase('sv').normalize('NFC');

/** The staff register, searchable by name, unit and job title. */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.staff.title'));
  const searchId = useId();
  const [search, setSearch] = useState('');
  const { data, error, loading, refetch, fetchMore } = useQuery(StaffRegister, { fetchPolicy: 'cache-and-network' });
  const connection = data?.staffMembers;
  const all = connection?.edges.map((e) => e.node) ?? [];
  const words = norm(search).split(/\s+/).filter(Boolean);
  const shown = all.filter((s) => {
    const text = norm(`${s.name} ${s.unit} ${s.title}`);
    return words.every((w) => text.includes(w));
  });

  const more = () =>
    void fetchMore({
      variables: { after: connection?.pageInfo.endCursor ?? null },
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
      {loading && !data && <Loading />}
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
