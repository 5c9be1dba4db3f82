import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { formatDate } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';

const Commitments = graphql(`
  query Commitments {
    commitments {
      id
      title
      description
      status
      periodStart
      periodEnd
      responsibleOrganisations {
        id
        name
      }
    }
  }
`);

/** The partnerships' citizen commitments (medborgarlöften). */
export function CommitmentsPage() {
  const { t } = useTranslation();
  const { data, error, loading } = useQuery(Commitments);
  useEffect(() => {
    document.title = `${t('commitments.title')} – Samverkan`;
  }, [t]);
  return (
    <>
      <h1>{t('commitments.title')}</h1>
      <p className="lead">{t('commitments.intro')}</p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data?.commitments.length === 0 && <p className="empty">{t('commitments.none')}</p>}
      <ul className="cards">
        {data?.commitments.map((c) => (
          <li key={c.id} className="card">
            <h2>{c.title}</h2>
            <p>{c.description}</p>
            <dl className="details compact">
              <div>
                <dt>{t('commitments.period')}</dt>
                <dd>
                  {formatDate(c.periodStart)} – {formatDate(c.periodEnd)}
                </dd>
              </div>
              <div>
                <dt>{t('commitments.status')}</dt>
                <dd>{t(`enums.CommitmentStatus.${c.status}`)}</dd>
              </div>
              <div>
                <dt>{t('commitments.responsible')}</dt>
                <dd>{c.responsibleOrganisations.map((o) => o.name).join(', ')}</dd>
              </div>
            </dl>
            <p className="card-links">
              <Link to={`/forebyggande?lofte=${c.id}`}>{t('commitments.activities')}</Link>
              <Link to={`/uppfoljning?lofte=${c.id}`}>{t('commitments.followUp')}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
