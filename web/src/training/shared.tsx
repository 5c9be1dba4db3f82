import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificationStatus, EnrolmentStatus } from '../gql/graphql';

export function CertificateBadge({ status }: { status: CertificationStatus }) {
  const { t } = useTranslation();
  const tone = status === 'VALID' ? 'status-done' : status === 'EXPIRING' ? 'warn' : 'status-cancelled';
  return <span className={`badge ${tone}`}>{t(`enums.CertificationStatus.${status}`)}</span>;
}

export function EnrolmentBadge({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation();
  const tone =
    status === 'ENROLLED' || status === 'COMPLETED'
      ? 'status-done'
      : status === 'WAITLISTED'
        ? 'warn'
        : 'status-cancelled';
  return <span className={`badge ${tone}`}>{t(`enums.EnrolmentStatus.${status}`)}</span>;
}

/** Offers a CSV text as a download (nothing is kept in the browser). */
export function downloadCsv(file: { filename: string; contentType: string; csv: string }): void {
  const url = URL.createObjectURL(new Blob([file.csv], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A one-off request's error state, for buttons that fetch on demand (downloads). */
export function useOnDemand() {
  const client = useApolloClient();
  const [error, setError] = useState<unknown>();
  return { client, error, setError };
}
