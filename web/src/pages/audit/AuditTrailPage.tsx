import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { AuditTrail, ENTITY_TYPES, ExportTrail } from './audit-documents';
import { AuditEventTable } from './AuditEventTable';
import './audit.css';

const PAGE_SIZE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Who touched this": the log extract of one record, and its CSV export. */
export function AuditTrailPage() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [params, setParams] = useSearchParams();
  const type = params.get('typ') ?? 'Case';
  const id = params.get('id') ?? '';
  const valid = UUID.test(id);
  const { data, loading, error, fetchMore } = useQuery(AuditTrail, {
    variables: { entityType: type, entityId: id, first: PAGE_SIZE },
    skip: !valid,
    fetchPolicy: 'network-only',
  });
  const [draft, setDraft] = useState({ typ: type, id });
  const [idError, setIdError] = useState<string | undefined>();
  const [exportError, setExportError] = useState<unknown>();
  const [exported, setExported] = useState<{ rows: number; truncated: boolean } | undefined>();

  useEffect(() => {
    document.title = `${t('auditLog.trailTitle')} – Samverkan`;
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!UUID.test(draft.id.trim())) {
      setIdError(t('auditLog.notAnId'));
      return;
    }
    setIdError(undefined);
    setParams(new URLSearchParams({ typ: draft.typ, id: draft.id.trim() }));
  };

  const download = async () => {
    setExportError(undefined);
    try {
      const result = await client.query({
        query: ExportTrail,
        variables: { entityType: type, entityId: id },
        fetchPolicy: 'network-only',
      });
      const file = result.data?.exportAuditTrail;
      if (!file) return;
      setExported({ rows: file.rowCount, truncated: file.truncated });
      const url = URL.createObjectURL(new Blob([file.csv], { type: file.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setExportError(e);
    }
  };

  const connection = data?.auditTrail;
  const typeLabel = t(`auditLog.entityTypes.${type}`, { defaultValue: type });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/loggkontroll">{t('auditLog.back')}</Link>
      </p>
      <h1>{t('auditLog.trailTitle')}</h1>
      <p className="lead">{t('auditLog.trailLead')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('auditLog.trailForm')}>
        <SelectField
          label={t('auditLog.entityType')}
          name="typ"
          value={draft.typ}
          onChange={(v) => setDraft((d) => ({ ...d, typ: v }))}
        >
          {ENTITY_TYPES.map((e) => (
            <option key={e} value={e}>
              {t(`auditLog.entityTypes.${e}`)}
            </option>
          ))}
        </SelectField>
        <div className="field wide">
          <label htmlFor="trail-id">{t('auditLog.entityId')}</label>
          <input
            id="trail-id"
            value={draft.id}
            aria-invalid={idError ? true : undefined}
            aria-describedby={idError ? 'trail-id-e' : undefined}
            onChange={(e) => setDraft((d) => ({ ...d, id: e.target.value }))}
          />
          {idError && (
            <span id="trail-id-e" className="field-error">
              {idError}
            </span>
          )}
        </div>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('auditLog.showTrail')}
          </button>
        </div>
      </form>
      {valid && (
        <>
          <h2>{t('auditLog.trailOfRecord', { type: typeLabel, id })}</h2>
          {error && <ErrorMessage error={error} />}
          {loading && !connection && <Loading />}
          {connection && (
            <>
              <div className="page-head">
                <p className="count" role="status">
                  {t('auditLog.trailCount', { count: connection.totalCount })}
                </p>
                <button type="button" className="button secondary" onClick={() => void download()}>
                  {t('auditLog.export')}
                </button>
              </div>
              {exportError !== undefined && <ErrorMessage error={exportError} />}
              {exported && (
                <p className="notice notice-info" role="status">
                  {t(exported.truncated ? 'auditLog.exportedTruncated' : 'auditLog.exported', { count: exported.rows })}
                </p>
              )}
              {connection.edges.length === 0 ? (
                <p className="empty">{t('auditLog.none')}</p>
              ) : (
                <AuditEventTable events={connection.edges.map((e) => e.node)} caption={t('auditLog.trailTitle')} />
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
      )}
    </>
  );
}
