import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { DetectionRecordsQuery } from '../gql/graphql';
import { formatDate, formatDateTime } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';

const PAGE = 25;

const Records = graphql(`
  query DetectionRecords($first: Int!, $after: String) {
    detectionRecords(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          indicatorCode
          occurredOn
          count
          recordedAt
          voidedAt
          voidReason
          area {
            id
            name
          }
        }
      }
    }
  }
`);

const VoidDetection = graphql(`
  mutation VoidDetection($id: ID!, $reason: String!) {
    voidDetection(id: $id, reason: $reason) {
      id
      voidedAt
      voidReason
    }
  }
`);

type Detection = DetectionRecordsQuery['detectionRecords']['edges'][number]['node'];

/** The organisation's detection records, newest first, a page at a time; each not yet voided can be voided. */
export function DetectionRecords({ indicatorName }: { indicatorName: (code: string) => string }) {
  const { t } = useTranslation();
  const { data, error, loading, refetch, fetchMore } = useQuery(Records, {
    variables: { first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.detectionRecords;
  const records = connection?.edges.map((e) => e.node) ?? [];
  const more = () =>
    void fetchMore({
      variables: { after: connection?.pageInfo.endCursor ?? null },
      updateQuery: (previous, { fetchMoreResult }) => ({
        detectionRecords: {
          ...fetchMoreResult.detectionRecords,
          edges: [...previous.detectionRecords.edges, ...fetchMoreResult.detectionRecords.edges],
        },
      }),
    });

  return (
    <section aria-labelledby="records-h">
      <h2 id="records-h">{t('indicators.record.recent')}</h2>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !connection && <Loading />}
      {connection && (
        <p className="count" role="status">
          {t('indicators.record.showing', { shown: records.length, total: connection.totalCount })}
        </p>
      )}
      {connection && records.length === 0 && <p className="empty">{t('indicators.record.none')}</p>}
      {records.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('indicators.record.recent')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.indicator')}</th>
                <th scope="col">{t('activity.area')}</th>
                <th scope="col">{t('indicators.record.occurredOn')}</th>
                <th scope="col">{t('indicators.record.count')}</th>
                <th scope="col">{t('indicators.record.recordedAt')}</th>
                <th scope="col">{t('indicators.record.state')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{indicatorName(r.indicatorCode)}</th>
                  <td>{r.area.name}</td>
                  <td className="nowrap">{formatDate(r.occurredOn)}</td>
                  <td className="num">{r.count}</td>
                  <td className="nowrap">{formatDateTime(r.recordedAt)}</td>
                  <td>
                    <VoidControl
                      record={r}
                      label={`${indicatorName(r.indicatorCode)}, ${r.area.name}, ${formatDate(r.occurredOn)}, ${formatDateTime(r.recordedAt)}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {connection?.pageInfo.hasNextPage && (
        <button type="button" className="button secondary" onClick={more}>
          {t('indicators.record.more')}
        </button>
      )}
    </section>
  );
}

/** Voiding needs a reason; the record is kept and no longer counted. */
function VoidControl({ record, label }: { record: Detection; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [voidRecord, { loading }] = useMutation(VoidDetection);
  if (record.voidedAt)
    return (
      <span>
        <span className="badge status-cancelled">{t('indicators.record.voided')}</span> {record.voidReason}
      </span>
    );
  if (!open)
    return (
      <button
        type="button"
        className="button secondary small"
        aria-label={t('indicators.record.voidOf', { what: label })}
        onClick={() => {
          setOpen(true);
          setTimeout(() => document.getElementById(id)?.focus(), 0);
        }}
      >
        {t('indicators.record.void')}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setFieldError(t('indicators.record.errors.reason'));
      return;
    }
    try {
      // The answer updates the record in Apollo's cache (by id): the row shows it voided.
      await voidRecord({ variables: { id: record.id, reason: reason.trim() } });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
      <div className="field">
        <label htmlFor={id}>{t('indicators.record.reason')}</label>
        <input
          id={id}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-e` : undefined}
        />
        {fieldError && (
          <span id={`${id}-e`} className="field-error">
            {fieldError}
          </span>
        )}
      </div>
      <button type="submit" className="button primary small" disabled={loading}>
        {t('indicators.record.confirmVoid')}
      </button>{' '}
      <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}
