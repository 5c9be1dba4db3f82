import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { ImportStaffMembersMutation } from '../gql/graphql';
import { errorKind } from '../ui/errors';
import { ErrorMessage } from '../ui/ErrorMessage';
import { explainRejection } from './import-reasons';
import { usePageTitle } from '../ui/page-title';

const ImportStaff = graphql(`
  mutation ImportStaffMembers($csv: String!) {
    importStaffMembers(csv: $csv) {
      imported
      rejected {
        line
        reason
      }
    }
  }
`);

const ImportCompletions = graphql(`
  mutation ImportCompletions($csv: String!) {
    importCompletions(csv: $csv) {
      imported
      rejected {
        line
        reason
      }
    }
  }
`);

type Kind = 'staff' | 'completions';

/** CSV import of staff or of completed courses: all lines or none, each rejected line explained. */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.import.title'));
  const id = useId();
  const [kind, setKind] = useState<Kind>('staff');
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportStaffMembersMutation['importStaffMembers']>();
  const [error, setError] = useState<unknown>();
  const [empty, setEmpty] = useState(false);
  const [importStaff, staffState] = useMutation(ImportStaff);
  const [importCompletions, completionsState] = useMutation(ImportCompletions);
  const busy = staffState.loading || completionsState.loading;

  const readFile = async (file: File | undefined) => {
    if (file) setCsv(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setReport(undefined);
    setError(undefined);
    setEmpty(csv.trim() === '');
    if (csv.trim() === '') {
      document.getElementById(`${id}-csv`)?.focus();
      return;
    }
    try {
      const r =
        kind === 'staff'
          ? (await importStaff({ variables: { csv } })).data?.importStaffMembers
          : (await importCompletions({ variables: { csv } })).data?.importCompletions;
      setReport(r);
      document.getElementById(`${id}-result`)?.focus();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>{t('training.import.title')}</h1>
      <p className="lead">{t('training.import.intro')}</p>
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="choice">
          <legend>{t('training.import.what')}</legend>
          {(['staff', 'completions'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {t(`training.import.${k}`)}
              <span className="description"> {t(`training.import.${k}Format`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('training.import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-csv`}>{t('training.import.csv')}</label>
          <span id={`${id}-csv-d`} className="description">
            {t('training.import.csvHint')}
          </span>
          <textarea
            id={`${id}-csv`}
            className="csv"
            rows={8}
            value={csv}
            spellCheck={false}
            onChange={(e) => setCsv(e.target.value)}
            aria-invalid={empty ? true : undefined}
            aria-describedby={`${id}-csv-d${empty ? ` ${id}-csv-e` : ''}`}
          />
          {empty && (
            <span id={`${id}-csv-e`} className="field-error">
              {t('training.import.emptyError')}
            </span>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('training.import.submit')}
          </button>
        </div>
      </form>
      <div id={`${id}-result`} tabIndex={-1}>
        {error !== undefined &&
          (errorKind(error) === 'input' ? (
            <div role="alert" className="notice notice-error">
              <p>{t('training.import.headerError', { format: t(`training.import.${kind}Format`) })}</p>
            </div>
          ) : (
            <ErrorMessage error={error} />
          ))}
        {report && report.rejected.length === 0 && (
          <div role="status" className="notice notice-info">
            <p>{t('training.import.done', { count: report.imported })}</p>
          </div>
        )}
        {report && report.rejected.length > 0 && (
          <div role="alert" className="notice notice-error">
            <p>{t('training.import.rejected', { count: report.rejected.length })}</p>
            <div className="table-wrap">
              <table>
                <caption>{t('training.import.rejectedCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('training.import.line')}</th>
                    <th scope="col">{t('training.import.content')}</th>
                    <th scope="col">{t('training.import.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r) => (
                    <tr key={r.line}>
                      <th scope="row">{r.line}</th>
                      <td>
                        <code>{csv.split(/\r?\n/)[r.line - 1] ?? ''}</code>
                      </td>
                      <td>{explainRejection(r.reason, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
