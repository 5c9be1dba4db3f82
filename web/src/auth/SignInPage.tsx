import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { errorKind } from '../ui/errors';
import { useSession } from './session';

const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
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
      user {
        id
      }
    }
  }
`);

/** The challenge of a login that needs the second factor (`extensions.reason`), if this was one. */
function secondFactorChallenge(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const found = error.errors.find((e) => e.extensions?.reason === 'SECOND_FACTOR_REQUIRED');
  const challenge = found?.extensions?.challenge;
  return typeof challenge === 'string' ? challenge : undefined;
}

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
  const [failure, setFailure] = useState<string | undefined>();
  /** Set after a correct password when the account has a second factor: the code step. */
  const [challenge, setChallenge] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const expired = params.get('orsak') === 'utgangen';

  useEffect(() => {
    document.title = `${t('signIn.title')} – Samverkan`;
  }, [t]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(undefined);
    try {
      await signIn({ variables: { email: String(form.get('email')), password: String(form.get('password')) } });
      await refresh();
      void navigate(safeReturn(params.get('tillbaka')), { replace: true });
    } catch (error) {
      const next = secondFactorChallenge(error);
      if (next) {
        setChallenge(next);
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
      await verify({ variables: { challenge: challenge!, code: String(form.get('code')).trim() } });
      await refresh();
      void navigate(safeReturn(params.get('tillbaka')), { replace: true });
    } catch (error) {
      const kind = errorKind(error);
      setFailure(kind === 'session' ? t('signIn.codeFailed') : t(`errors.${kind}`));
    }
  };

  if (challenge)
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
            <Button type="button" className="button" onPress={() => setChallenge(undefined)}>
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
        <p>{t('signIn.intro')}</p>
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
