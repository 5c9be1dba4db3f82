import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { BreakGlassReason } from '../../gql/graphql';
import { formatDateTime } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { BREAK_GLASS_REASONS } from './enums';

const BreakGlassMutation = graphql(`
  mutation BreakGlass($input: BreakGlassInput!) {
    breakGlass(input: $input) {
      id
      caseId
      openedAt
      expiresAt
      active
    }
  }
`);

/** The longest break-the-glass access the API grants (docs/cases.md). */
const MAX_MINUTES = 240;
const DURATIONS = [30, 60, 120, 240];

/** When this browser's break-the-glass access to a case ends (kept for the tab only; not personal data). */
const storageKey = (caseId: string) => `samverkan.breakGlass.${caseId}`;
const expiryOf = (caseId: string): string | null => sessionStorage.getItem(storageKey(caseId));

/** Offered where a case of the own organisation answered "not found": the deliberate way in. */
export function BreakGlassOffer({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel break-glass-offer" aria-labelledby="bg-offer">
      <h2 id="bg-offer">{t('breakGlass.offerTitle')}</h2>
      <p>{t('breakGlass.offerBody')}</p>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        {t('breakGlass.open')}
      </button>
      {open && <BreakGlassDialog caseId={caseId} onClose={() => setOpen(false)} />}
    </section>
  );
}

function BreakGlassDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [breakGlass, opened] = useMutation(BreakGlassMutation);
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState(String(MAX_MINUTES));
  const [understood, setUnderstood] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!reason) e.reason = t('breakGlass.chooseReason');
    if (!text.trim()) e.text = t('breakGlass.writeReason');
    if (!understood) e.understood = t('breakGlass.confirmRequired');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    void breakGlass({
      variables: {
        input: { caseId, reasonCode: reason as BreakGlassReason, reasonText: text, minutes: Number(minutes) },
      },
    }).then(
      async (r) => {
        if (!r.data) return;
        sessionStorage.setItem(storageKey(caseId), r.data.breakGlass.expiresAt);
        onClose();
        await client.refetchQueries({ include: ['CaseDetails'] });
      },
      () => undefined,
    );
  };

  return (
    <ModalOverlay isOpen isDismissable={false} className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog break-glass-dialog">
          <Heading slot="title">{t('breakGlass.dialogTitle')}</Heading>
          <form onSubmit={submit} noValidate>
            <div className="notice notice-warning">
              <p>{t('breakGlass.terms', { minutes: MAX_MINUTES / 60 })}</p>
              <p>{t('breakGlass.reviewed')}</p>
            </div>
            {opened.error && <ErrorMessage error={opened.error} />}
            <SelectField
              label={t('breakGlass.reason')}
              name="reasonCode"
              value={reason}
              onChange={setReason}
              required
              error={errors.reason}
            >
              <option value="">{t('cases.choose')}</option>
              {BREAK_GLASS_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`caseEnums.BreakGlassReason.${r}`)}
                </option>
              ))}
            </SelectField>
            <div className="field">
              <label htmlFor="bg-text">
                {t('breakGlass.reasonText')}
                <span aria-hidden="true"> *</span>
              </label>
              <span id="bg-text-d" className="description">
                {t('breakGlass.reasonTextHint')}
              </span>
              <textarea
                id="bg-text"
                rows={3}
                maxLength={500}
                value={text}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={errors.text ? 'bg-text-d bg-text-e' : 'bg-text-d'}
                onChange={(e) => setText(e.target.value)}
              />
              {errors.text && (
                <span id="bg-text-e" className="field-error">
                  {errors.text}
                </span>
              )}
            </div>
            <SelectField label={t('breakGlass.duration')} name="minutes" value={minutes} onChange={setMinutes}>
              {DURATIONS.map((m) => (
                <option key={m} value={String(m)}>
                  {m % 60 === 0 ? t('breakGlass.hours', { count: m / 60 }) : t('breakGlass.minutes', { count: m })}
                </option>
              ))}
            </SelectField>
            <div className="field">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={understood}
                  aria-invalid={errors.understood ? true : undefined}
                  aria-describedby={errors.understood ? 'bg-ok-e' : undefined}
                  onChange={(e) => setUnderstood(e.target.checked)}
                />
                {t('breakGlass.confirm')}
              </label>
              {errors.understood && (
                <span id="bg-ok-e" className="field-error">
                  {errors.understood}
                </span>
              )}
            </div>
            <div className="form-actions">
              <Button type="submit" className="button danger" isDisabled={opened.loading}>
                {t('breakGlass.submit')}
              </Button>
              <Button className="button secondary" autoFocus onPress={onClose}>
                {t('breakGlass.cancel')}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function remaining(expiresAt: string, now: number): { minutes: number; seconds: number } {
  const left = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
  return { minutes: Math.floor(left / 60), seconds: left % 60 };
}

/** While a case is read through break-the-glass: read only, reviewed, and the time left. */
export function BreakGlassBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const expiresAt = expiryOf(caseId);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = expiresAt ? remaining(expiresAt, now) : null;
  const over = left !== null && left.minutes === 0 && left.seconds === 0;
  useEffect(() => {
    if (over) {
      sessionStorage.removeItem(storageKey(caseId));
      void client.refetchQueries({ include: ['CaseDetails'] });
    }
  }, [over, caseId, client]);
  return (
    <div className="notice notice-warning break-glass-banner" role="region" aria-label={t('breakGlass.bannerLabel')}>
      <p>
        <strong>{t('breakGlass.bannerTitle')}</strong> {t('breakGlass.bannerBody')}
      </p>
      {expiresAt && left && (
        <p>
          {t('breakGlass.until', { time: formatDateTime(expiresAt) })}{' '}
          <span className="countdown">
            {t('breakGlass.left', {
              minutes: left.minutes,
              seconds: String(left.seconds).padStart(2, '0'),
            })}
          </span>
        </p>
      )}
    </div>
  );
}
