import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type { TrainingCoverageQuery, TrainingSessionsQuery } from '../gql/graphql';
import { formatDate, formatDateTime } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { Enrol, TrainingSessions } from './sessions';
import { usePageTitle } from '../ui/page-title';
import { downloadCsv, useOnDemand } from './shared';

const TrainingCoverage = graphql(`
  query TrainingCoverage {
    trainingCoverage {
      on
      rows {
        requirementId
        unit
        role
        staffCount
        coveredCount
        share
        valid
        expiring
        expired
        missing
        course {
          id
          code
          title
        }
        missingStaffMembers {
          staffMemberId
          name
        }
      }
    }
  }
`);

const ExportCoverage = graphql(`
  query ExportTrainingCoverage {
    exportTrainingCoverage {
      filename
      contentType
      csv
    }
  }
`);

type Row = TrainingCoverageQuery['trainingCoverage']['rows'][number];
type Session = TrainingSessionsQuery['trainingSessions']['edges'][number]['node'];

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Coverage per requirement and unit, who lacks a valid certificate, and enrolment straight from there. */
export function CoveragePage() {
  const { t } = useTranslation();
  usePageTitle(t('training.coverage.title'));
  const [params, setParams] = useSearchParams();
  const courseId = params.get('kurs') ?? '';
  const coverage = useQuery(TrainingCoverage, { fetchPolicy: 'cache-and-network' });
  const sessions = useQuery(TrainingSessions, { fetchPolicy: 'cache-and-network' });
  const download = useOnDemand();

  const rows = coverage.data?.trainingCoverage.rows ?? [];
  const courses = [...new Map(rows.map((r) => [r.course.id, r.course])).values()].sort((a, b) =>
    a.title.localeCompare(b.title, 'sv'),
  );
  const shown = rows.filter((r) => !courseId || r.course.id === courseId);
  const allSessions = sessions.data?.trainingSessions.edges.map((e) => e.node) ?? [];

  const exportCsv = async () => {
    download.setError(undefined);
    try {
      const result = await download.client.query({ query: ExportCoverage, fetchPolicy: 'network-only' });
      if (result.data) downloadCsv(result.data.exportTrainingCoverage);
    } catch (e) {
      download.setError(e);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('training.coverage.title')}</h1>
        <button type="button" className="button secondary" onClick={() => void exportCsv()}>
          {t('training.coverage.download')}
        </button>
      </div>
      <p className="lead">{t('training.coverage.intro')}</p>
      {download.error !== undefined && <ErrorMessage error={download.error} />}
      <div className="filters compact">
        <SelectField
          label={t('training.coverage.course')}
          name="kurs"
          value={courseId}
          onChange={(v) => setParams(v ? { kurs: v } : {}, { replace: true })}
        >
          <option value="">{t('common.all')}</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
      </div>
      {coverage.error && <ErrorMessage error={coverage.error} retry={() => void coverage.refetch()} />}
      {coverage.loading && !coverage.data && <Loading />}
      {coverage.data && (
        <>
          <div className="table-wrap">
            <table>
              <caption>
                {t('training.coverage.caption', { date: formatDate(coverage.data.trainingCoverage.on) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.coverage.course')}</th>
                  <th scope="col">{t('training.coverage.unit')}</th>
                  <th scope="col">{t('training.coverage.role')}</th>
                  <th scope="col" className="num">
                    {t('training.coverage.staff')}
                  </th>
                  <th scope="col" className="num">
                    {t('training.coverage.covered')}
                  </th>
                  <th scope="col" className="num">
                    {t('training.coverage.expiring')}
                  </th>
                  <th scope="col" className="num">
                    {t('training.coverage.lacking')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={`${r.requirementId}:${r.unit}`}>
                    <th scope="row">{r.course.title}</th>
                    <td>{r.unit}</td>
                    <td>{r.role ?? t('training.coverage.everyRole')}</td>
                    <td className="num">{r.staffCount}</td>
                    <td className="num">
                      {r.coveredCount} ({percent(r.share)})
                    </td>
                    <td className="num">{r.expiring}</td>
                    <td className="num">{r.expired + r.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('training.coverage.whoLacks')}</h2>
          {shown.every((r) => r.missingStaffMembers.length === 0) && (
            <p className="empty">{t('training.coverage.noneLacking')}</p>
          )}
          {shown
            .filter((r) => r.missingStaffMembers.length > 0)
            .map((r) => (
              <LackingGroup
                key={`${r.requirementId}:${r.unit}`}
                row={r}
                sessions={allSessions.filter(
                  (s) => s.course.id === r.course.id && !s.cancelledAt && new Date(s.startsAt) > new Date(),
                )}
                refetch={async () => {
                  await Promise.all([sessions.refetch(), coverage.refetch()]);
                }}
              />
            ))}
        </>
      )}
    </>
  );
}

/** The staff of one coverage row without a valid certificate: choose people and a session, enrol. */
function LackingGroup({ row, sessions, refetch }: { row: Row; sessions: Session[]; refetch: () => Promise<void> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [sessionId, setSessionId] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<{ name: string; status: string }[]>([]);
  const [enrol, { loading }] = useMutation(Enrol);
  const headingId = `lacking-${row.requirementId}-${row.unit}`.replace(/[^a-zA-Z0-9-]/g, '-');
  const enrolmentOf = (staffId: string) => {
    for (const s of sessions)
      for (const e of s.enrolments)
        if (e.staffMember.id === staffId && (e.status === 'ENROLLED' || e.status === 'WAITLISTED')) return { s, e };
    return undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone([]);
    if (!sessionId || chosen.length === 0) return;
    const results: { name: string; status: string }[] = [];
    try {
      for (const staffMemberId of chosen) {
        const r = await enrol({ variables: { sessionId, staffMemberId } });
        if (r.data) results.push({ name: r.data.enrol.staffMember.name, status: r.data.enrol.status });
      }
    } catch (e) {
      setError(e);
    }
    setDone(results);
    setChosen([]);
    await refetch();
  };

  return (
    <section className="card lacking" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {row.course.title} – {row.unit}
        {row.role ? ` (${row.role})` : ''}
      </h3>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('training.coverage.lackingLegend', { count: row.missingStaffMembers.length })}</legend>
          <ul className="choices">
            {row.missingStaffMembers.map((m) => {
              const current = enrolmentOf(m.staffMemberId);
              return (
                <li key={m.staffMemberId}>
                  <label>
                    <input
                      type="checkbox"
                      disabled={current !== undefined}
                      checked={chosen.includes(m.staffMemberId)}
                      onChange={(e) =>
                        setChosen((c) =>
                          e.target.checked ? [...c, m.staffMemberId] : c.filter((id) => id !== m.staffMemberId),
                        )
                      }
                    />{' '}
                    {m.name}
                  </label>
                  {current && (
                    <span className="hint">
                      {' '}
                      {t(
                        current.e.status === 'WAITLISTED'
                          ? 'training.coverage.alreadyWaitlisted'
                          : 'training.coverage.alreadyEnrolled',
                        {
                          date: formatDateTime(current.s.startsAt),
                        },
                      )}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
        {sessions.length === 0 ? (
          <p className="hint">{t('training.coverage.noSessions')}</p>
        ) : (
          <div className="row">
            <SelectField
              label={t('training.coverage.session')}
              name="tillfalle"
              value={sessionId}
              onChange={setSessionId}
            >
              <option value="">{t('common.choose')}</option>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('training.coverage.sessionOption', {
                    date: formatDateTime(s.startsAt),
                    place: s.place,
                    free: Math.max(0, s.capacity - s.enrolledCount),
                  })}
                </option>
              ))}
            </SelectField>
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={loading || !sessionId || chosen.length === 0}>
                {t('training.coverage.enrol')}
              </button>
            </div>
          </div>
        )}
      </form>
      {error !== undefined && <ErrorMessage error={error} />}
      {done.length > 0 && (
        <div className="notice notice-info" role="status">
          <ul>
            {done.map((d) => (
              <li key={d.name}>
                {t(d.status === 'WAITLISTED' ? 'training.coverage.doneWaitlisted' : 'training.coverage.doneEnrolled', {
                  name: d.name,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
