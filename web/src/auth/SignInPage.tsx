import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { errorKind } from '../ui/errors';
import { EnrolSecondFactor } from './EnrolSecondFactor';
import { knownDeviceToken, rememberDevice } from './known-device';
import { useSession } from './session';

const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {
    login(email: $email, password: $password, deviceToken: $deviceToken) {
      expiresAt
      deviceToken
      user {
        id
      }
    }
  }
`);

const SecondFactor = graphql(`
  mutation SignInSecondFactor($challenge: String!, $code: String!) {
    loginWithSecondFactor(challenge: $challenge, code: $code) {
      expiresAt
      deviceToken
      user {
        id
      }
    }
  }
`);

const Providers = graphql(`
  query SignInProviders {
    signInProviders {
      name
      startUrl
    }
  }
`);

type Step = { kind: 'code' | 'enrol'; challenge: string };

/** The next step of a login that needs the second factor or its enrolment (`extensions.reason`), if this was one. */
function secondFactorStep(error: unknown): Step | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const e of error.errors) {
    const challenge = e.extensions?.challenge;
    if (typeof challenge !== 'string') continue;
    if (e.extensions?.reason === 'SECOND_FACTOR_REQUIRED') return { kind: 'code', challenge };
    if (e.extensions?.reason === 'SECOND_FACTOR_ENROLMENT_REQUIRED') return { kind: 'enrol', challenge };
  }
  return undefined;
}

/** Only a start path of this server's sign-in routes is a place to send the browser. */
const isStartPath = (url: string): boolean => /^\/auth\/oidc\/[a-z0-9-]+\/start$/.test(url);

/** Only a path of this console is a place to come back to. */
const safeReturn = (value: string | null): string =>
  value && value.startsWith('/') && !value.startsWith('//') ? value : '/';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useSession();
  const [signIn, { loading }] = useMutation(SignIn);
  const [verify, { loading: verifying }] = useMutation(SecondFactor);
  const { data: providers } = useQuery(Providers, { fetchPolicy: 'network-only' });
  const [failure, setFailure] = useState<string | undefined>();
  /** Set after a correct password when the account has a second factor (code) or must enrol one. */
  const [step, setStep] = useState<Step | undefined>();
  const [email, setEmail] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const expired = params.get('orsak') === 'utgangen';

  useEffect(() => {
    document.title = `${t('signIn.title')} – Samverkan`;
  }, [t]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(undefined);
    const address = String(form.get('email'));
    setEmail(address);
    try {
      const result = await signIn({
        variables: {
          email: address,
          password: String(form.get('password')),
          deviceToken: await knownDeviceToken(address),
        },
      });
      await rememberDevice(address, result.data?.login.deviceToken);
      await refresh();
      void navigate(safeReturn(params.get('tillbaka')), { replace: true });
    } catch (error) {
      const next = secondFactorStep(error);
      if (next) {
        setStep(next);
        return;
      }
      const kind = errorKind(error);
      setFailure(kind === 'session' ? t('signIn.failed') : t(`errors.${kind}`));
    }
  };

  const submitCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(undefined);
    try {
      const result = await verify({ variables: { challenge: step!.challenge, code: String(form.get('code')).trim() } });
      await rememberDevice(email, result.data?.loginWithSecondFactor.deviceToken);
      await refresh();
      void navigate(safeReturn(params.get('tillbaka')), { replace: true });
    } catch (error) {
      const kind = errorKind(error);
      setFailure(kind === 'session' ? t('signIn.codeFailed') : t(`errors.${kind}`));
    }
  };

  const finish = async () => {
    await refresh();
    void navigate(safeReturn(params.get('tillbaka')), { replace: true });
  };

  if (step?.kind === 'enrol')
    return (
      <EnrolSecondFactor
        challenge={step.challenge}
        email={email}
        onRestart={() => setStep(undefined)}
        onDone={() => void finish()}
      />
    );

  if (step)
    return (
      <main id="main" className="signin">
        <div className="signin-card">
          <p className="brand">Samverkan</p>
          <h1>{t('signIn.codeTitle')}</h1>
          <p>{t('signIn.codeIntro')}</p>
          {failure && (
            <p role="alert" className="notice notice-error">
              {failure}
            </p>
          )}
          <Form onSubmit={submitCode} className="form">
            <TextField name="code" isRequired autoComplete="one-time-code" className="field" autoFocus>
              <Label>{t('signIn.code')}</Label>
              <Input inputMode="text" />
              <FieldError>{t('validation.required')}</FieldError>
            </TextField>
            <Button type="submit" className="button primary" isDisabled={verifying}>
              {verifying ? t('signIn.signingIn') : t('signIn.codeSubmit')}
            </Button>
            <Button type="button" className="button" onPress={() => setStep(undefined)}>
              {t('signIn.restart')}
            </Button>
          </Form>
        </div>
      </main>
    );

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <p className="brand">Samverkan</p>
        <h1 ref={heading}>{t('signIn.title')}</h1>
        <p>{(providers?.signInProviders.length ?? 0) > 0 ? t('signIn.introProviders') : t('signIn.intro')}</p>
        {expired && (
          <p role="status" className="notice notice-info">
            {t('signIn.expired')}
          </p>
        )}
        {failure && (
          <p role="alert" className="notice notice-error">
            {failure}
          </p>
        )}
        {(providers?.signInProviders.length ?? 0) > 0 && (
          <>
            <ul className="providers" aria-label={t('signIn.providers')}>
              {providers!.signInProviders
                .filter((p) => isStartPath(p.startUrl))
                .map((p) => (
                  <li key={p.startUrl}>
                    <a className="button primary" href={p.startUrl}>
                      {t('signIn.withProvider', { name: p.name })}
                    </a>
                  </li>
                ))}
            </ul>
            <p className="or">{t('signIn.orLocal')}</p>
          </>
        )}
        <Form onSubmit={submit} className="form">
          <TextField name="email" type="email" isRequired autoComplete="username" className="field" autoFocus>
            <Label>{t('signIn.email')}</Label>
            <Input />
            <FieldError>{t('validation.required')}</FieldError>
          </TextField>
          <TextField name="password" type="password" isRequired autoComplete="current-password" className="field">
            <Label>{t('signIn.password')}</Label>
            <Input />
            <FieldError>{t('validation.required')}</FieldError>
          </TextField>
          <Button type="submit" className="button primary" isDisabled={loading}>
            {loading ? t('signIn.signingIn') : t('signIn.submit')}
          </Button>
        </Form>
      </div>
    </main>
  );
}
