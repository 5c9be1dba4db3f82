import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { errorKind } from '../ui/errors';
import { rememberDevice } from './known-device';
import { QrCode } from './QrCode';

const Enrol = graphql(`
  mutation EnrolSecondFactorAtLogin($challenge: String!) {
    enrolSecondFactor(challenge: $challenge) {
      secret
      otpauthUri
    }
  }
`);

const Confirm = graphql(`
  mutation ConfirmSecondFactorAtLogin($challenge: String!, $code: String!) {
    confirmSecondFactor(challenge: $challenge, code: $code) {
      recoveryCodes
      session {
        expiresAt
        deviceToken
      }
    }
  }
`);

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * A login that answered SECOND_FACTOR_ENROLMENT_REQUIRED (a local ADMIN or AUDITOR in production
 * without a second factor): the new secret for the authenticator app, a first code that confirms it
 * and starts the session, then the ten recovery codes, shown once.
 */
export function EnrolSecondFactor(props: {
  challenge: string;
  email: string;
  onRestart: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [enrol, { data: enrolled, error: enrolError }] = useMutation(Enrol);
  const [confirm, { loading: confirming }] = useMutation(Confirm);
  const [failure, setFailure] = useState<string | undefined>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | undefined>();

  useEffect(() => {
    document.title = `${t('enrol.title')} – Samverkan`;
    // The challenge is spent once per call: enrol once, when the step opens.
    void enrol({ variables: { challenge: props.challenge } }).catch(() => undefined);
  }, [enrol, props.challenge, t]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(undefined);
    try {
      const result = await confirm({
        variables: { challenge: props.challenge, code: String(form.get('code')).replace(/\s+/g, '') },
      });
      const done = result.data!.confirmSecondFactor;
      await rememberDevice(props.email, done.session?.deviceToken);
      setRecoveryCodes(done.recoveryCodes);
    } catch (error) {
      const kind = errorKind(error);
      setFailure(kind === 'session' ? t('enrol.codeFailed') : t(`errors.${kind}`));
    }
  };

  if (recoveryCodes)
    return (
      <main id="main" className="signin">
        <div className="signin-card wide">
          <p className="brand">Samverkan</p>
          <h1>{t('enrol.codesTitle')}</h1>
          <p role="status" className="notice notice-warning">
            {t('enrol.codesIntro')}
          </p>
          <ol className="recovery-codes" aria-label={t('enrol.codesLabel')}>
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <p>{t('enrol.codesUse')}</p>
          <Button className="button primary" onPress={props.onDone}>
            {t('enrol.codesDone')}
          </Button>
        </div>
      </main>
    );

  const secret = enrolled?.enrolSecondFactor;
  return (
    <main id="main" className="signin">
      <div className="signin-card wide">
        <p className="brand">Samverkan</p>
        <h1>{t('enrol.title')}</h1>
        <p>{t('enrol.intro')}</p>
        {enrolError && (
          <p role="alert" className="notice notice-error">
            {t('enrol.expired')}
          </p>
        )}
        {secret && (
          <>
            <ol className="steps">
              <li>{t('enrol.stepApp')}</li>
              <li>
                {t('enrol.stepScan')}
                <QrCode value={secret.otpauthUri} label={t('enrol.qrLabel')} />
                <p>
                  {t('enrol.secret')} <code className="secret">{grouped(secret.secret)}</code>
                </p>
                <details>
                  <summary>{t('enrol.uri')}</summary>
                  <code className="uri">{secret.otpauthUri}</code>
                </details>
              </li>
              <li>{t('enrol.stepCode')}</li>
            </ol>
            {failure && (
              <p role="alert" className="notice notice-error">
                {failure}
              </p>
            )}
            <Form onSubmit={submit} className="form">
              <TextField name="code" isRequired autoComplete="one-time-code" className="field">
                <Label>{t('signIn.code')}</Label>
                <Input inputMode="numeric" />
                <FieldError>{t('validation.required')}</FieldError>
              </TextField>
              <Button type="submit" className="button primary" isDisabled={confirming}>
                {confirming ? t('signIn.signingIn') : t('enrol.confirm')}
              </Button>
            </Form>
          </>
        )}
        <Button type="button" className="button" onPress={props.onRestart}>
          {t('signIn.restart')}
        </Button>
      </div>
    </main>
  );
}
