import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { usePreventionReference } from './reference';

/** Places in the partnerships' areas: which feel unsafe, which are camera-monitored, and their activities. */
export function PlacesPage() {
  const { t } = useTranslation();
  const { data, error, loading } = usePreventionReference();
  useEffect(() => {
    document.title = `${t('places.title')} – Samverkan`;
  }, [t]);
  return (
    <>
      <h1>{t('places.title')}</h1>
      <p className="lead">{t('places.intro')}</p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('places.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('places.name')}</th>
                <th scope="col">{t('activity.area')}</th>
                <th scope="col">{t('places.feltUnsafe')}</th>
                <th scope="col">{t('places.cameraMonitored')}</th>
                <th scope="col">{t('places.activities')}</th>
              </tr>
            </thead>
            <tbody>
              {data.places.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.area.name}</td>
                  <td>{p.feltUnsafe ? <span className="badge warn">{t('common.yes')}</span> : t('common.no')}</td>
                  <td>{p.cameraMonitored ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <Link
                      to={`/forebyggande?plats=${p.id}`}
                      aria-label={t('places.showActivitiesAt', { place: p.name })}
                    >
                      {t('places.showActivities')}
                    </Link>
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
