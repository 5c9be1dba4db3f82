import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import { DATE_PATTERN, formatDateTime, isValidDate, stockholmToIso, TIME_PATTERN } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { TrainingSessions } from './sessions';
import { usePageTitle } from '../ui/page-title';
import { useCourses } from './CoursesPage';

const CreateSession = graphql(`
  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {
    createTrainingSession(input: $input) {
      id
    }
  }
`);

/** Course sessions: capacity, enrolled and waiting; a new session. */
export function SessionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.sessions.title'));
  const user = useUser();
  const { data, error, loading, refetch } = useQuery(TrainingSessions, { fetchPolicy: 'cache-and-network' });
  const sessions = [...(data?.trainingSessions.edges.map((e) => e.node) ?? [])].sort((a, b) =>
    a.startsAt.localeCompare(b.startsAt),
  );
  return (
    <>
      <h1>{t('training.sessions.title')}</h1>
      <p className="lead">{t('training.sessions.intro')}</p>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && (
        <div className="table-wrap">
          <table>
            <caption>{t('training.sessions.caption', { count: sessions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.sessions.course')}</th>
                <th scope="col">{t('training.sessions.startsAt')}</th>
                <th scope="col">{t('training.sessions.place')}</th>
                <th scope="col" className="num">
                  {t('training.sessions.capacity')}
                </th>
                <th scope="col" className="num">
                  {t('training.sessions.enrolled')}
                </th>
                <th scope="col" className="num">
                  {t('training.sessions.waitlisted')}
                </th>
                <th scope="col">{t('training.sessions.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/utbildning/tillfallen/${s.id}`}>{s.course.title}</Link>
                  </th>
                  <td className="nowrap">{formatDateTime(s.startsAt)}</td>
                  <td>{s.place}</td>
                  <td className="num">{s.capacity}</td>
                  <td className="num">{s.enrolledCount}</td>
                  <td className="num">{s.waitlistedCount}</td>
                  <td>
                    {s.cancelledAt
                      ? t('training.sessions.cancelled')
                      : s.enrolledCount >= s.capacity
                        ? t('training.sessions.full')
                        : t('training.sessions.open', { count: s.capacity - s.enrolledCount })}
                    {s.joint && <> · {t('training.sessions.joint')}</>}
                    {s.organisationId !== user.organisation.id && <> · {t('training.sessions.partners')}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewSessionForm onCreated={() => void refetch()} />
    </>
  );
}

function NewSessionForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const courses = useCourses();
  const [form, setForm] = useState({
    courseId: '',
    date: '',
    start: '09:00',
    end: '16:00',
    place: '',
    capacity: '12',
    instructor: '',
    joint: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const [create, { loading }] = useMutation(CreateSession);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!form.courseId) found.courseId = t('training.sessions.errors.course');
    if (!DATE_PATTERN.test(form.date) || !isValidDate(form.date)) found.date = t('validation.date');
    if (!TIME_PATTERN.test(form.start)) found.start = t('validation.time');
    if (!TIME_PATTERN.test(form.end)) found.end = t('validation.time');
    else if (!found.start && form.end <= form.start) found.end = t('validation.endBeforeStart');
    if (!form.place.trim()) found.place = t('validation.required');
    if (!form.instructor.trim()) found.instructor = t('validation.required');
    const capacity = Number(form.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000)
      found.capacity = t('training.sessions.errors.capacity');
    setErrors(found);
    setError(undefined);
    setCreated(undefined);
    if (Object.keys(found).length > 0) {
      document.getElementById(`session-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    try {
      const r = await create({
        variables: {
          input: {
            courseId: form.courseId,
            startsAt: stockholmToIso(form.date, form.start),
            endsAt: stockholmToIso(form.date, form.end),
            place: form.place.trim(),
            capacity,
            instructor: form.instructor.trim(),
            joint: form.joint,
          },
        },
      });
      setCreated(r.data?.createTrainingSession.id);
      onCreated();
    } catch (e) {
      setError(e);
    }
  };

  const text = (key: 'date' | 'start' | 'end' | 'place' | 'capacity' | 'instructor', label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`session-${key}`}>
        {label}
        <span aria-hidden="true"> *</span>
      </label>
      {hint && (
        <span id={`session-${key}-d`} className="description">
          {hint}
        </span>
      )}
      <input
        id={`session-${key}`}
        value={form[key]}
        inputMode={key === 'capacity' ? 'numeric' : undefined}
        onChange={(e) => set(key)(e.target.value)}
        aria-required
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={
          [hint ? `session-${key}-d` : '', errors[key] ? `session-${key}-e` : ''].filter(Boolean).join(' ') || undefined
        }
      />
      {errors[key] && (
        <span id={`session-${key}-e`} className="field-error">
          {errors[key]}
        </span>
      )}
    </div>
  );

  return (
    <section aria-labelledby="new-session" className="card">
      <h2 id="new-session">{t('training.sessions.new')}</h2>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <SelectField
          id="session-courseId"
          label={t('training.sessions.course')}
          name="courseId"
          value={form.courseId}
          onChange={set('courseId')}
          required
          error={errors.courseId}
        >
          <option value="">{t('common.choose')}</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        {text('date', t('activity.date'), t('common.dateFormat'))}
        {text('start', t('activity.startTime'), t('common.timeFormat'))}
        {text('end', t('activity.endTime'), t('common.timeFormat'))}
        {text('place', t('training.sessions.place'))}
        {text('capacity', t('training.sessions.capacity'))}
        {text('instructor', t('training.sessions.instructor'))}
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={form.joint}
              onChange={(e) => setForm((f) => ({ ...f, joint: e.target.checked }))}
            />{' '}
            {t('training.sessions.jointLabel')}
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={loading}>
            {t('training.sessions.create')}
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorMessage error={error} />}
      {created && (
        <p role="status" className="notice notice-info">
          <Link to={`/utbildning/tillfallen/${created}`}>{t('training.sessions.created')}</Link>
        </p>
      )}
    </section>
  );
}
