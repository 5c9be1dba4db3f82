import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { graphql } from '../gql';
import type { TrainingSessionQuery } from '../gql/graphql';
import { formatDateTime } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { Enrol } from './sessions';
import { usePageTitle } from '../ui/page-title';
import { EnrolmentBadge } from './shared';
import { StaffRegister } from './staff';

const TrainingSession = graphql(`
  query TrainingSession($id: ID!) {
    trainingSession(id: $id) {
      id
      startsAt
      endsAt
      place
      instructor
      capacity
      enrolledCount
      waitlistedCount
      joint
      cancelledAt
      course {
        id
        code
        title
      }
      enrolments {
        id
        status
        enrolledAt
        staffMember {
          id
          name
          unit
        }
      }
    }
  }
`);

const CancelEnrolment = graphql(`
  mutation CancelEnrolment($enrolmentId: ID!) {
    cancelEnrolment(enrolmentId: $enrolmentId) {
      id
      status
    }
  }
`);

type Enrolment = NonNullable<TrainingSessionQuery['trainingSession']>['enrolments'][number];
const ORDER = ['ENROLLED', 'WAITLISTED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'];

/** One session: its places, the enrolled and the waiting list; enrol and cancel. */
export function SessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(TrainingSession, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const staff = useQuery(StaffRegister, { fetchPolicy: 'cache-first' });
  const [enrol, enrolState] = useMutation(Enrol);
  const [cancel, cancelState] = useMutation(CancelEnrolment);
  const [staffMemberId, setStaffMemberId] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [promoted, setPromoted] = useState<string[]>([]);
  const session = data?.trainingSession;
  usePageTitle(session ? session.course.title : t('training.session.title'));

  const enrolments: Enrolment[] = [...(session?.enrolments ?? [])].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.enrolledAt.localeCompare(b.enrolledAt),
  );
  const active = new Set(
    enrolments.filter((e) => e.status === 'ENROLLED' || e.status === 'WAITLISTED').map((e) => e.staffMember.id),
  );
  const register = (staff.data?.staffMembers.edges.map((e) => e.node) ?? []).filter((s) => !active.has(s.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!staffMemberId) return;
    setActionError(undefined);
    setMessage(undefined);
    setPromoted([]);
    try {
      const r = await enrol({ variables: { sessionId: id, staffMemberId } });
      if (r.data)
        setMessage(
          t(
            r.data.enrol.status === 'WAITLISTED'
              ? 'training.coverage.doneWaitlisted'
              : 'training.coverage.doneEnrolled',
            {
              name: r.data.enrol.staffMember.name,
            },
          ),
        );
      setStaffMemberId('');
      await refetch();
    } catch (e) {
      setActionError(e);
    }
  };

  const cancelOne = async (e: Enrolment) => {
    setActionError(undefined);
    setMessage(undefined);
    setPromoted([]);
    const waiting = new Set(enrolments.filter((x) => x.status === 'WAITLISTED').map((x) => x.id));
    try {
      await cancel({ variables: { enrolmentId: e.id } });
      const after = await refetch();
      const moved = (after.data?.trainingSession?.enrolments ?? []).filter(
        (x) => waiting.has(x.id) && x.status === 'ENROLLED',
      );
      setPromoted(moved.map((x) => x.id));
      setMessage(
        [
          t('training.session.cancelledOne', { name: e.staffMember.name }),
          ...moved.map((x) => t('training.session.promoted', { name: x.staffMember.name })),
        ].join(' '),
      );
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/utbildning/tillfallen">{t('training.session.back')}</Link>
      </p>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && !session && <ErrorMessage kind="notFound" />}
      {session && (
        <>
          <h1>{session.course.title}</h1>
          <dl className="details">
            {(
              [
                [t('training.sessions.startsAt'), formatDateTime(session.startsAt)],
                [t('training.session.endsAt'), formatDateTime(session.endsAt)],
                [t('training.sessions.place'), session.place],
                [t('training.sessions.instructor'), session.instructor],
                [
                  t('training.session.places'),
                  t('training.session.placesValue', {
                    enrolled: session.enrolledCount,
                    capacity: session.capacity,
                    waiting: session.waitlistedCount,
                  }),
                ],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {session.cancelledAt && (
            <div className="notice notice-warning">
              <p>{t('training.session.isCancelled')}</p>
            </div>
          )}
          <div aria-live="polite">
            {message && (
              <div className="notice notice-info" role="status">
                <p>{message}</p>
              </div>
            )}
          </div>
          {actionError !== undefined && <ErrorMessage error={actionError} />}
          <div className="table-wrap">
            <table>
              <caption>{t('training.session.enrolments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.staff.name')}</th>
                  <th scope="col">{t('training.staff.unit')}</th>
                  <th scope="col">{t('training.session.status')}</th>
                  <th scope="col">{t('training.session.enrolledAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('training.session.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {enrolments.length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('training.session.none')}</td>
                  </tr>
                )}
                {enrolments.map((e) => (
                  <tr key={e.id} className={promoted.includes(e.id) ? 'highlight' : undefined}>
                    <th scope="row">
                      <Link to={`/utbildning/personal/${e.staffMember.id}`}>{e.staffMember.name}</Link>
                    </th>
                    <td>{e.staffMember.unit}</td>
                    <td>
                      <EnrolmentBadge status={e.status} />
                      {promoted.includes(e.id) && (
                        <span className="badge status-planned">{t('training.session.promotedBadge')}</span>
                      )}
                    </td>
                    <td className="nowrap">{formatDateTime(e.enrolledAt)}</td>
                    <td>
                      {(e.status === 'ENROLLED' || e.status === 'WAITLISTED') && !session.cancelledAt && (
                        <button
                          type="button"
                          className="button secondary small"
                          disabled={cancelState.loading}
                          onClick={() => void cancelOne(e)}
                        >
                          {t('training.session.cancel', { name: e.staffMember.name })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!session.cancelledAt && (
            <form className="card row" onSubmit={(e) => void submit(e)}>
              <SelectField
                label={t('training.session.enrolWho')}
                name="personal"
                value={staffMemberId}
                onChange={setStaffMemberId}
              >
                <option value="">{t('common.choose')}</option>
                {register.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} – {s.unit}
                  </option>
                ))}
              </SelectField>
              <div className="form-actions">
                <button type="submit" className="button primary" disabled={enrolState.loading || !staffMemberId}>
                  {t('training.session.enrol')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </>
  );
}
