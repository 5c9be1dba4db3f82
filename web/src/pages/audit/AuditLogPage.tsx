import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditAction, AuditEventFilter, AuditOutcome } from '../../gql/graphql';
import { isValidDate, nextDay, stockholmToIso } from '../../ui/dates';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { DateInput } from '../cases/CaseSharing';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../cases/enums';
import { AuditEvents, AuditOrganisations, ENTITY_TYPES, VerifyLog } from './audit-documents';
import { AuditEventTable } from './AuditEventTable';
import './audit.css';

const PAGE_SIZE = 50;
/** The filter in the address, in Swedish: a filtered log can be linked to and returned to. */
const KEYS = ['handling', 'utfall', 'person', 'organisation', 'typ', 'post', 'fran', 'till'] as const;
type Key = (typeof KEYS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filterOf(p: URLSearchParams): AuditEventFilter {
  const f: AuditEventFilter = {};
  if (p.get('handling')) f.action = p.get('handling') as AuditAction;
  if (p.get('utfall')) f.outcome = p.get('utfall') as AuditOutcome;
  if (p.get('person') && UUID.test(p.get('person') ?? '')) f.actorId = p.get('person');
  if (p.get('organisation')) f.organisationId = p.get('organisation');
  if (p.get('typ')) f.entityType = p.get('typ');
  if (p.get('post') && UUID.test(p.get('post') ?? '')) f.entityId = p.get('post');
  const from = p.get('fran');
  if (from && isValidDate(from)) f.from = stockholmToIso(from);
  const to = p.get('till');
  if (to && isValidDate(to)) f.to = stockholmToIso(nextDay(to));
  return f;
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const { data, loading, error, fetchMore } = useQuery(AuditEvents, {
    variables: { filter, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
  });
  const orgs = useQuery(AuditOrganisations);
  const [draft, setDraft] = useState<Record<Key, string>>(
    () => Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: Key) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  useEffect(() => {
    document.title = `${t('auditLog.title')} – Samverkan`;
  }, [t]);
  useEffect(() => {
    setDraft(Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>);
  }, [params]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (draft.fran && !isValidDate(draft.fran)) e.fran = t('validation.date');
    if (draft.till && !isValidDate(draft.till)) e.till = t('validation.date');
    if (draft.post && !UUID.test(draft.post.trim())) e.post = t('auditLog.notAnId');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const next = new URLSearchParams();
    for (const k of KEYS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  };
  const organisations = new Map<string, string>();
  for (const p of orgs.data?.partnerships ?? []) for (const o of p.organisations) organisations.set(o.id, o.name);
  const connection = data?.auditEvents;
  const personName = params.get('person')
    ? connection?.edges.find((e) => e.node.actor?.id === params.get('person'))?.node.actor?.displayName
    : undefined;

  return (
    <>
      <div className="page-head">
        <h1>{t('auditLog.title')}</h1>
        <div className="head-actions">
          <Link to="/loggkontroll/spar" className="button secondary">
            {t('auditLog.trailTitle')}
          </Link>
          <Link to="/loggkontroll/nodatkomst" className="button secondary">
            {t('auditLog.reviewsTitle')}
          </Link>
        </div>
      </div>
      <p className="lead">{t('auditLog.lead')}</p>
      <ChainStatus />
      <form className="filters" onSubmit={apply} aria-label={t('auditLog.filters')}>
        <SelectField label={t('auditLog.action')} name="handling" value={draft.handling} onChange={set('handling')}>
          <option value="">{t('common.all')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`caseEnums.AuditAction.${a}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('auditLog.outcome')} name="utfall" value={draft.utfall} onChange={set('utfall')}>
          <option value="">{t('common.all')}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`caseEnums.AuditOutcome.${o}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('auditLog.organisation')}
          name="organisation"
          value={draft.organisation}
          onChange={set('organisation')}
        >
          <option value="">{t('common.all')}</option>
          {[...organisations].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('auditLog.entityType')} name="typ" value={draft.typ} onChange={set('typ')}>
          <option value="">{t('common.all')}</option>
          {ENTITY_TYPES.map((e) => (
            <option key={e} value={e}>
              {t(`auditLog.entityTypes.${e}`)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="audit-post">{t('auditLog.entityId')}</label>
          <input
            id="audit-post"
            value={draft.post}
            aria-invalid={errors.post ? true : undefined}
            aria-describedby={errors.post ? 'audit-post-e' : undefined}
            onChange={(e) => set('post')(e.target.value)}
          />
          {errors.post && (
            <span id="audit-post-e" className="field-error">
              {errors.post}
            </span>
          )}
        </div>
        <DateInput
          label={t('auditLog.from')}
          id="audit-from"
          value={draft.fran}
          onChange={set('fran')}
          error={errors.fran}
        />
        <DateInput
          label={t('auditLog.to')}
          id="audit-to"
          value={draft.till}
          onChange={set('till')}
          error={errors.till}
        />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('auditLog.apply')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setErrors({});
              setParams(new URLSearchParams());
            }}
          >
            {t('auditLog.clear')}
          </button>
        </div>
      </form>
      {params.get('person') && (
        <p className="notice notice-info">
          {t('auditLog.personFilter', { name: personName ?? t('auditLog.onePerson') })}{' '}
          <button
            type="button"
            className="button link"
            onClick={() => {
              const next = new URLSearchParams(params);
              next.delete('person');
              setParams(next);
            }}
          >
            {t('auditLog.removePerson')}
          </button>
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="count" role="status">
            {t('auditLog.showing', { shown: connection.edges.length, total: connection.totalCount })}
          </p>
          {connection.edges.length === 0 ? (
            <p className="empty">{t('auditLog.none')}</p>
          ) : (
            <AuditEventTable events={connection.edges.map((e) => e.node)} caption={t('auditLog.title')} />
          )}
          {connection.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            >
              {t('auditLog.more')}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** The chain check on request: it recomputes every event hash, so it runs when the auditor asks. */
function ChainStatus() {
  const { t } = useTranslation();
  const [verify, { data, loading, error }] = useLazyQuery(VerifyLog, { fetchPolicy: 'network-only' });
  const v = data?.verifyAuditLog;
  return (
    <section className="panel chain" aria-labelledby="chain-h">
      <h2 id="chain-h">{t('auditLog.chainTitle')}</h2>
      <div role="status">
        {loading && <p>{t('auditLog.chainChecking')}</p>}
        {error && <ErrorMessage error={error} />}
        {v && v.ok && (
          <p className="chain-ok">
            <strong>{t('auditLog.chainOk')}</strong>{' '}
            {t('auditLog.chainCounts', {
              events: v.checkedEvents,
              checkpoints: v.checkedCheckpoints,
              unsealed: v.unsealedEvents,
            })}
          </p>
        )}
        {v && !v.ok && (
          <p className="chain-bad">
            <strong>{t('auditLog.chainBroken')}</strong>{' '}
            {t('auditLog.chainFirstInvalid', { id: v.firstInvalidEventId ?? '–' })}
          </p>
        )}
        {!v && !loading && !error && <p className="hint">{t('auditLog.chainNotChecked')}</p>}
      </div>
      <button type="button" className="button secondary" disabled={loading} onClick={() => void verify()}>
        {t('auditLog.chainVerify')}
      </button>
    </section>
  );
}
