import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { ApiError, apiRequest, setCsrfToken } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { AuthLayout } from './auth-layout.tsx';
import type { SessionResponse, User } from './types.ts';

const FIELDS = ['email', 'password'] as const;
type LoginField = (typeof FIELDS)[number];

export function LoginPage({ onSignedIn }: { onSignedIn(user: User): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('login.documentTitle'));
  const reason = useLocation().search.get('reason');
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<LoginField, string>>({ email: '', password: '' });
  const [problem, setProblem] = useState<FormProblem<LoginField>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const change = (field: LoginField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setProblem((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clientErrors: FormProblem<LoginField>['fields'] = {};
    if (values.email.trim() === '') clientErrors.email = t('validation.required');
    if (values.password === '') clientErrors.password = t('validation.required');
    if (Object.keys(clientErrors).length > 0) {
      setProblem({ fields: clientErrors, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const session = await apiRequest<SessionResponse>('POST', '/auth/login', { email: values.email.trim(), password: values.password });
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (error) {
      const formProblem = toFormProblem(error, FIELDS, t);
      // The server's detail is English only; this one case is common enough to say in the user's language.
      if (error instanceof ApiError && error.problem.code === 'unauthenticated' && formProblem.banner) formProblem.banner.detail = t('login.invalidCredentials');
      setProblem(formProblem);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const notice = reason === 'signed-out' ? t('login.signedOut') : reason === 'expired' ? t('login.sessionEnded') : null;
  return (
    <AuthLayout>
      <section className="auth__section" aria-labelledby="login-title">
        <h1 id="login-title" className="auth__title">{t('login.title')}</h1>
        <p className="auth__intro">{t('login.intro')}</p>
        {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : notice ? <Banner tone="info" title={notice} /> : null}
        <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
          <TextField id="login-email" name="email" type="email" autoComplete="username" label={t('login.email')} value={values.email} onValueChange={change('email')} error={problem.fields.email} required />
          <TextField id="login-password" name="password" type="password" autoComplete="current-password" label={t('login.password')} value={values.password} onValueChange={change('password')} error={problem.fields.password} required />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
    </AuthLayout>
  );
}
