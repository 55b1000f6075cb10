import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { intlLocale } from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { summarizeError, type ErrorSummary, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import { ListState } from './list-state.tsx';
import { toNestedFormProblem } from './settings-kit.ts';
import { DeleteWebhookDialog } from './webhook-delete-dialog.tsx';

type Endpoint = { id: string; url: string; eventTypes: string[]; description: string; enabled: boolean; createdAt: string; version: number };
type Delivery = { id: string; eventType: string; status: 'pending' | 'delivered' | 'dead'; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string };
type Page<T> = { data: T[]; nextCursor: string | null };

export function WebhooksPage() {
  const { t } = useTranslation();
  const [endpoints, setEndpoints] = useState<Endpoint[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [viewing, setViewing] = useState<Endpoint | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);

  const load = useCallback(
    async (cursor: string | null) => {
      setProblem(null);
      const query = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) });
      try {
        const page = await apiRequest<Page<Endpoint>>('GET', `/webhooks?${query.toString()}`);
        setEndpoints((current) => (cursor && current ? [...current, ...page.data] : page.data));
        setNextCursor(page.nextCursor);
      } catch (error) {
        setProblem(summarizeError(error, t));
      }
    },
    [t],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const toggle = async (endpoint: Endpoint) => {
    setProblem(null);
    try {
      const saved = await apiRequest<Endpoint>('PATCH', `/webhooks/${encodeURIComponent(endpoint.id)}`, { enabled: !endpoint.enabled, version: endpoint.version });
      setEndpoints((current) => (current ?? []).map((candidate) => (candidate.id === saved.id ? saved : candidate)));
    } catch (error) {
      setProblem(summarizeError(error, t));
    }
  };

  return (
    <div className="settings-body">
      <p className="page__lead">{t('settingsPages.webhooks.intro')}</p>
      <CreateWebhookForm
        onCreated={(created) => {
          const { secret: shown, ...endpoint } = created;
          setSecret({ url: endpoint.url, secret: shown });
          setEndpoints((current) => [...(current ?? []), endpoint]);
        }}
      />
      <section className="card" aria-labelledby="webhooks-list-title">
        <div className="card__header">
          <h2 id="webhooks-list-title" className="card__title">{t('settingsPages.webhooks.listTitle')}</h2>
        </div>
        <ListState items={endpoints} problem={problem} onRetry={() => void load(null)} emptyText={t('settingsPages.webhooks.empty')}>
          {(endpoints) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('settingsPages.webhooks.url')}</th>
                    <th scope="col">{t('settingsPages.webhooks.events')}</th>
                    <th scope="col">{t('settingsPages.common.status')}</th>
                    <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.map((endpoint) => (
                    <tr key={endpoint.id} data-testid="webhook-row">
                      <th scope="row" className="table__primary settings-pages__url">{endpoint.url}</th>
                      <td>{endpoint.eventTypes.join(', ')}</td>
                      <td>
                        <span className={endpoint.enabled ? 'badge badge--success' : 'badge badge--neutral'}>{endpoint.enabled ? t('settingsPages.common.active') : t('settingsPages.common.inactive')}</span>
                      </td>
                      <td className="table__actions settings-pages__row-actions">
                        <button type="button" className="button button--ghost button--small" aria-label={t('settingsPages.webhooks.deliveriesLabel', { url: endpoint.url })} onClick={() => setViewing(endpoint)}>
                          {t('settingsPages.webhooks.deliveries')}
                        </button>
                        <button type="button" className="button button--secondary button--small" aria-label={t(endpoint.enabled ? 'settingsPages.common.disableLabel' : 'settingsPages.common.enableLabel', { name: endpoint.url })} onClick={() => void toggle(endpoint)}>
                          {endpoint.enabled ? t('settingsPages.common.disable') : t('settingsPages.common.enable')}
                        </button>
                        <button type="button" className="button button--danger-ghost button--small" aria-label={t('settingsPages.webhooks.deleteLabel', { url: endpoint.url })} onClick={() => setDeleting(endpoint)}>
                          {t('settingsPages.webhooks.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </ListState>
        {nextCursor ? (
          <div className="card__footer">
            <button type="button" className="button button--secondary" onClick={() => void load(nextCursor)}>{t('settingsPages.common.loadMore')}</button>
          </div>
        ) : null}
      </section>
      <Dialog open={secret !== null} onClose={() => setSecret(null)} labelledBy="webhook-secret-title" describedBy="webhook-secret-body">
        {secret ? (
          <div className="dialog__content">
            <h2 id="webhook-secret-title" className="dialog__title">{t('settingsPages.webhooks.secretTitle')}</h2>
            <p id="webhook-secret-body" className="dialog__body">{t('settingsPages.webhooks.secretBody', { url: secret.url })}</p>
            <label htmlFor="webhook-secret" className="field__label">{t('settingsPages.webhooks.secretLabel')}</label>
            <textarea id="webhook-secret" className="input input--mono secret__value" readOnly rows={2} value={secret.secret} onFocus={(event) => event.target.select()} />
            <div className="dialog__actions">
              <button type="button" className="button button--primary" onClick={() => setSecret(null)}>{t('settingsPages.common.done')}</button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <DeliveriesDialog endpoint={viewing} onClose={() => setViewing(null)} />
      <DeleteWebhookDialog
        endpoint={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => {
          setDeleting(null);
          setEndpoints((current) => (current ?? []).filter((candidate) => candidate.id !== id));
        }}
      />
    </div>
  );
}

function DeliveriesDialog({ endpoint, onClose }: { endpoint: Endpoint | null; onClose(): void }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  useEffect(() => {
    setDeliveries(null);
    setProblem(null);
    if (!endpoint) return;
    apiRequest<Page<Delivery>>('GET', `/webhooks/${encodeURIComponent(endpoint.id)}/deliveries?limit=50`)
      .then((page) => setDeliveries(page.data))
      .catch((error: unknown) => setProblem(summarizeError(error, t)));
  }, [endpoint, t]);

  const retry = async (delivery: Delivery) => {
    if (!endpoint) return;
    setProblem(null);
    try {
      const saved = await apiRequest<Delivery>('POST', `/webhooks/${encodeURIComponent(endpoint.id)}/deliveries/${encodeURIComponent(delivery.id)}/retry`);
      setDeliveries((current) => (current ?? []).map((candidate) => (candidate.id === saved.id ? saved : candidate)));
    } catch (error) {
      setProblem(summarizeError(error, t));
    }
  };

  return (
    <Dialog open={endpoint !== null} onClose={onClose} labelledBy="deliveries-title">
      {endpoint ? (
        <div className="dialog__content settings-pages__wide-dialog">
          <h2 id="deliveries-title" className="dialog__title">{t('settingsPages.webhooks.deliveriesTitle', { url: endpoint.url })}</h2>
          <ListState items={deliveries} problem={problem} emptyText={t('settingsPages.webhooks.noDeliveries')}>
            {(deliveries) => (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('settingsPages.webhooks.created')}</th>
                      <th scope="col">{t('settingsPages.webhooks.event')}</th>
                      <th scope="col">{t('settingsPages.common.status')}</th>
                      <th scope="col">{t('settingsPages.webhooks.attempts')}</th>
                      <th scope="col"><span className="visually-hidden">{t('settingsPages.common.actions')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {deliveries.map((delivery) => (
                      <tr key={delivery.id}>
                        <td className="table__nowrap">{formatDateTime(delivery.createdAt, locale)}</td>
                        <td>{delivery.eventType}</td>
                        <td>
                          {t(`settingsPages.webhooks.status.${delivery.status}`)}
                          {delivery.lastError ? <span className="muted"> · {delivery.lastError}</span> : null}
                        </td>
                        <td>{delivery.attempts}</td>
                        <td className="table__actions">
                          {delivery.status === 'delivered' ? null : (
                            <button type="button" className="button button--secondary button--small" onClick={() => void retry(delivery)}>{t('settingsPages.webhooks.retry')}</button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </ListState>
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={onClose}>{t('common.close')}</button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

const FIELDS = ['url', 'eventTypes', 'description'] as const;
type Field = (typeof FIELDS)[number];

function CreateWebhookForm({ onCreated }: { onCreated(endpoint: Endpoint & { secret: string }): void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('*');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<FormProblem<Field>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const eventTypes = events.split(/[\s,]+/).filter((type) => type !== '');
      const created = await apiRequest<Endpoint & { secret: string }>('POST', '/webhooks', { url: url.trim(), eventTypes, description: description.trim() });
      setUrl('');
      setDescription('');
      setProblem({ fields: {}, banner: null });
      onCreated(created);
    } catch (error) {
      // eventTypes.2 → the events field (one input holds the whole list).
      const placed = toNestedFormProblem(error, [...FIELDS, 'eventTypes_0', 'eventTypes_1', 'eventTypes_2', 'eventTypes_3', 'eventTypes_4'] as const, t);
      const eventError = placed.fields.eventTypes ?? Object.entries(placed.fields).find(([name]) => name.startsWith('eventTypes_'))?.[1];
      setProblem({ fields: { url: placed.fields.url, description: placed.fields.description, eventTypes: eventError }, banner: placed.banner });
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="webhook-create-title">
      <div className="card__header">
        <h2 id="webhook-create-title" className="card__title">{t('settingsPages.webhooks.createTitle')}</h2>
      </div>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={(event) => void submit(event)}>
        <TextField id="webhook-url" name="url" type="url" autoComplete="off" label={t('settingsPages.webhooks.url')} value={url} onValueChange={setUrl} error={problem.fields.url} required />
        <TextField id="webhook-events" name="eventTypes" autoComplete="off" label={t('settingsPages.webhooks.events')} hint={t('settingsPages.webhooks.eventsHint')} value={events} onValueChange={setEvents} error={problem.fields.eventTypes} />
        <TextField id="webhook-description" name="description" autoComplete="off" label={t('settingsPages.webhooks.description')} optionalLabel={t('common.optional')} value={description} onValueChange={setDescription} error={problem.fields.description} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('settingsPages.webhooks.create')}</button>
        </div>
      </form>
    </section>
  );
}
