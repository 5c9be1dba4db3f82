import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { formatDate, formatDateTime } from '../../ui/dates';
import { ErrorMessage, Loading } from '../../ui/ErrorMessage';
import { legalBasisText } from './legal-basis';
import './cases.css';

const Inbox = graphql(`
  query CaseInbox {
    incomingCaseShares {
      legalBasisId
      caseId
      riskLevel
      sharedAt
      acceptedAt
      contactFunction
      senderOrganisation {
        id
        name
      }
      legalBasis {
        id
        kind
        statutoryGround
        consentScope
        consentExpiresAt
      }
    }
  }
`);

const Accept = graphql(`
  mutation AcceptCaseShare($legalBasisId: ID!) {
    acceptCaseShare(legalBasisId: $legalBasisId) {
      userId
    }
  }
`);

/** Shares addressed to the caller's organisation: what a case worker needs to decide, no content. */
export function CaseInboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(Inbox, { fetchPolicy: 'network-only' });
  const [accept, accepted] = useMutation(Accept, { refetchQueries: ['Cases'] });

  useEffect(() => {
    document.title = `${t('cases.inboxTitle')} – Samverkan`;
  }, [t]);

  const shares = data?.incomingCaseShares;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/arenden">{t('cases.back')}</Link>
      </p>
      <h1>{t('cases.inboxTitle')}</h1>
      <p className="lead">{t('cases.inboxLead')}</p>
      {(error || accepted.error) && <ErrorMessage error={error ?? accepted.error} />}
      {loading && !shares && <Loading />}
      {shares && shares.length === 0 && <p className="empty">{t('cases.inboxEmpty')}</p>}
      {shares && shares.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('cases.inboxTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.sender')}</th>
                <th scope="col">{t('cases.riskLevel')}</th>
                <th scope="col">{t('cases.legalBasis')}</th>
                <th scope="col">{t('cases.contactFunction')}</th>
                <th scope="col">{t('cases.sharedAt')}</th>
                <th scope="col">{t('cases.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((s) => (
                <tr key={s.legalBasisId}>
                  <th scope="row">{s.senderOrganisation.name}</th>
                  <td>{t(`caseEnums.CaseRiskLevel.${s.riskLevel}`)}</td>
                  <td>
                    {legalBasisText(t, s.legalBasis)}
                    {s.legalBasis.consentExpiresAt && (
                      <>
                        <br />
                        <span className="hint">
                          {t('cases.consentUntil', { date: formatDate(s.legalBasis.consentExpiresAt) })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{s.contactFunction ?? '–'}</td>
                  <td className="nowrap">{formatDateTime(s.sharedAt)}</td>
                  <td>
                    {s.acceptedAt ? (
                      <Link to={`/arenden/${s.caseId}`}>
                        {t('cases.acceptedAt', { date: formatDateTime(s.acceptedAt) })}
                      </Link>
                    ) : (
                      <button
                        type="button"
                        className="button primary"
                        disabled={accepted.loading}
                        aria-label={t('cases.acceptFrom', { sender: s.senderOrganisation.name })}
                        onClick={() =>
                          void accept({ variables: { legalBasisId: s.legalBasisId } }).then(
                            () => navigate(`/arenden/${s.caseId}`),
                            () => undefined,
                          )
                        }
                      >
                        {t('cases.accept')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
