import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayUse } from '../access/areas';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import type { DueWindow, MyWorkQuery } from '../gql/graphql';
import { formatDate, formatDateTime } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';

const MyWork = graphql(`
  query MyWork {
    myTasks(first: 100) {
      edges {
        node {
          id
          kind
          title
          dueOn
          due
          status
          caseId
          activityId
        }
      }
    }
    myNotifications(first: 20, unreadOnly: true) {
      unreadCount
      edges {
        node {
          id
          kind
          createdAt
          caseId
        }
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      id
      readAt
    }
  }
`);

type Task = MyWorkQuery['myTasks']['edges'][number]['node'];
type Note = MyWorkQuery['myNotifications']['edges'][number]['node'];

const GROUPS: DueWindow[] = ['OVERDUE', 'NEXT_7_DAYS', 'LATER'];

/**
 * The person's own tasks and actions (`myTasks`, grouped by when they are due) and unread notifications:
 * the part of "Min översikt" that says what is waiting for them. Notifications name only the kind of
 * thing and link to it; what it holds is shown where the person may read it.
 */
export function MyWorkSection() {
  const { t } = useTranslation();
  const user = useUser();
  const { data, error, loading, refetch } = useQuery(MyWork);
  const [markRead, marking] = useMutation(MarkRead);
  const casesOpen = mayUse(user.roles, 'cases');

  const taskLink = (task: Task): string | null => {
    if (task.caseId && casesOpen) return `/arenden/${task.caseId}`;
    if (task.activityId) return `/forebyggande/${task.activityId}`;
    return null;
  };
  const noteLink = (note: Note): string | null => {
    if (!casesOpen) return null;
    if (note.kind === 'SHARE_RECEIVED') return '/arenden/inkorg';
    return note.caseId ? `/arenden/${note.caseId}` : null;
  };

  const tasks = data?.myTasks.edges.map((e) => e.node) ?? [];
  const notes = data?.myNotifications.edges.map((e) => e.node) ?? [];
  return (
    <>
      <section className="overview-part" aria-labelledby="my-notifications">
        <div className="page-head">
          <h2 id="my-notifications">{t('myWork.notifications', { count: data?.myNotifications.unreadCount ?? 0 })}</h2>
          {notes.length > 0 && (
            <button
              type="button"
              className="button secondary"
              disabled={marking.loading}
              onClick={() => void markRead({ variables: { ids: notes.map((n) => n.id) } }).then(() => refetch())}
            >
              {t('myWork.markRead')}
            </button>
          )}
        </div>
        {error && <ErrorMessage error={error} retry={() => void refetch()} />}
        {marking.error && <ErrorMessage error={marking.error} />}
        {loading && !data && <Loading />}
        {data && notes.length === 0 && <p className="empty">{t('myWork.noNotifications')}</p>}
        {notes.length > 0 && (
          <ul className="notifications">
            {notes.map((n) => {
              const to = noteLink(n);
              const text = t(`myWork.kind.${n.kind}`);
              return (
                <li key={n.id}>
                  <span className="nowrap">{formatDateTime(n.createdAt)}</span>{' '}
                  {to ? <Link to={to}>{text}</Link> : text}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="overview-part" aria-labelledby="my-tasks">
        <h2 id="my-tasks">{t('myWork.tasks')}</h2>
        {data && tasks.length === 0 && <p className="empty">{t('myWork.noTasks')}</p>}
        {GROUPS.map((group) => {
          const inGroup = tasks.filter((task) => task.due === group);
          if (inGroup.length === 0) return null;
          return (
            <div key={group} className="due-group">
              <h3 id={`due-${group}`}>{t(`myWork.due.${group}`, { count: inGroup.length })}</h3>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t(`myWork.due.${group}`, { count: inGroup.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('myWork.dueOn')}</th>
                      <th scope="col">{t('myWork.title')}</th>
                      <th scope="col">{t('myWork.kindColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {inGroup.map((task) => {
                      const to = taskLink(task);
                      return (
                        <tr key={`${task.kind}-${task.id}`}>
                          <td className="nowrap">{formatDate(task.dueOn)}</td>
                          <td>{to ? <Link to={to}>{task.title}</Link> : task.title}</td>
                          <td>{t(`myWork.item.${task.kind}`)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </section>
    </>
  );
}
