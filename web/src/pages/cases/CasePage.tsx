import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useUser } from '../../auth/session';
import { formatDateTime } from '../../ui/dates';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { errorKind } from '../../ui/errors';
import { BreakGlassBanner, BreakGlassOffer } from './BreakGlass';
import { CaseAssessments } from './CaseAssessments';
import { CaseDetails, organisationNames } from './case-document';
import { CaseHistory } from './CaseHistory';
import { CaseMeetings } from './CaseMeetings';
import { CaseMembers } from './CaseMembers';
import { CaseNotes } from './CaseNotes';
import { CaseSharing } from './CaseSharing';
import { CaseTasks } from './CaseTasks';
import { CASE_ROLES } from './enums';
import './cases.css';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const { data, error, loading } = useQuery(CaseDetails, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const c = data?.case;

  useEffect(() => {
    document.title = `${c?.externalReference ?? t('cases.caseHeading')} – Samverkan`;
  }, [c?.externalReference, t]);

  if (error && !c) {
    // Not found is also what a case of the own organisation answers to a non-member: break-the-glass is offered.
    const canBreakGlass = errorKind(error) === 'notFound' && user.roles.some((r) => CASE_ROLES.includes(r));
    return (
      <>
        <p className="breadcrumb">
          <Link to="/arenden">{t('cases.back')}</Link>
        </p>
        <h1>{t('cases.caseHeading')}</h1>
        <ErrorMessage error={error} />
        {canBreakGlass && <BreakGlassOffer caseId={id} />}
      </>
    );
  }
  if (loading && !c) return <Loading />;
  if (!c) return <ErrorMessage kind="notFound" />;

  const names = organisationNames(data);
  const people = new Map(c.members.map((m) => [m.userId, m.displayName]));
  const readOnly = c.access === 'BREAK_GLASS';
  const canWork = !readOnly && c.status === 'OPEN';
  const isOwner = c.access === 'MEMBER';
  const details: [string, string][] = [
    [t('cases.riskLevel'), t(`caseEnums.CaseRiskLevel.${c.riskLevel}`)],
    [t('cases.status'), t(`caseEnums.CaseStatus.${c.status}`)],
    [t('cases.owner'), c.owner.name],
    [t('cases.access'), t(`caseEnums.CaseAccessVia.${c.access}`)],
    [t('cases.openedAt'), formatDateTime(c.openedAt)],
  ];
  if (c.closedAt) details.push([t('cases.closedAt'), formatDateTime(c.closedAt)]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/arenden">{t('cases.back')}</Link>
      </p>
      <h1>
        {t('cases.caseHeading')} {c.externalReference ?? ''}
      </h1>
      {readOnly && <BreakGlassBanner caseId={c.id} />}
      <dl className="details">
        {details.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>

      <nav className="case-sections" aria-label={t('cases.sectionsLabel')}>
        <ul>
          {['members', 'sharing', 'notes', 'tasks', 'meetings', 'assessments', 'history'].map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`cases.section.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <CaseMembers c={c} names={names} canManage={!readOnly} isOwner={isOwner} />

      <CaseSharing c={c} names={names} canShare={isOwner && !readOnly} partnerships={data?.partnerships ?? []} />
      <CaseNotes c={c} names={names} people={people} canWork={canWork} />
      <CaseTasks c={c} names={names} people={people} canWork={canWork} />
      <CaseMeetings c={c} names={names} canWork={canWork} />
      <CaseAssessments c={c} names={names} people={people} canWork={canWork} />
      <CaseHistory c={c} names={names} people={people} />
    </>
  );
}
