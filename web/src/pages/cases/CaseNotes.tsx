import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { CaseContentAudience } from '../../gql/graphql';
import { formatDateTime } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { AudienceField } from './AudienceField';
import type { CaseData } from './case-document';

const AddNote = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
    }
  }
`);

export function CaseNotes(props: {
  c: CaseData;
  names: Map<string, string>;
  people: Map<string, string>;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const { c, names, people } = props;
  const [add, added] = useMutation(AddNote, { refetchQueries: ['CaseDetails'] });
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<CaseContentAudience>('OWN_ORGANISATION');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('cases.writeNote'));
      return;
    }
    setError(undefined);
    void add({ variables: { input: { caseId: c.id, text, audience } } }).then(
      () => setText(''),
      () => undefined,
    );
  };

  return (
    <section id="notes" className="panel" aria-labelledby="notes-h">
      <h2 id="notes-h">{t('cases.section.notes')}</h2>
      {c.notes.length === 0 ? (
        <p className="empty">{t('cases.noNotes')}</p>
      ) : (
        <ul className="items">
          {c.notes.map((n) => (
            <li key={n.id} className="item">
              <p className="item-meta">
                {formatDateTime(n.createdAt)} · {people.get(n.authorId) ?? names.get(n.authorOrganisationId) ?? '–'} ·{' '}
                <span className={`badge audience-${n.audience.toLowerCase()}`}>
                  {t(`caseEnums.CaseContentAudience.${n.audience}`)}
                </span>
              </p>
              <p className="item-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      {props.canWork && (
        <form className="form subform" onSubmit={submit} noValidate aria-labelledby="note-h">
          <h3 id="note-h">{t('cases.newNote')}</h3>
          {added.error && <ErrorMessage error={added.error} />}
          <div className="field">
            <label htmlFor="note-text">
              {t('cases.noteText')}
              <span aria-hidden="true"> *</span>
            </label>
            <span id="note-text-d" className="description">
              {t('cases.noteHint')}
            </span>
            <textarea
              id="note-text"
              rows={3}
              maxLength={4000}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'note-text-d note-text-e' : 'note-text-d'}
              onChange={(e) => setText(e.target.value)}
            />
            {error && (
              <span id="note-text-e" className="field-error">
                {error}
              </span>
            )}
          </div>
          <AudienceField value={audience} onChange={setAudience} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={added.loading}>
              {t('cases.saveNote')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
