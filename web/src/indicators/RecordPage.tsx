import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/session';
import { graphql } from '../gql';
import type { RecordDetectionMutation } from '../gql/graphql';
import { formatDate, formatDateTime, isValidDate, todayInStockholm } from '../ui/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SelectField } from '../ui/fields';
import { usePageTitle } from '../ui/page-title';
import { useIndicators } from './queries';

const Areas = graphql(`
  query IndicatorAreas {
    areas {
      id
      name
    }
  }
`);

const RecordDetection = graphql(`
  mutation RecordDetection($input: RecordDetectionInput!) {
    recordDetection(input: $input) {
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

type Detection = RecordDetectionMutation['recordDetection'];

/** Owners record detections of their own organisation kind's indicators, and void a mistaken record. */
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
  const [records, setRecords] = useState<Detection[]>([]);
  const [record, recordState] = useMutation(RecordDetection);
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
      const saved = r.data?.recordDetection;
      if (saved) setRecords((list) => [saved, ...list]);
      setForm((f) => ({ ...f, count: '1' }));
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
      <h2>{t('indicators.record.recent')}</h2>
      {records.length === 0 ? (
        <p className="empty">{t('indicators.record.none')}</p>
      ) : (
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
                  <th scope="row">{nameOf(r.indicatorCode)}</th>
                  <td>{r.area.name}</td>
                  <td className="nowrap">{formatDate(r.occurredOn)}</td>
                  <td className="num">{r.count}</td>
                  <td className="nowrap">{formatDateTime(r.recordedAt)}</td>
                  <td>
                    <VoidControl
                      record={r}
                      label={`${nameOf(r.indicatorCode)}, ${r.area.name}, ${formatDate(r.occurredOn)}`}
                      onVoided={(v) => setRecords((list) => list.map((x) => (x.id === v.id ? { ...x, ...v } : x)))}
                    />
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

/** Voiding needs a reason; the record is kept and no longer counted. */
function VoidControl({
  record,
  label,
  onVoided,
}: {
  record: Detection;
  label: string;
  onVoided: (v: Pick<Detection, 'id' | 'voidedAt' | 'voidReason'>) => void;
}) {
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
      const r = await voidRecord({ variables: { id: record.id, reason: reason.trim() } });
      if (r.data) onVoided(r.data.voidDetection);
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
