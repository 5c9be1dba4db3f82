import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { CaseFilter, CaseRiskLevel, CaseStatus } from '../../gql/graphql';
import { formatDate } from '../../ui/dates';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { CASE_STATUSES, RISK_LEVELS } from './enums';
import './cases.css';

const PAGE_SIZE = 25;

const Cases = graphql(`
  query Cases($filter: CaseFilter, $first: Int, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          externalReference
          riskLevel
          status
          access
          openedAt
          owner {
            id
            name
          }
        }
      }
    }
  }
`);

const CreateCase = graphql(`
  mutation CreateCase($input: CreateCaseInput!) {
    createCase(input: $input) {
      id
    }
  }
`);

/** The search as it stands in the address: `ref` and `match` (exact or prefix), `status`, `risk`. */
function filterOf(params: URLSearchParams): CaseFilter {
  const filter: CaseFilter = {};
  const ref = params.get('ref')?.trim();
  if (ref) {
    if (params.get('match') === 'exakt') filter.reference = ref;
    else filter.referencePrefix = ref;
  }
  const status = params.get('status');
  if (status) filter.statuses = [status as CaseStatus];
  const risk = params.get('risk');
  if (risk) filter.riskLevels = [risk as CaseRiskLevel];
  return filter;
}

export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const { data, loading, error, fetchMore } = useQuery(Cases, { variables: { filter, first: PAGE_SIZE } });
  const [draft, setDraft] = useState({
    ref: params.get('ref') ?? '',
    match: params.get('match') ?? 'borjar',
    status: params.get('status') ?? '',
    risk: params.get('risk') ?? '',
  });

  useEffect(() => {
    document.title = `${t('cases.title')} – Samverkan`;
  }, [t]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.ref.trim()) {
      next.set('ref', draft.ref.trim());
      next.set('match', draft.match);
    }
    if (draft.status) next.set('status', draft.status);
    if (draft.risk) next.set('risk', draft.risk);
    setParams(next);
  };
  const clear = () => {
    setDraft({ ref: '', match: 'borjar', status: '', risk: '' });
    setParams(new URLSearchParams());
  };
  const connection = data?.cases;

  return (
    <>
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <div className="head-actions">
          <Link to="/arenden/inkorg" className="button secondary">
            {t('cases.inbox')}
          </Link>
        </div>
      </div>
      <p className="lead">{t('cases.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('cases.search')}>
        <div className="field">
          <label htmlFor="case-ref">{t('cases.reference')}</label>
          <input
            id="case-ref"
            name="ref"
            value={draft.ref}
            maxLength={100}
            onChange={(e) => setDraft((d) => ({ ...d, ref: e.target.value }))}
          />
        </div>
        <SelectField
          label={t('cases.match')}
          name="match"
          value={draft.match}
          onChange={(v) => setDraft((d) => ({ ...d, match: v }))}
        >
          <option value="borjar">{t('cases.matchPrefix')}</option>
          <option value="exakt">{t('cases.matchExact')}</option>
        </SelectField>
        <SelectField
          label={t('cases.status')}
          name="status"
          value={draft.status}
          onChange={(v) => setDraft((d) => ({ ...d, status: v }))}
        >
          <option value="">{t('common.all')}</option>
          {CASE_STATUSES.map((v) => (
            <option key={v} value={v}>
              {t(`caseEnums.CaseStatus.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.riskLevel')}
          name="risk"
          value={draft.risk}
          onChange={(v) => setDraft((d) => ({ ...d, risk: v }))}
        >
          <option value="">{t('common.all')}</option>
          {RISK_LEVELS.map((v) => (
            <option key={v} value={v}>
              {t(`caseEnums.CaseRiskLevel.${v}`)}
            </option>
          ))}
        </SelectField>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('cases.searchButton')}
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            {t('cases.clear')}
          </button>
        </div>
      </form>

      {error && <ErrorMessage error={error} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="count" role="status">
            {t('cases.showing', { shown: connection.edges.length, total: connection.totalCount })}
          </p>
          {connection.edges.length === 0 ? (
            <p className="empty">{t('cases.none')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('cases.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.reference')}</th>
                    <th scope="col">{t('cases.riskLevel')}</th>
                    <th scope="col">{t('cases.status')}</th>
                    <th scope="col">{t('cases.owner')}</th>
                    <th scope="col">{t('cases.access')}</th>
                    <th scope="col">{t('cases.openedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node: c }) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/arenden/${c.id}`}>{c.externalReference ?? t('cases.noReference')}</Link>
                      </th>
                      <td>
                        <span className={`badge risk-${c.riskLevel.toLowerCase()}`}>
                          {t(`caseEnums.CaseRiskLevel.${c.riskLevel}`)}
                        </span>
                      </td>
                      <td>{t(`caseEnums.CaseStatus.${c.status}`)}</td>
                      <td>{c.owner.name}</td>
                      <td>{t(`caseEnums.CaseAccessVia.${c.access}`)}</td>
                      <td className="nowrap">{formatDate(c.openedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {connection.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            >
              {t('cases.more')}
            </button>
          )}
        </>
      )}
      <NewCase />
    </>
  );
}

function NewCase() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [create, created] = useMutation(CreateCase, { refetchQueries: ['Cases'] });
  const [risk, setRisk] = useState('');
  const [reference, setReference] = useState('');
  const [riskError, setRiskError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!risk) {
      setRiskError(t('cases.chooseRisk'));
      return;
    }
    setRiskError(undefined);
    void create({
      variables: { input: { riskLevel: risk as CaseRiskLevel, externalReference: reference.trim() || null } },
    }).then(
      (r) => r.data && navigate(`/arenden/${r.data.createCase.id}`),
      () => undefined,
    );
  };

  return (
    <section className="panel" aria-labelledby="new-case">
      <h2 id="new-case">{t('cases.newTitle')}</h2>
      <p className="hint">{t('cases.newHint')}</p>
      {created.error && <ErrorMessage error={created.error} />}
      <form className="row" onSubmit={submit} noValidate>
        <SelectField
          label={t('cases.riskLevel')}
          name="riskLevel"
          value={risk}
          onChange={setRisk}
          required
          error={riskError}
        >
          <option value="">{t('cases.choose')}</option>
          {RISK_LEVELS.map((v) => (
            <option key={v} value={v}>
              {t(`caseEnums.CaseRiskLevel.${v}`)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="new-ref">{t('cases.ownReference')}</label>
          <input
            id="new-ref"
            name="externalReference"
            value={reference}
            maxLength={100}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={created.loading}>
            {t('cases.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
