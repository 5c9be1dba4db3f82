import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { CaseContentAudience } from '../../gql/graphql';
import { formatDate, isValidDate, todayInStockholm } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { AudienceField } from './AudienceField';
import type { CaseData } from './case-document';
import { DateInput } from './CaseSharing';

const RecordMeeting = graphql(`
  mutation RecordCaseMeeting($input: RecordCaseMeetingInput!) {
    recordCaseMeeting(input: $input) {
      id
    }
  }
`);

export function CaseMeetings(props: { c: CaseData; names: Map<string, string>; canWork: boolean }) {
  const { t } = useTranslation();
  const { c, names } = props;
  const [record, recorded] = useMutation(RecordMeeting, { refetchQueries: ['CaseDetails'] });
  const organisations = [
    ...new Set([c.owner.id, ...c.legalBases.filter((b) => b.active).map((b) => b.organisationId)]),
  ];
  const [heldOn, setHeldOn] = useState(todayInStockholm());
  const [decisions, setDecisions] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const [audience, setAudience] = useState<CaseContentAudience>('OWN_ORGANISATION');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!isValidDate(heldOn)) e.heldOn = t('validation.date');
    else if (heldOn > todayInStockholm()) e.heldOn = t('cases.meetingInFuture');
    if (!decisions.trim()) e.decisions = t('cases.writeDecisions');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    void record({
      variables: { input: { caseId: c.id, heldOn, decisions, participantOrganisationIds: participants, audience } },
    }).then(
      () => {
        setDecisions('');
        setParticipants([]);
      },
      () => undefined,
    );
  };

  return (
    <section id="meetings" className="panel" aria-labelledby="meetings-h">
      <h2 id="meetings-h">{t('cases.section.meetings')}</h2>
      {c.meetings.length === 0 ? (
        <p className="empty">{t('cases.noMeetings')}</p>
      ) : (
        <ul className="items">
          {c.meetings.map((m) => (
            <li key={m.id} className="item">
              <p className="item-meta">
                {formatDate(m.heldOn)} ·{' '}
                {m.participantOrganisationIds.map((id) => names.get(id) ?? t('cases.otherOrganisation')).join(', ') ||
                  '–'}{' '}
                ·{' '}
                <span className={`badge audience-${m.audience.toLowerCase()}`}>
                  {t(`caseEnums.CaseContentAudience.${m.audience}`)}
                </span>
              </p>
              <p className="item-text">{m.decisions}</p>
            </li>
          ))}
        </ul>
      )}
      {props.canWork && (
        <form className="form subform" onSubmit={submit} noValidate aria-labelledby="meeting-h">
          <h3 id="meeting-h">{t('cases.newMeeting')}</h3>
          {recorded.error && <ErrorMessage error={recorded.error} />}
          <DateInput
            label={t('cases.heldOn')}
            id="meeting-date"
            value={heldOn}
            onChange={setHeldOn}
            error={errors.heldOn}
            required
          />
          <fieldset className="field">
            <legend>{t('cases.participants')}</legend>
            {organisations.map((id) => (
              <label key={id} className="choice">
                <input
                  type="checkbox"
                  checked={participants.includes(id)}
                  onChange={(e) => setParticipants((p) => (e.target.checked ? [...p, id] : p.filter((x) => x !== id)))}
                />
                {names.get(id) ?? t('cases.otherOrganisation')}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="meeting-decisions">
              {t('cases.decisions')}
              <span aria-hidden="true"> *</span>
            </label>
            <textarea
              id="meeting-decisions"
              rows={3}
              maxLength={4000}
              value={decisions}
              aria-invalid={errors.decisions ? true : undefined}
              aria-describedby={errors.decisions ? 'meeting-decisions-e' : undefined}
              onChange={(e) => setDecisions(e.target.value)}
            />
            {errors.decisions && (
              <span id="meeting-decisions-e" className="field-error">
                {errors.decisions}
              </span>
            )}
          </div>
          <AudienceField value={audience} onChange={setAudience} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={recorded.loading}>
              {t('cases.saveMeeting')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
