import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { TextField } from '../components/field.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { ApiError, apiRequest, setCsrfToken } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { AuthLayout } from './auth-layout.tsx';
import { PASSWORD_MIN_LENGTH, type SessionResponse, type User } from './types.ts';

const FIELDS = ['email', 'displayName', 'password', 'confirmPassword'] as const;
type SetupField = (typeof FIELDS)[number];
type Values = Record<SetupField, string>;
type Status = 'checking' | 'needed' | 'done';

const EMPTY: Values = { email: '', displayName: '', password: '', confirmPassword: '' };

export function SetupPage({ onSignedIn }: { onSignedIn(user: User): void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.documentTitle'));
  const token = useLocation().search.get('token') ?? '';
  const [status, setStatus] = useState<Status>('checking');

  useEffect(() => {
    let live = true;
    apiRequest<{ needsSetup: boolean }>('GET', '/setup/status')
      .then((result) => live && setStatus(result.needsSetup ? 'needed' : 'done'))
      // Status unknown (server busy, offline): show the form; submitting reports the real problem.
      .catch(() => live && setStatus('needed'));
    return () => {
      live = false;
    };
  }, []);

  return (
    <AuthLayout>
      {status === 'checking' ? <PageLoading label={t('setup.checking')} /> : null}
      {status === 'done' ? <SetupDone /> : null}
      {status === 'needed' && token === '' ? <MissingToken /> : null}
      {status === 'needed' && token !== '' ? <SetupForm token={token} onSignedIn={onSignedIn} onAlreadyDone={() => setStatus('done')} /> : null}
    </AuthLayout>
  );
}

function SetupDone() {
  const { t } = useTranslation();
  return (
    <section className="auth__section" aria-labelledby="setup-done-title">
      <h1 id="setup-done-title" className="auth__title">{t('setup.doneTitle')}</h1>
      <p className="auth__intro">{t('setup.doneBody')}</p>
      <Link to="/login" className="button button--primary button--block">{t('setup.goToSignIn')}</Link>
    </section>
  );
}

function MissingToken() {
  const { t } = useTranslation();
  return (
    <section className="auth__section" aria-labelledby="setup-token-title">
      <h1 id="setup-token-title" className="auth__title">{t('setup.missingTokenTitle')}</h1>
      <p className="auth__intro">{t('setup.missingTokenBody')}</p>
    </section>
  );
}

type ValidationMessages = { required: string; email: string; passwordTooShort: string; passwordMismatch: string };

function validate(values: Values, messages: ValidationMessages): Partial<Record<SetupField, string>> {
  const errors: Partial<Record<SetupField, string>> = {};
  if (values.email.trim() === '') errors.email = messages.required;
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = messages.email;
  if (values.displayName.trim() === '') errors.displayName = messages.required;
  if (values.password.length < PASSWORD_MIN_LENGTH) errors.password = messages.passwordTooShort;
  if (values.confirmPassword !== values.password) errors.confirmPassword = messages.passwordMismatch;
  return errors;
}

function SetupForm({ token, onSignedIn, onAlreadyDone }: { token: string; onSignedIn(user: User): void; onAlreadyDone(): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [problem, setProblem] = useState<FormProblem<SetupField>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const change = (field: SetupField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setProblem((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clientErrors = validate(values, {
      required: t('validation.required'),
      email: t('validation.email'),
      passwordTooShort: t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
      passwordMismatch: t('validation.passwordMismatch'),
    });
    if (Object.keys(clientErrors).length > 0) {
      setProblem({ fields: clientErrors, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const session = await apiRequest<SessionResponse>('POST', '/setup', {
        token,
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        locale: currentLanguage(),
      });
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'setup_already_done') return onAlreadyDone();
      const formProblem = toFormProblem(error, FIELDS, t);
      if (error instanceof ApiError && error.problem.code === 'unauthenticated' && formProblem.banner) formProblem.banner.detail = t('setup.invalidToken');
      setProblem(formProblem);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth__section" aria-labelledby="setup-title">
      <h1 id="setup-title" className="auth__title">{t('setup.title')}</h1>
      <p className="auth__intro">{t('setup.intro')}</p>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="setup-email" name="email" type="email" autoComplete="email" label={t('setup.email')} value={values.email} onValueChange={change('email')} error={problem.fields.email} required />
        <TextField id="setup-display-name" name="displayName" autoComplete="name" label={t('setup.displayName')} value={values.displayName} onValueChange={change('displayName')} error={problem.fields.displayName} required />
        <TextField
          id="setup-password"
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('setup.password')}
          hint={t('setup.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={values.password}
          onValueChange={change('password')}
          error={problem.fields.password}
          required
        />
        <TextField id="setup-confirm-password" name="confirmPassword" type="password" autoComplete="new-password" label={t('setup.confirmPassword')} value={values.confirmPassword} onValueChange={change('confirmPassword')} error={problem.fields.confirmPassword} required />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
