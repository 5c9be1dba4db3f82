import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type { FollowUpQuery } from '../gql/graphql';
import { usePreventionReference } from '../prevention/reference';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { ActivitiesChart, PeopleChart } from './FollowUpCharts';
import { FollowUpTable } from './FollowUpTable';

const FollowUp = graphql(`
  query FollowUp($commitmentId: ID!, $year: Int!) {
    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {
      year
      commitment {
        id
        title
      }
      periods {
        period
        quarter
        activities
        peopleReached
        placesCovered
        byTypeAndStatus {
          type
          status
          activities
          peopleReached
        }
      }
    }
  }
`);

const ExportFollowUp = graphql(`
  query ExportFollowUp($commitmentId: ID!, $year: Int!) {
    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {
      filename
      contentType
      csv
    }
  }
`);

export type FollowUpData = FollowUpQuery['commitmentFollowUp'];

/** The yearly follow-up of one commitment: per quarter and for the year, as charts and as a table. */
export function FollowUpPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const reference = usePreventionReference();
  const commitments = reference.data?.commitments ?? [];
  const commitmentId = params.get('lofte') || commitments[0]?.id || '';
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('ar')) || thisYear;
  const { data, error, loading } = useQuery(FollowUp, { variables: { commitmentId, year }, skip: !commitmentId });
  const client = useApolloClient();
  const [exportError, setExportError] = useState<unknown>();

  useEffect(() => {
    document.title = `${t('followUp.title')} – Samverkan`;
  }, [t]);

  const choose = (key: 'lofte' | 'ar') => (value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key === 'lofte' && !next.get('ar')) next.set('ar', String(year));
    setParams(next, { replace: true });
  };

  const download = async () => {
    setExportError(undefined);
    try {
      const result = await client.query({
        query: ExportFollowUp,
        variables: { commitmentId, year },
        fetchPolicy: 'network-only',
      });
      const file = result.data?.exportCommitmentFollowUp;
      if (!file) return;
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

  const followUp = data?.commitmentFollowUp;
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
  return (
    <>
      <h1>{t('followUp.title')}</h1>
      <p className="lead">{t('followUp.intro')}</p>
      <div className="filters compact">
        <SelectField label={t('followUp.commitment')} name="lofte" value={commitmentId} onChange={choose('lofte')}>
          {commitments.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('followUp.year')} name="ar" value={String(year)} onChange={choose('ar')}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <div className="filter-actions">
          <button type="button" className="button secondary" onClick={() => void download()} disabled={!commitmentId}>
            {t('followUp.download')}
          </button>
        </div>
      </div>
      {exportError !== undefined && <ErrorMessage error={exportError} />}
      {reference.data && commitments.length === 0 && <p className="empty">{t('commitments.none')}</p>}
      {error && <ErrorMessage error={error} />}
      {loading && !followUp && <Loading />}
      {followUp && (
        <>
          <h2>{t('followUp.heading', { commitment: followUp.commitment.title, year: followUp.year })}</h2>
          <div className="charts">
            <ActivitiesChart followUp={followUp} />
            <PeopleChart followUp={followUp} />
          </div>
          <FollowUpTable followUp={followUp} />
        </>
      )}
    </>
  );
}
