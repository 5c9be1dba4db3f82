import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/session';
import { graphql } from '../../gql';
import type { ConsentScope, LegalBasisInput, StatutoryGround } from '../../gql/graphql';
import { formatDate, formatDateTime, isValidDate, stockholmToIso, todayInStockholm } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import type { CaseData } from './case-document';
import { CONSENT_SCOPES, STATUTORY_GROUNDS } from './enums';
import { legalBasisText } from './legal-basis';

const ShareCase = graphql(`
  mutation ShareCase($input: ShareCaseInput!) {
    shareCase(input: $input) {
      id
      active
    }
  }
`);
const WithdrawConsent = graphql(`
  mutation WithdrawCaseConsent($id: ID!) {
    withdrawCaseConsent(legalBasisId: $id) {
      id
      active
    }
  }
`);
const RevokeShare = graphql(`
  mutation RevokeCaseShare($id: ID!) {
    revokeCaseShare(legalBasisId: $id) {
      id
      active
    }
  }
`);

type Basis = CaseData['legalBases'][number];

function basisState(b: Basis): string {
  if (b.active) return 'active';
  if (b.revokedAt) return 'revoked';
  if (b.consentWithdrawnAt) return 'withdrawn';
  return 'expired';
}

export function CaseSharing(props: {
  c: CaseData;
  names: Map<string, string>;
  canShare: boolean;
  partnerships: { organisations: { id: string; name: string }[] }[];
}) {
  const { t } = useTranslation();
  const { c, names } = props;
  const opts = { refetchQueries: ['CaseDetails'] };
  const [withdraw, withdrawn] = useMutation(WithdrawConsent, opts);
  const [revoke, revoked] = useMutation(RevokeShare, opts);
  const failure = withdrawn.error ?? revoked.error;

  return (
    <section id="sharing" className="panel" aria-labelledby="sharing-h">
      <h2 id="sharing-h">{t('cases.section.sharing')}</h2>
      {failure && <ErrorMessage error={failure} />}
      {c.legalBases.length === 0 ? (
        <p className="empty">{t('cases.notShared')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('cases.section.sharing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.partner')}</th>
                <th scope="col">{t('cases.legalBasis')}</th>
                <th scope="col">{t('cases.shareState')}</th>
                <th scope="col">{t('cases.acceptedColumn')}</th>
                {props.canShare && <th scope="col">{t('cases.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {c.legalBases.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{names.get(b.organisationId) ?? t('cases.otherOrganisation')}</th>
                  <td>
                    {legalBasisText(t, b)}
                    {b.kind === 'CONSENT' && b.consentGivenOn && b.consentExpiresAt && (
                      <>
                        <br />
                        <span className="hint">
                          {t('cases.consentPeriod', {
                            from: formatDate(b.consentGivenOn),
                            to: formatDate(b.consentExpiresAt),
                          })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <span className={`badge share-${basisState(b)}`}>{t(`cases.shareStates.${basisState(b)}`)}</span>
                  </td>
                  <td className="nowrap">{b.acceptedAt ? formatDateTime(b.acceptedAt) : t('cases.notAccepted')}</td>
                  {props.canShare && (
                    <td>
                      {b.active && b.kind === 'CONSENT' && (
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => void withdraw({ variables: { id: b.id } }).catch(() => undefined)}
                        >
                          {t('cases.withdrawConsent')}
                        </button>
                      )}{' '}
                      {b.active && (
                        <button
                          type="button"
                          className="button danger"
                          onClick={() => void revoke({ variables: { id: b.id } }).catch(() => undefined)}
                        >
                          {t('cases.revokeShare')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canShare && c.status === 'OPEN' && (
        <ShareForm caseId={c.id} ownerId={c.owner.id} partnerships={props.partnerships} />
      )}
    </section>
  );
}

function ShareForm(props: {
  caseId: string;
  ownerId: string;
  partnerships: { organisations: { id: string; name: string }[] }[];
}) {
  const { t } = useTranslation();
  const user = useUser();
  const [share, shared] = useMutation(ShareCase, { refetchQueries: ['CaseDetails'] });
  const partners = new Map<string, string>();
  for (const p of props.partnerships)
    for (const o of p.organisations) if (o.id !== user.organisation.id) partners.set(o.id, o.name);
  const [form, setForm] = useState({
    organisationId: '',
    kind: '',
    ground: '',
    scope: '',
    givenOn: todayInStockholm(),
    expiresOn: '',
    contact: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!form.organisationId) e.organisationId = t('cases.choosePartner');
    if (!form.kind) e.kind = t('cases.chooseKind');
    if (form.kind === 'STATUTORY' && !form.ground) e.ground = t('cases.chooseGround');
    if (form.kind === 'CONSENT') {
      if (!form.scope) e.scope = t('cases.chooseScope');
      if (!isValidDate(form.givenOn)) e.givenOn = t('validation.date');
      if (!isValidDate(form.expiresOn)) e.expiresOn = t('validation.date');
      else if (form.expiresOn <= form.givenOn) e.expiresOn = t('cases.expiryAfterGiven');
    }
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const legalBasis: LegalBasisInput =
      form.kind === 'STATUTORY'
        ? { kind: 'STATUTORY', statutoryGround: form.ground as StatutoryGround }
        : {
            kind: 'CONSENT',
            consentScope: form.scope as ConsentScope,
            consentGivenOn: form.givenOn,
            // The consent lasts to the end of its last day, Swedish time.
            consentExpiresAt: stockholmToIso(form.expiresOn, '23:59'),
          };
    setDone(false);
    void share({
      variables: {
        input: {
          caseId: props.caseId,
          organisationId: form.organisationId,
          legalBasis,
          contactFunction: form.contact.trim() || null,
        },
      },
    }).then(
      () => setDone(true),
      () => undefined,
    );
  };

  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby="share-h">
      <h3 id="share-h">{t('cases.shareTitle')}</h3>
      {shared.error && <ErrorMessage error={shared.error} />}
      {done && (
        <p className="notice notice-info" role="status">
          {t('cases.sharedDone')}
        </p>
      )}
      <div className="row">
        <SelectField
          label={t('cases.partner')}
          name="organisationId"
          value={form.organisationId}
          onChange={set('organisationId')}
          required
          error={errors.organisationId}
        >
          <option value="">{t('cases.choose')}</option>
          {[...partners].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cases.legalBasisKind')}
          name="kind"
          value={form.kind}
          onChange={set('kind')}
          required
          error={errors.kind}
        >
          <option value="">{t('cases.choose')}</option>
          <option value="STATUTORY">{t('caseEnums.LegalBasisKind.STATUTORY')}</option>
          <option value="CONSENT">{t('caseEnums.LegalBasisKind.CONSENT')}</option>
        </SelectField>
      </div>
      {form.kind === 'STATUTORY' && (
        <SelectField
          label={t('cases.statutoryGround')}
          name="ground"
          value={form.ground}
          onChange={set('ground')}
          required
          error={errors.ground}
        >
          <option value="">{t('cases.choose')}</option>
          {STATUTORY_GROUNDS.map((g) => (
            <option key={g} value={g}>
              {t(`caseEnums.StatutoryGround.${g}`)}
            </option>
          ))}
        </SelectField>
      )}
      {form.kind === 'CONSENT' && (
        <div className="row">
          <SelectField
            label={t('cases.consentScope')}
            name="scope"
            value={form.scope}
            onChange={set('scope')}
            required
            error={errors.scope}
          >
            <option value="">{t('cases.choose')}</option>
            {CONSENT_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`caseEnums.ConsentScope.${s}`)}
              </option>
            ))}
          </SelectField>
          <DateInput
            label={t('cases.consentGivenOn')}
            id="given-on"
            value={form.givenOn}
            onChange={set('givenOn')}
            error={errors.givenOn}
          />
          <DateInput
            label={t('cases.consentExpiresOn')}
            id="expires-on"
            value={form.expiresOn}
            onChange={set('expiresOn')}
            error={errors.expiresOn}
            description={t('cases.consentExpiresHint')}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="contact-function">{t('cases.contactFunction')}</label>
        <span id="contact-function-d" className="description">
          {t('cases.contactFunctionHint')}
        </span>
        <input
          id="contact-function"
          value={form.contact}
          maxLength={100}
          aria-describedby="contact-function-d"
          onChange={(e) => set('contact')(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={shared.loading}>
          {t('cases.shareButton')}
        </button>
      </div>
    </form>
  );
}

/** A YYYY-MM-DD text field with its label, hint and message. */
export function DateInput(props: {
  label: string;
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const describedBy = [`${props.id}-f`, props.error ? `${props.id}-e` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <span id={`${props.id}-f`} className="description">
        {props.description ?? t('cases.dateFormat')}
      </span>
      <input
        id={props.id}
        value={props.value}
        inputMode="numeric"
        placeholder="ÅÅÅÅ-MM-DD"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <span id={`${props.id}-e`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
