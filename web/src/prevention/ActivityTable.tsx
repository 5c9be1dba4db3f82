import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../gql';
import type { ActivityRowFragment } from '../gql/graphql';
import { formatDateTime } from '../ui/dates';

export const ActivityRow = graphql(`
  fragment ActivityRow on PreventionActivity {
    id
    title
    type
    status
    visibility
    startsAt
    place {
      id
      name
    }
    area {
      id
      name
    }
    owner {
      id
      name
    }
  }
`);

export function ActivityTable({
  activities,
  caption,
  showOwner = true,
}: {
  activities: ActivityRowFragment[];
  caption: string;
  showOwner?: boolean;
}) {
  const { t } = useTranslation();
  if (activities.length === 0) return <p className="empty">{t('activities.none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activity.startsAt')}</th>
            <th scope="col">{t('activity.title')}</th>
            <th scope="col">{t('activity.type')}</th>
            <th scope="col">{t('activity.place')}</th>
            <th scope="col">{t('activity.status')}</th>
            {showOwner && <th scope="col">{t('activity.owner')}</th>}
            <th scope="col">{t('activity.visibility')}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => (
            <tr key={a.id}>
              <td className="nowrap">{formatDateTime(a.startsAt)}</td>
              <td>
                <Link to={`/forebyggande/${a.id}`}>{a.title}</Link>
              </td>
              <td>{t(`enums.PreventionActivityType.${a.type}`)}</td>
              <td>{a.place ? a.place.name : a.area.name}</td>
              <td>
                <span className={`badge status-${a.status.toLowerCase()}`}>
                  {t(`enums.PreventionActivityStatus.${a.status}`)}
                </span>
              </td>
              {showOwner && <td>{a.owner.name}</td>}
              <td>{t(`enums.Visibility.${a.visibility}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
