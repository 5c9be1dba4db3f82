import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { graphql } from '../gql';
import type { PreventionActivityStatus, PreventionActivityType, Visibility } from '../gql/graphql';
import { isValidDate, stockholmParts, stockholmToIso, TIME_PATTERN } from '../ui/dates';
import { ErrorMessage, Loading } from '../ui/ErrorMessage';
import { errorField, errorKind } from '../ui/errors';
import { SelectField } from '../ui/fields';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, VISIBILITIES } from './enums';
import { usePreventionReference } from './reference';

const ActivityForEdit = graphql(`
  query ActivityForEdit($id: ID!) {
    preventionActivity(id: $id) {
      id
      title
      type
      status
      visibility
      startsAt
      endsAt
      description
      peopleReached
      area {
        id
      }
      place {
        id
      }
      commitment {
        id
      }
    }
  }
`);

const CreateActivity = graphql(`
  mutation CreateActivity($input: CreatePreventionActivityInput!) {
    createPreventionActivity(input: $input) {
      id
    }
  }
`);

const UpdateActivity = graphql(`
  mutation UpdateActivity($id: ID!, $input: UpdatePreventionActivityInput!) {
    updatePreventionActivity(id: $id, input: $input) {
      id
      title
      type
      status
      visibility
      startsAt
      endsAt
      description
      peopleReached
    }
  }
`);

interface Values {
  title: string;
  type: string;
  visibility: string;
  status: string;
  areaId: string;
  placeId: string;
  commitmentId: string;
  date: string;
  startTime: string;
  endTime: string;
  peopleReached: string;
  description: string;
}
type Errors = Partial<Record<keyof Values, string>>;

const EMPTY: Values = {
  title: '',
  type: '',
  visibility: 'PARTNERSHIP',
  status: 'PLANNED',
  areaId: '',
  placeId: '',
  commitmentId: '',
  date: '',
  startTime: '',
  endTime: '',
  peopleReached: '',
  description: '',
};

/** The API's field names (`extensions.field`) as the form's. */
const SERVER_FIELDS: Record<string, keyof Values> = {
  title: 'title',
  type: 'type',
  areaId: 'areaId',
  placeId: 'placeId',
  startsAt: 'date',
  endsAt: 'endTime',
  peopleReached: 'peopleReached',
  commitmentId: 'commitmentId',
};

export function ActivityFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const edit = useQuery(ActivityForEdit, { variables: { id: id ?? '' }, skip: !id, fetchPolicy: 'network-only' });
  useEffect(() => {
    document.title = `${id ? t('activityForm.editTitle') : t('activityForm.newTitle')} – Samverkan`;
  }, [id, t]);
  if (!id) return <ActivityForm initial={EMPTY} />;
  if (edit.error) return <ErrorMessage error={edit.error} />;
  const a = edit.data?.preventionActivity;
  if (!a) return <Loading />;
  const start = stockholmParts(a.startsAt);
  return (
    <ActivityForm
      id={a.id}
      initial={{
        title: a.title,
        type: a.type,
        visibility: a.visibility,
        status: a.status,
        areaId: a.area.id,
        placeId: a.place?.id ?? '',
        commitmentId: a.commitment?.id ?? '',
        date: start.date,
        startTime: start.time,
        endTime: a.endsAt ? stockholmParts(a.endsAt).time : '',
        peopleReached: a.peopleReached === null || a.peopleReached === undefined ? '' : String(a.peopleReached),
        description: a.description ?? '',
      }}
    />
  );
}

