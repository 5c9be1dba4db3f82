import { useMutation } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { CaseContentAudience, CaseRiskLevel, RiskAssessmentMethod } from '../../gql/graphql';
import { formatDate, isValidDate, todayInStockholm } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { AudienceField } from './AudienceField';
import type { CaseData } from './case-document';
import { DateInput } from './CaseSharing';
import { METHODS, RISK_LEVELS } from './enums';

const RecordAssessment = graphql(`
  mutation RecordRiskAssessment($input: RecordRiskAssessmentInput!) {
    recordRiskAssessment(input: $input) {
      id
    }
  }
`);

/** The training gate's refusal: the course whose valid certificate the person lacks. */
function missingCourse(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const e = error.errors.find(
    (x) => x.extensions?.reason === 'CERTIFICATE_MISSING' || x.extensions?.reason === 'NO_TRAINING_GATE',
  );
  return typeof e?.extensions?.course === 'string' ? e.extensions.course : undefined;
}

export function CaseAssessments(props: {
  c: CaseData;
  names: Map<string, string>;
  people: Map<string, string>;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const { c, names, people } = props;
  const [record, recorded] = useMutation(RecordAssessment, { refetchQueries: ['CaseDetails'] });
  const [form, setForm] = useState({ method: '', level: '', assessedOn: todayInStockholm() });
  const [audience, setAudience] = useState<CaseContentAudience>('OWN_ORGANISATION');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const course = missingCourse(recorded.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!form.method) e.method = t('cases.chooseMethod');
    if (!form.level) e.level = t('cases.chooseRisk');
    if (!isValidDate(form.assessedOn)) e.assessedOn = t('validation.date');
    else if (form.assessedOn > todayInStockholm()) e.assessedOn = t('cases.assessedInFuture');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    void record({
      variables: {
        input: {
          caseId: c.id,
          method: form.method as RiskAssessmentMethod,
          level: form.level as CaseRiskLevel,
          assessedOn: form.assessedOn,
          audience,
        },
      },
    }).catch(() => undefined);
  };

  return (
    <section id="assessments" className="panel" aria-labelledby="assessments-h">
      <h2 id="assessments-h">{t('cases.section.assessments')}</h2>
      {c.riskAssessments.length === 0 ? (
        <p className="empty">{t('cases.noAssessments')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('cases.section.assessments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.assessedOn')}</th>
                <th scope="col">{t('cases.method')}</th>
                <th scope="col">{t('cases.riskLevel')}</th>
                <th scope="col">{t('cases.assessor')}</th>
                <th scope="col">{t('cases.audience')}</th>
              </tr>
            </thead>
            <tbody>
              {c.riskAssessments.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="nowrap">
                    {formatDate(r.assessedOn)}
                  </th>
                  <td>{t(`caseEnums.RiskAssessmentMethod.${r.method}`)}</td>
                  <td>{t(`caseEnums.CaseRiskLevel.${r.level}`)}</td>
                  <td>{people.get(r.assessorId) ?? names.get(r.assessorOrganisationId) ?? '–'}</td>
                  <td>{t(`caseEnums.CaseContentAudience.${r.audience}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWork && (
        <form className="form subform" onSubmit={submit} noValidate aria-labelledby="assessment-h">
          <h3 id="assessment-h">{t('cases.newAssessment')}</h3>
          {course ? (
            <div role="alert" className="notice notice-error">
              <p>
                {t('cases.certificateMissing', {
                  method: t(`caseEnums.RiskAssessmentMethod.${form.method}`),
                  course,
                })}
              </p>
            </div>
          ) : (
            recorded.error && <ErrorMessage error={recorded.error} />
          )}
          <div className="row">
            <SelectField
              label={t('cases.method')}
              name="method"
              value={form.method}
              onChange={set('method')}
              required
              error={errors.method}
              description={t('cases.methodHint')}
            >
              <option value="">{t('cases.choose')}</option>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`caseEnums.RiskAssessmentMethod.${m}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('cases.assessedLevel')}
              name="level"
              value={form.level}
              onChange={set('level')}
              required
              error={errors.level}
            >
              <option value="">{t('cases.choose')}</option>
              {RISK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`caseEnums.CaseRiskLevel.${l}`)}
                </option>
              ))}
            </SelectField>
            <DateInput
              label={t('cases.assessedOn')}
              id="assessed-on"
              value={form.assessedOn}
              onChange={set('assessedOn')}
              error={errors.assessedOn}
              required
            />
          </div>
          <AudienceField value={audience} onChange={setAudience} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={recorded.loading}>
              {t('cases.saveAssessment')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
