import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { formatDateTime } from '../../ui/dates';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import './audit.css';

const PAGE_SIZE = 20;

const Reviews = graphql(`
  query BreakGlassReviews($filter: BreakGlassReviewFilter, $first: Int, $after: String) {
    breakGlassReviews(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseId
          userId
          reasonCode
          reasonText
          openedAt
          expiresAt
          active
          endedAt
          reviewedAt
          reviewedBy
          reviewComment
        }
      }
    }
  }
`);

const Review = graphql(`
  mutation ReviewBreakGlass($id: ID!, $comment: String!, $endAccess: Boolean) {
    reviewBreakGlass(id: $id, comment: $comment, endAccess: $endAccess) {
      id
      reviewedAt
      reviewComment
      active
      endedAt
    }
  }
`);

/** The break-the-glass accesses to the organisation's cases, awaiting review first (oldest first). */
export function BreakGlassReviewsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = params.get('visa') ?? 'ogranskade';
  const reviewed = state === 'granskade' ? true : state === 'alla' ? null : false;
  const { data, loading, error, fetchMore } = useQuery(Reviews, {
    variables: { filter: { reviewed }, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
  });

  useEffect(() => {
    document.title = `${t('auditLog.reviewsTitle')} – Samverkan`;
  }, [t]);

  const connection = data?.breakGlassReviews;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/loggkontroll">{t('auditLog.back')}</Link>
      </p>
      <h1>{t('auditLog.reviewsTitle')}</h1>
      <p className="lead">{t('auditLog.reviewsLead')}</p>
      <div className="filters compact">
        <SelectField
          label={t('auditLog.show')}
          name="visa"
          value={state}
          onChange={(v) => setParams(new URLSearchParams({ visa: v }))}
        >
          <option value="ogranskade">{t('auditLog.awaiting')}</option>
          <option value="granskade">{t('auditLog.reviewed')}</option>
          <option value="alla">{t('common.all')}</option>
        </SelectField>
      </div>
      {error && <ErrorMessage error={error} />}
      {loading && !connection && <Loading />}
      {connection && (
        <>
          <p className="count" role="status">
            {t('auditLog.reviewsCount', { shown: connection.edges.length, total: connection.totalCount })}
          </p>
          {connection.edges.length === 0 && <p className="empty">{t('auditLog.noReviews')}</p>}
          <ul className="items reviews">
            {connection.edges.map(({ node: b }) => (
              <li key={b.id} className="item">
                <h2 className="item-title">
                  {t(`caseEnums.BreakGlassReason.${b.reasonCode}`)} · {formatDateTime(b.openedAt)}
                </h2>
                <dl className="details compact">
                  <div>
                    <dt>{t('auditLog.reasonText')}</dt>
                    <dd>{b.reasonText}</dd>
                  </div>
                  <div>
                    <dt>{t('auditLog.accessPeriod')}</dt>
                    <dd>
                      {formatDateTime(b.openedAt)} – {formatDateTime(b.endedAt ?? b.expiresAt)}{' '}
                      {b.active && <span className="badge warn">{t('auditLog.stillActive')}</span>}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('auditLog.opener')}</dt>
                    <dd>
                      <Link to={`/loggkontroll?person=${b.userId}`}>{t('auditLog.openerLog')}</Link>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('auditLog.case')}</dt>
                    <dd>
                      <Link to={`/loggkontroll/spar?typ=Case&id=${b.caseId}`}>{t('auditLog.caseTrail')}</Link>
                    </dd>
                  </div>
                  {b.reviewedAt && (
                    <div>
                      <dt>{t('auditLog.reviewedAt')}</dt>
                      <dd>
                        {formatDateTime(b.reviewedAt)}: {b.reviewComment}
                      </dd>
                    </div>
                  )}
                </dl>
                {!b.reviewedAt && <ReviewForm id={b.id} active={b.active} />}
              </li>
            ))}
          </ul>
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

function ReviewForm({ id, active }: { id: string; active: boolean }) {
  const { t } = useTranslation();
  const [review, reviewed] = useMutation(Review, { refetchQueries: ['BreakGlassReviews'] });
  const [comment, setComment] = useState('');
  const [endAccess, setEndAccess] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) {
      setError(t('auditLog.writeComment'));
      return;
    }
    setError(undefined);
    void review({ variables: { id, comment, endAccess } }).catch(() => undefined);
  };
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-label={t('auditLog.reviewForm')}>
      {reviewed.error && <ErrorMessage error={reviewed.error} />}
      <div className="field">
        <label htmlFor={`comment-${id}`}>
          {t('auditLog.comment')}
          <span aria-hidden="true"> *</span>
        </label>
        <textarea
          id={`comment-${id}`}
          rows={2}
          maxLength={1000}
          value={comment}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `comment-${id}-e` : undefined}
          onChange={(e) => setComment(e.target.value)}
        />
        {error && (
          <span id={`comment-${id}-e`} className="field-error">
            {error}
          </span>
        )}
      </div>
      {active && (
        <label className="choice">
          <input type="checkbox" checked={endAccess} onChange={(e) => setEndAccess(e.target.checked)} />
          {t('auditLog.endAccess')}
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={reviewed.loading}>
          {t('auditLog.markReviewed')}
        </button>
      </div>
    </form>
  );
}
