import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type { PreventionActivityFilter, PreventionActivityStatus, PreventionActivityType } from '../gql/graphql';
import { useUser } from '../auth/session';
import { isValidDate, nextDay, stockholmToIso } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { ActivityTable } from './ActivityTable';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from './enums';
import { usePreventionReference } from './reference';

const PAGE_SIZE = 25;

const Activities = graphql(`
  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {
    preventionActivities(filter: $filter, first: $first, after: $after) {
      totalCount
      totalCountIsExact
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ActivityRow
        }
      }
    }
  }
`);

/** The filter's fields as they stand in the address (so a filtered list can be linked and returned to). */
const KEYS = ['typ', 'status', 'omrade', 'plats', 'lofte', 'organisation', 'fran', 'till'] as const;
type Key = (typeof KEYS)[number];

function filterOf(params: URLSearchParams): PreventionActivityFilter {
  const filter: PreventionActivityFilter = {};
  const type = params.get('typ');
  if (type) filter.types = [type as PreventionActivityType];
  const status = params.get('status');
  if (status) filter.statuses = [status as PreventionActivityStatus];
  if (params.get('omrade')) filter.areaId = params.get('omrade');
  if (params.get('plats')) filter.placeId = params.get('plats');
  if (params.get('lofte')) filter.commitmentId = params.get('lofte');
  if (params.get('organisation')) filter.organisationId = params.get('organisation');
  const from = params.get('fran');
  if (from && isValidDate(from)) filter.from = stockholmToIso(from);
  // A date-only "to" includes that whole day.
  const to = params.get('till');
  if (to && isValidDate(to)) filter.to = stockholmToIso(nextDay(to));
  return filter;
}

export function ActivitiesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const reference = usePreventionReference();
  const filter = filterOf(params);
  const { data, loading, error, fetchMore, refetch } = useQuery(Activities, {
    variables: { filter, first: PAGE_SIZE },
  });
  const [draft, setDraft] = useState<Record<Key, string>>(
    () => Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>,
  );
  const [dateError, setDateError] = useState<{ fran?: string; till?: string }>({});

  useEffect(() => {
    document.title = `${t('activities.title')} – Samverkan`;
  }, [t]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const errors: { fran?: string; till?: string } = {};
    if (draft.fran && !isValidDate(draft.fran)) errors.fran = t('validation.date');
    if (draft.till && !isValidDate(draft.till)) errors.till = t('validation.date');
    if (!errors.till && draft.fran && draft.till && draft.till < draft.fran) errors.till = t('validation.toBeforeFrom');
    setDateError(errors);
    if (errors.fran || errors.till) return;
    const next = new URLSearchParams();
    for (const k of KEYS) if (draft[k]) next.set(k, draft[k]);
    setParams(next);
  };
  const clear = () => {
    setDraft(Object.fromEntries(KEYS.map((k) => [k, ''])) as Record<Key, string>);
    setDateError({});
    setParams(new URLSearchParams());
  };
  const set = (key: Key) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const organisations = new Map<string, string>([[user.organisation.id, user.organisation.name]]);
  for (const c of reference.data?.commitments ?? [])
    for (const o of c.responsibleOrganisations) organisations.set(o.id, o.name);
  const connection = data?.preventionActivities;

  return (
    <>
      <div className="page-head">
        <h1>{t('activities.title')}</h1>
        <Link to="/forebyggande/ny" className="button primary">
          {t('activities.new')}
        </Link>
      </div>
      <form className="filters" onSubmit={apply} aria-label={t('activities.filters')}>
        <SelectField label={t('activity.type')} name="typ" value={draft.typ} onChange={set('typ')}>
          <option value="">{t('common.all')}</option>
          {ACTIVITY_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`enums.PreventionActivityType.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activity.status')} name="status" value={draft.status} onChange={set('status')}>
          <option value="">{t('common.all')}</option>
          {ACTIVITY_STATUSES.map((v) => (
            <option key={v} value={v}>
              {t(`enums.PreventionActivityStatus.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activity.area')} name="omrade" value={draft.omrade} onChange={set('omrade')}>
          <option value="">{t('common.all')}</option>
          {reference.data?.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activity.place')} name="plats" value={draft.plats} onChange={set('plats')}>
          <option value="">{t('common.all')}</option>
          {reference.data?.places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activity.commitment')} name="lofte" value={draft.lofte} onChange={set('lofte')}>
          <option value="">{t('common.all')}</option>
          {reference.data?.commitments.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('activity.owner')}
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
        <DateFilter label={t('activities.from')} value={draft.fran} onChange={set('fran')} error={dateError.fran} />
        <DateFilter label={t('activities.to')} value={draft.till} onChange={set('till')} error={dateError.till} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('activities.apply')}
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            {t('activities.clear')}
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p role="status" className="count">
            {t(connection.totalCountIsExact ? 'activities.showing' : 'activities.showingAtLeast', {
              shown: connection.edges.length,
              total: connection.totalCount,
            })}
          </p>
          <ActivityTable activities={connection.edges.map((e) => e.node)} caption={t('activities.title')} />
          {connection.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            >
              {t('activities.more')}
            </button>
          )}
        </>
      )}
    </>
  );
}

function DateFilter(props: { label: string; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const id = `filter-${props.label.replace(/\W/g, '')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <span className="description" id={`${id}-d`}>
        {t('common.dateFormat')}
      </span>
      <input
        id={id}
        inputMode="numeric"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-d${props.error ? ` ${id}-e` : ''}`}
      />
      {props.error && (
        <span className="field-error" id={`${id}-e`}>
          {props.error}
        </span>
      )}
    </div>
  );
}
