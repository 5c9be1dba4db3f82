import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import { formatDateTime } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';

const Activity = graphql(`
  query Activity($id: ID!) {
    preventionActivity(id: $id) {
      id
      title
      type
      status
      visibility
      startsAt
      endsAt
      description
      outcomeNotes
      peopleReached
      participatingActors
      area {
        id
        name
      }
      place {
        id
        name
      }
      commitment {
        id
        title
      }
      owner {
        id
        name
      }
    }
  }
`);

const CancelActivity = graphql(`
  mutation CancelActivity($id: ID!) {
    cancelPreventionActivity(id: $id) {
      id
      status
    }
  }
`);

export function ActivityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const { data, error, loading } = useQuery(Activity, { variables: { id } });
  const [cancel, cancelled] = useMutation(CancelActivity, { refetchQueries: ['Activities', 'MyOverview'] });
  const [confirming, setConfirming] = useState(false);
  const a = data?.preventionActivity;

  useEffect(() => {
    document.title = `${a?.title ?? t('activity.heading')} – Samverkan`;
  }, [a?.title, t]);

  if (error) return <ErrorMessage error={error} />;
  if (loading && !a) return <Loading />;
  if (!a) return <ErrorMessage kind="notFound" />;
  const own = a.owner.id === user.organisation.id;
  const rows: [string, string][] = [
    [t('activity.type'), t(`enums.PreventionActivityType.${a.type}`)],
    [t('activity.status'), t(`enums.PreventionActivityStatus.${a.status}`)],
    [t('activity.startsAt'), formatDateTime(a.startsAt)],
    [t('activity.endsAt'), a.endsAt ? formatDateTime(a.endsAt) : '–'],
    [t('activity.area'), a.area.name],
    [t('activity.place'), a.place?.name ?? '–'],
    [t('activity.commitment'), a.commitment?.title ?? '–'],
    [t('activity.owner'), a.owner.name],
    [t('activity.visibility'), t(`enums.Visibility.${a.visibility}`)],
    [
      t('activity.peopleReached'),
      a.peopleReached === null || a.peopleReached === undefined ? '–' : String(a.peopleReached),
    ],
    [t('activity.description'), a.description || '–'],
  ];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/forebyggande">{t('activity.back')}</Link>
      </p>
      <h1>{a.title}</h1>
      {cancelled.error && <ErrorMessage error={cancelled.error} />}
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {own && a.status !== 'CANCELLED' && (
        <div className="form-actions">
          <Link to={`/forebyggande/${a.id}/andra`} className="button primary">
            {t('activity.edit')}
          </Link>
          {a.status === 'PLANNED' && !confirming && (
            <button type="button" className="button danger" onClick={() => setConfirming(true)}>
              {t('activity.cancel')}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby="confirm-cancel">
          <p id="confirm-cancel">{t('activity.confirmCancel')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button danger"
              autoFocus
              disabled={cancelled.loading}
              onClick={() =>
                void cancel({ variables: { id: a.id } }).then(
                  () => setConfirming(false),
                  () => undefined,
                )
              }
            >
              {t('activity.confirmCancelYes')}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t('activity.confirmCancelNo')}
            </button>
          </div>
        </div>
      )}
      {!own && <p className="hint">{t('activity.notOwn')}</p>}
    </>
  );
}
