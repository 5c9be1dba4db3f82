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

/** Only a path of this console is a place to come back to. */
const safeReturn = (value: string | null): string =>
  value && value.startsWith('/') && !value.startsWith('//') ? value : '/';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useSession();
  const [signIn, { loading }] = useMutation(SignIn);
  const [failure, setFailure] = useState<string | undefined>();
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
      const kind = errorKind(error);
      setFailure(kind === 'session' ? t('signIn.failed') : t(`errors.${kind}`));
    }
  };

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
