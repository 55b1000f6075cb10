import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreatedApiKey } from '../auth/types.ts';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { CheckIcon, CopyIcon } from '../components/icons.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { summarizeError, toFormProblem, type ErrorSummary } from '../lib/problem.ts';
import type { Role } from '../lib/sections.ts';
import { ListState } from './list-state.tsx';
import { roleOptions } from './role-options.ts';
import { SettingsFormCard, useSettingsForm } from './settings-form.tsx';

const FIELDS = ['name', 'role'] as const;
type KeyField = (typeof FIELDS)[number];

export function ApiKeysPage() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorSummary | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const load = useCallback(() => {
    setLoadProblem(null);
    apiRequest<{ data: ApiKey[] }>('GET', '/api-keys')
      .then((result) => setKeys(result.data))
      .catch((error: unknown) => setLoadProblem(summarizeError(error, t)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <div className="settings-body">
      <p className="page__lead">{t('apiKeys.intro')}</p>
      <CreateApiKeyForm
        onCreated={(key) => {
          setCreated(key);
          const { secret: _secret, ...listed } = key;
          setKeys((current) => [listed, ...(current ?? [])]);
        }}
      />
      <section className="card" aria-labelledby="api-keys-list-title">
        <div className="card__header">
          <h2 id="api-keys-list-title" className="card__title">{t('apiKeys.listTitle')}</h2>
        </div>
        <ListState items={keys} problem={loadProblem} onRetry={load} emptyText={t('apiKeys.empty')}>
          {(items) => <ApiKeyTable keys={items} onRevoke={setRevoking} />}
        </ListState>
      </section>
      <SecretDialog apiKey={created} onClose={() => setCreated(null)} />
      <RevokeDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(revoked) => {
          setRevoking(null);
          setKeys((current) => (current ?? []).map((key) => (key.id === revoked.id ? revoked : key)));
        }}
      />
    </div>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated(key: CreatedApiKey): void }) {
  const { t } = useTranslation();
  const form = useSettingsForm<KeyField>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const { problem } = form;

  const submit = async () => {
    if (form.refuse(name.trim() === '' ? { name: t('validation.required') } : {})) return;
    await form.send(async () => {
      const key = await apiRequest<CreatedApiKey>('POST', '/api-keys', { name: name.trim(), role });
      setName('');
      onCreated(key);
    }, (error) => toFormProblem(error, FIELDS, t));
  };

  return (
    <SettingsFormCard id="api-key-create" title={t('apiKeys.createTitle')} form={form} layout="inline" onSubmit={() => void submit()}>
      <TextField
        id="api-key-name"
        name="name"
        label={t('apiKeys.name')}
        placeholder={t('apiKeys.namePlaceholder')}
        autoComplete="off"
        value={name}
        onValueChange={(value) => {
          setName(value);
          form.clearField('name');
        }}
        error={problem.fields.name}
        required
      />
      <SelectField<Role> id="api-key-role" name="role" label={t('apiKeys.role')} value={role} options={roleOptions(t)} onValueChange={setRole} error={problem.fields.role} />
      <button type="submit" className="button button--primary" disabled={form.busy}>
        {form.busy ? t('apiKeys.creating') : t('apiKeys.create')}
      </button>
    </SettingsFormCard>
  );
}

function ApiKeyTable({ keys, onRevoke }: { keys: readonly ApiKey[]; onRevoke(key: ApiKey): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <div className="table-wrap">
      <table className="table settings-pages__dense-table">
        <thead>
          <tr>
            <th scope="col">{t('apiKeys.columnName')}</th>
            <th scope="col">{t('apiKeys.columnRole')}</th>
            <th scope="col">{t('apiKeys.columnPrefix')}</th>
            <th scope="col">{t('apiKeys.columnCreated')}</th>
            <th scope="col">{t('apiKeys.columnLastUsed')}</th>
            <th scope="col">{t('apiKeys.columnStatus')}</th>
            <th scope="col"><span className="visually-hidden">{t('apiKeys.columnActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid="api-key-row">
              <th scope="row" className="table__primary">{key.name}</th>
              <td>{t(`roles.${key.role}`)}</td>
              <td><code className="code">{key.prefix}…</code></td>
              <td className="table__nowrap">{formatDateTime(key.createdAt, locale)}</td>
              <td className="table__nowrap">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : <span className="muted">{t('apiKeys.never')}</span>}</td>
              <td>
                <span className={key.revoked ? 'badge badge--danger' : 'badge badge--success'}>{key.revoked ? t('apiKeys.revoked') : t('apiKeys.active')}</span>
              </td>
              <td className="table__actions">
                {key.revoked ? null : (
                  <button type="button" className="button button--danger-ghost button--small" aria-label={t('apiKeys.revokeLabel', { name: key.name })} onClick={() => onRevoke(key)}>
                    {t('apiKeys.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SecretDialog({ apiKey, onClose }: { apiKey: CreatedApiKey | null; onClose(): void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setCopyState('idle'), [apiKey]);

  const copy = async () => {
    if (!apiKey) return;
    try {
      await navigator.clipboard.writeText(apiKey.secret);
      setCopyState('copied');
    } catch {
      inputRef.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <Dialog open={apiKey !== null} onClose={onClose} labelledBy="secret-title" describedBy="secret-body">
      {apiKey ? (
        <div className="dialog__content">
          <h2 id="secret-title" className="dialog__title">{t('apiKeys.secretTitle')}</h2>
          <p id="secret-body" className="dialog__body">{t('apiKeys.secretBody')}</p>
          <label htmlFor="api-key-secret" className="field__label">{t('apiKeys.secretLabel', { name: apiKey.name })}</label>
          <div className="secret">
            <textarea ref={inputRef} id="api-key-secret" className="input input--mono secret__value" readOnly rows={2} spellCheck={false} value={apiKey.secret} onFocus={(event) => event.target.select()} />
            <button type="button" className="button button--secondary button--icon-text" onClick={() => void copy()}>
              {copyState === 'copied' ? <CheckIcon /> : <CopyIcon />}
              <span>{copyState === 'copied' ? t('apiKeys.copied') : t('apiKeys.copy')}</span>
            </button>
          </div>
          <p className="dialog__status" role="status">
            {copyState === 'failed' ? t('apiKeys.copyFailed') : ''}
          </p>
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={onClose}>{t('apiKeys.done')}</button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKey | null; onClose(): void; onRevoked(key: ApiKey): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  useEffect(() => setProblem(null), [apiKey]);

  const revoke = async () => {
    if (!apiKey) return;
    setBusy(true);
    try {
      onRevoked(await apiRequest<ApiKey>('DELETE', `/api-keys/${encodeURIComponent(apiKey.id)}`));
    } catch (error) {
      setProblem(summarizeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={apiKey !== null} onClose={onClose} labelledBy="revoke-title" describedBy="revoke-body">
      {apiKey ? (
        <div className="dialog__content">
          <h2 id="revoke-title" className="dialog__title">{t('apiKeys.revokeTitle')}</h2>
          <p id="revoke-body" className="dialog__body">{t('apiKeys.revokeBody', { name: apiKey.name })}</p>
          {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose}>{t('common.cancel')}</button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void revoke()}>
              {busy ? t('apiKeys.revoking') : t('apiKeys.revoke')}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
