import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import { ActivityTable } from '../prevention/ActivityTable';
import { nextDay, stockholmToIso, todayInStockholm } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { MyWorkSection } from './MyWork';

export const WEEKS_AHEAD = 6;

const MyOverview = graphql(`
  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {
    preventionActivities(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ...ActivityRow
        }
      }
    }
  }
`);

/** What the signed-in person's organisation has planned for the coming weeks. */
export function OverviewPage() {
  const { t } = useTranslation();
  const user = useUser();
  const filter = useMemo(() => {
    const today = todayInStockholm();
    let end = today;
    for (let i = 0; i < WEEKS_AHEAD * 7; i++) end = nextDay(end);
    return {
      organisationId: user.organisation.id,
      statuses: ['PLANNED' as const],
      from: stockholmToIso(today),
      to: stockholmToIso(end),
    };
  }, [user.organisation.id]);
  const { data, error, loading, refetch } = useQuery(MyOverview, { variables: { filter, first: 50 } });

  useEffect(() => {
    document.title = `${t('overview.title')} – Samverkan`;
  }, [t]);

  const activities = [...(data?.preventionActivities.edges ?? [])]
    .map((e) => e.node)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.greeting', { name: user.displayName, organisation: user.organisation.name })}</p>
      <MyWorkSection />
      <section aria-labelledby="upcoming">
        <div className="page-head">
          <h2 id="upcoming">{t('overview.upcoming', { weeks: WEEKS_AHEAD })}</h2>
          <Link to="/forebyggande/ny" className="button primary">
            {t('activities.new')}
          </Link>
        </div>
        {error && <ErrorMessage error={error} retry={() => void refetch()} />}
        {loading && !data && <Loading />}
        {data && (
          <ActivityTable
            activities={activities}
            caption={t('overview.upcoming', { weeks: WEEKS_AHEAD })}
            showOwner={false}
          />
        )}
      </section>
    </>
  );
}
