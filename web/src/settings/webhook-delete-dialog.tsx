import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { apiRequest } from '../lib/api.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';

type DeletableEndpoint = { id: string; url: string; version: number };

/**
 * Confirms and deletes one endpoint. DELETE has no body to carry `version`, so the version the list
 * showed goes as If-Match: if someone changed the endpoint meanwhile the server answers 412 and
 * nothing is deleted (the message says to reload).
 */
export function DeleteWebhookDialog({ endpoint, onClose, onDeleted }: { endpoint: DeletableEndpoint | null; onClose(): void; onDeleted(id: string): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorSummary | null>(null);
  const close = () => {
    setProblem(null);
    onClose();
  };
  const remove = async () => {
    if (!endpoint) return;
    setBusy(true);
    setProblem(null);
    try {
      await apiRequest<void>('DELETE', `/webhooks/${encodeURIComponent(endpoint.id)}`, undefined, { headers: { 'if-match': `"${endpoint.version}"` } });
      onDeleted(endpoint.id);
    } catch (error) {
      setProblem(summarizeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={endpoint !== null} onClose={close} labelledBy="webhook-delete-title" describedBy="webhook-delete-body">
      {endpoint ? (
        <div className="dialog__content">
          <h2 id="webhook-delete-title" className="dialog__title">{t('settingsPages.webhooks.deleteTitle')}</h2>
          <p id="webhook-delete-body" className="dialog__body">{t('settingsPages.webhooks.deleteBody', { url: endpoint.url })}</p>
          {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={close}>{t('settingsPages.webhooks.keep')}</button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>{t('settingsPages.webhooks.deleteConfirm')}</button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
