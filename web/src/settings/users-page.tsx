import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { PASSWORD_MIN_LENGTH, type Page, type User } from '../auth/types.ts';
import { SelectField, TextField } from '../components/field.tsx';
import { currentLanguage, intlLocale, LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDate } from '../lib/format.ts';
import { summarizeError, toFormProblem, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import type { Role } from '../lib/sections.ts';
import { ListState } from './list-state.tsx';
import { roleOptions } from './role-options.ts';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoadProblem(null);
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
      try {
        const page = await apiRequest<Page<User>>('GET', `/users?${query.toString()}`);
        setUsers((current) => (cursor && current ? [...current, ...page.data] : page.data));
        setNextCursor(page.nextCursor);
      } catch (error) {
        setLoadProblem(summarizeError(error, t));
      }
    },
    [t],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <div className="settings-body">
      <p className="page__lead">{t('users.intro')}</p>
      <CreateUserForm onCreated={(user) => setUsers((current) => [...(current ?? []), user])} />
      <section className="card" aria-labelledby="users-list-title">
        <div className="card__header">
          <h2 id="users-list-title" className="card__title">{t('users.listTitle')}</h2>
        </div>
        <ListState items={users} problem={loadProblem} onRetry={() => void load(null)} emptyText={t('users.empty')}>
          {(items) => <UserTable users={items} />}
        </ListState>
        {nextCursor ? (
          <div className="card__footer">
            <button
              type="button"
              className="button button--secondary"
              disabled={loadingMore}
              onClick={() => {
                setLoadingMore(true);
                void load(nextCursor).finally(() => setLoadingMore(false));
              }}
            >
              {t('users.loadMore')}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function UserTable({ users }: { users: readonly User[] }) {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('users.columnName')}</th>
            <th scope="col">{t('users.columnEmail')}</th>
            <th scope="col">{t('users.columnRole')}</th>
            <th scope="col">{t('users.columnStatus')}</th>
            <th scope="col">{t('users.columnCreated')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <th scope="row" className="table__primary">
                {user.displayName}
                {user.id === me.id ? <span className="muted"> ({t('users.you')})</span> : null}
              </th>
              <td>{user.email}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>
                <span className={user.disabled ? 'badge badge--neutral' : 'badge badge--success'}>{user.disabled ? t('users.disabled') : t('users.active')}</span>
              </td>
              <td className="table__nowrap">{formatDate(user.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS = ['email', 'displayName', 'role', 'locale', 'password'] as const;
type UserField = (typeof FIELDS)[number];
type Values = { email: string; displayName: string; role: Role; locale: Language; password: string };

function emptyValues(): Values {
  return { email: '', displayName: '', role: 'sales_rep', locale: currentLanguage(), password: '' };
}

function validate(values: Values, t: ReturnType<typeof useTranslation>['t']): FormProblem<UserField>['fields'] {
  const errors: FormProblem<UserField>['fields'] = {};
  if (values.email.trim() === '') errors.email = t('validation.required');
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = t('validation.email');
  if (values.displayName.trim() === '') errors.displayName = t('validation.required');
  if (values.password !== '' && values.password.length < PASSWORD_MIN_LENGTH) errors.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  return errors;
}

function CreateUserForm({ onCreated }: { onCreated(user: User): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<UserField>();
  const [values, setValues] = useState<Values>(emptyValues);
  const [added, setAdded] = useState<string | null>(null);
  const { problem } = form;

  const change = <F extends UserField>(field: F) => (value: Values[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.clearField(field);
  };

  const submit = async () => {
    setAdded(null);
    if (form.refuse(validate(values, t))) return;
    await form.send(async () => {
      const user = await apiRequest<User>('POST', '/users', {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        locale: values.locale,
        ...(values.password === '' ? {} : { password: values.password }),
      });
      setValues(emptyValues());
      setAdded(t('users.added', { name: user.displayName }));
      onCreated(user);
    }, (error) => toFormProblem(error, FIELDS, t));
  };

  return (
    <SettingsFormCard id="user-create" title={t('users.createTitle')} form={form} success={added} onSubmit={() => void submit()}>
      <TextField id="user-email" name="email" type="email" autoComplete="off" label={t('users.email')} value={values.email} onValueChange={change('email')} error={problem.fields.email} required />
      <TextField id="user-display-name" name="displayName" autoComplete="off" label={t('users.displayName')} value={values.displayName} onValueChange={change('displayName')} error={problem.fields.displayName} required />
      <SelectField id="user-role" name="role" label={t('users.role')} value={values.role} options={roleOptions(t)} onValueChange={change('role')} error={problem.fields.role} />
      <SelectField
        id="user-locale"
        name="locale"
        label={t('users.locale')}
        value={values.locale}
        options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
        onValueChange={change('locale')}
        error={problem.fields.locale}
      />
      <TextField
        id="user-password"
        name="password"
        type="password"
        autoComplete="new-password"
        label={t('users.password')}
        optionalLabel={t('common.optional')}
        hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        value={values.password}
        onValueChange={change('password')}
        error={problem.fields.password}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('users.creating') : t('users.create')}
        </button>
      </div>
    </SettingsFormCard>
  );
}
