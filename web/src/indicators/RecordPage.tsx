import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import { isValidDate, todayInStockholm } from '../ui/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { usePageTitle } from '../ui/page-title';
import { DetectionRecords } from './DetectionRecords';
import { useIndicators } from './queries';

const Areas = graphql(`
  query IndicatorAreas {
    areas {
      id
      name
    }
  }
`);

// Only the id: the organisation's list below is asked again and shows the record.
const RecordDetection = graphql(`
  mutation RecordDetection($input: RecordDetectionInput!) {
    recordDetection(input: $input) {
      id
    }
  }
`);

/** Owners record detections of their own organisation kind's indicators; below, their organisation's records, to void a mistaken one. */
export function RecordPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('indicators.record.title'));
  const id = useId();
  const user = useUser();
  const list = useIndicators();
  const areas = useQuery(Areas, { fetchPolicy: 'cache-first' });
  const own = (list.data?.indicators ?? []).filter((i) => i.active && i.reportedBy === user.organisation.kind);
  const [form, setForm] = useState({ indicatorCode: '', areaId: '', occurredOn: todayInStockholm(), count: '1' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  // The organisation's list (below) is asked again, so the new record shows at its top.
  const [record, recordState] = useMutation(RecordDetection, { refetchQueries: ['DetectionRecords'] });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const nameOf = (code: string) => {
    const i = own.find((x) => x.code === code);
    return i ? (i18n.language === 'en' ? i.nameEn : i.nameSv) : code;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!form.indicatorCode) found.indicatorCode = t('indicators.record.errors.indicator');
    if (!form.areaId) found.areaId = t('validation.areaRequired');
    if (!isValidDate(form.occurredOn)) found.occurredOn = t('validation.date');
    else if (form.occurredOn > todayInStockholm()) found.occurredOn = t('indicators.record.errors.future');
    const count = Number(form.count);
    if (!/^\d+$/.test(form.count.trim()) || count < 1 || count > 10000)
      found.count = t('indicators.record.errors.count');
    setErrors(found);
    setError(undefined);
    setSaved(false);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    try {
      const r = await record({
        variables: {
          input: { indicatorCode: form.indicatorCode, areaId: form.areaId, occurredOn: form.occurredOn, count },
        },
      });
      if (r.data?.recordDetection) {
        setForm((f) => ({ ...f, count: '1' }));
        setSaved(true);
      }
    } catch (e) {
      setError(e);
    }
  };

  const input = (key: 'occurredOn' | 'count', label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>
        {label}
        <span aria-hidden="true"> *</span>
      </label>
      <span id={`${id}-${key}-d`} className="description">
        {hint}
      </span>
      <input
        id={`${id}-${key}`}
        value={form[key]}
        inputMode={key === 'count' ? 'numeric' : undefined}
        onChange={(e) => set(key)(e.target.value)}
        aria-required
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={`${id}-${key}-d${errors[key] ? ` ${id}-${key}-e` : ''}`}
      />
      {errors[key] && (
        <span id={`${id}-${key}-e`} className="field-error">
          {errors[key]}
        </span>
      )}
    </div>
  );

  return (
    <>
      <h1>{t('indicators.record.title')}</h1>
      <p className="lead">{t('indicators.record.intro')}</p>
      <form className="form card" noValidate onSubmit={(e) => void submit(e)}>
        <SelectField
          id={`${id}-indicatorCode`}
          label={t('indicators.indicator')}
          name="indicatorCode"
          value={form.indicatorCode}
          onChange={set('indicatorCode')}
          required
          error={errors.indicatorCode}
        >
          <option value="">{t('common.choose')}</option>
          {own.map((i) => (
            <option key={i.code} value={i.code}>
              {i18n.language === 'en' ? i.nameEn : i.nameSv}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-areaId`}
          label={t('activity.area')}
          name="areaId"
          value={form.areaId}
          onChange={set('areaId')}
          required
          error={errors.areaId}
        >
          <option value="">{t('common.choose')}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        {input('occurredOn', t('indicators.record.occurredOn'), t('common.dateFormat'))}
        {input('count', t('indicators.record.count'), t('indicators.record.countHint'))}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={recordState.loading}>
            {t('indicators.record.submit')}
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorMessage error={error} />}
      {saved && (
        <p className="notice notice-info" role="status">
          {t('indicators.record.saved')}
        </p>
      )}
      <DetectionRecords indicatorName={nameOf} />
    </>
  );
}