/** Today's date where the person is, YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function validate(v: Values, t: (k: string) => string): Errors {
  const e: Errors = {};
  if (!v.title.trim()) e.title = t('validation.titleRequired');
  else if (v.title.trim().length > 200) e.title = t('validation.titleTooLong');
  if (!v.type) e.type = t('validation.typeRequired');
  if (!v.areaId) e.areaId = t('validation.areaRequired');
  if (!v.date) e.date = t('validation.dateRequired');
  else if (!isValidDate(v.date)) e.date = t('validation.date');
  if (!v.startTime) e.startTime = t('validation.timeRequired');
  else if (!TIME_PATTERN.test(v.startTime)) e.startTime = t('validation.time');
  if (v.endTime && !TIME_PATTERN.test(v.endTime)) e.endTime = t('validation.time');
  else if (v.endTime && !e.startTime && v.endTime.replace('.', ':') < v.startTime.replace('.', ':'))
    e.endTime = t('validation.endBeforeStart');
  if (v.peopleReached && !/^\d+$/.test(v.peopleReached)) e.peopleReached = t('validation.peopleReached');
  // The API refuses people reached for an activity that has not started (a later day is caught here).
  else if (v.peopleReached && !e.date && v.date > localToday())
    e.peopleReached = t('validation.peopleReachedBeforeStart');
  return e;
}

function ActivityForm({ id, initial }: { id?: string; initial: Values }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reference = usePreventionReference();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [create, created] = useMutation(CreateActivity, { refetchQueries: ['Activities', 'MyOverview'] });
  const [update, updated] = useMutation(UpdateActivity, { refetchQueries: ['Activities', 'MyOverview'] });
  const areas = reference.data?.areas ?? [];

  useEffect(() => {
    // One area (the usual case): chosen already.
    if (!values.areaId && areas.length === 1) setValues((v) => ({ ...v, areaId: areas[0].id }));
  }, [areas, values.areaId]);

  const set = (key: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value, ...(key === 'areaId' ? { placeId: '' } : {}) }));
    // A field the person has changed no longer shows its old message (it is checked again on save).
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _changed, ...rest } = e;
      return rest;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values, t);
    setErrors(found);
    setFailure(undefined);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`activity-${first}`)?.focus();
      return;
    }
    const common = {
      title: values.title.trim(),
      type: values.type as PreventionActivityType,
      visibility: values.visibility as Visibility,
      areaId: values.areaId,
      placeId: values.placeId || null,
      commitmentId: values.commitmentId || null,
      startsAt: stockholmToIso(values.date, values.startTime),
      endsAt: values.endTime ? stockholmToIso(values.date, values.endTime) : null,
      peopleReached: values.peopleReached ? Number(values.peopleReached) : null,
      description: values.description.trim() || null,
    };
    try {
      if (id) {
        await update({ variables: { id, input: { ...common, status: values.status as PreventionActivityStatus } } });
        void navigate(`/forebyggande/${id}`);
      } else {
        const result = await create({ variables: { input: common } });
        void navigate(`/forebyggande/${result.data?.createPreventionActivity.id ?? ''}`);
      }
    } catch (error) {
      const field = errorField(error);
      const mapped = field ? SERVER_FIELDS[field.replace(/^input\./, '')] : undefined;
      if (errorKind(error) === 'input' && mapped) setErrors({ [mapped]: t('validation.server') });
      else setFailure(error);
    }
  };

  const places = (reference.data?.places ?? []).filter((p) => !values.areaId || p.area.id === values.areaId);
  const busy = created.loading || updated.loading;
  return (
    <>
      <h1>{id ? t('activityForm.editTitle') : t('activityForm.newTitle')}</h1>
      <p className="lead">{t('activityForm.intro')}</p>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="notice notice-error">
          {t('validation.summary', { count: Object.keys(errors).length })}
        </p>
      )}
      <form className="form activity-form" onSubmit={submit} noValidate>
        <TextInput
          id="activity-title"
          label={t('activity.title')}
          value={values.title}
          onChange={set('title')}
          error={errors.title}
          required
        />
        <SelectField
          id="activity-type"
          label={t('activity.type')}
          name="type"
          value={values.type}
          onChange={set('type')}
          error={errors.type}
          required
        >
          <option value="">{t('common.choose')}</option>
          {ACTIVITY_TYPES.map((v) => (
            <option key={v} value={v}>
              {t(`enums.PreventionActivityType.${v}`)}
            </option>
          ))}
        </SelectField>
        <div className="row">
          <TextInput
            id="activity-date"
            label={t('activity.date')}
            description={t('common.dateFormat')}
            value={values.date}
            onChange={set('date')}
            error={errors.date}
            required
            inputMode="numeric"
          />
          <TextInput
            id="activity-startTime"
            label={t('activity.startTime')}
            description={t('common.timeFormat')}
            value={values.startTime}
            onChange={set('startTime')}
            error={errors.startTime}
            required
            inputMode="numeric"
          />
          <TextInput
            id="activity-endTime"
            label={t('activity.endTime')}
            description={t('common.timeFormat')}
            value={values.endTime}
            onChange={set('endTime')}
            error={errors.endTime}
            inputMode="numeric"
          />
        </div>
        <SelectField
          id="activity-areaId"
          label={t('activity.area')}
          name="areaId"
          value={values.areaId}
          onChange={set('areaId')}
          error={errors.areaId}
          required
        >
          <option value="">{t('common.choose')}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('activity.place')}
          name="placeId"
          value={values.placeId}
          onChange={set('placeId')}
          error={errors.placeId}
        >
          <option value="">{t('activityForm.noPlace')}</option>
          {places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('activity.commitment')}
          name="commitmentId"
          value={values.commitmentId}
          onChange={set('commitmentId')}
          error={errors.commitmentId}
        >
          <option value="">{t('activityForm.noCommitment')}</option>
          {reference.data?.commitments.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <fieldset className="field">
          <legend>{t('activity.visibility')}</legend>
          {VISIBILITIES.map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={values.visibility === v}
                onChange={() => set('visibility')(v)}
              />
              <span>
                {t(`enums.Visibility.${v}`)}
                <span className="description">{t(`activityForm.visibilityHelp.${v}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {id && (
          <SelectField label={t('activity.status')} name="status" value={values.status} onChange={set('status')}>
            {ACTIVITY_STATUSES.map((v) => (
              <option key={v} value={v}>
                {t(`enums.PreventionActivityStatus.${v}`)}
              </option>
            ))}
          </SelectField>
        )}
        <TextInput
          id="activity-peopleReached"
          label={t('activity.peopleReached')}
          value={values.peopleReached}
          onChange={set('peopleReached')}
          error={errors.peopleReached}
          inputMode="numeric"
        />
        <div className="field">
          <label htmlFor="activity-description">{t('activity.description')}</label>
          <textarea
            id="activity-description"
            rows={4}
            value={values.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {id ? t('activityForm.save') : t('activityForm.create')}
          </button>
          <Link to={id ? `/forebyggande/${id}` : '/forebyggande'} className="button secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
  description?: string;
  inputMode?: 'numeric';
}) {
  const describedBy =
    [props.description ? `${props.id}-d` : '', props.error ? `${props.id}-e` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.description && (
        <span id={`${props.id}-d`} className="description">
          {props.description}
        </span>
      )}
      <input
        id={props.id}
        value={props.value}
        inputMode={props.inputMode}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy}
      />
      {props.error && (
        <span id={`${props.id}-e`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
