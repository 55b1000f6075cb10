import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { useReasonForm } from './use-reason-form.ts';

type Props = { open: boolean; invoiceId: string; onClose(): void; onVoided(): void };

/** Confirms voiding an issued invoice: a reason is required, and a credit note is issued for it. */
export function VoidInvoiceDialog({ open, invoiceId, onClose, onVoided }: Props) {
  const { t } = useTranslation();
  const form = useReasonForm();
  const submit = (event: FormEvent) => form.submit(event, {
    required: true,
    send: async (reason) => {
      await apiRequest('POST', `/invoices/${encodeURIComponent(invoiceId)}/void`, { reason });
      onVoided();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} labelledBy="void-invoice-title" describedBy="void-invoice-body">
      <form className="dialog__content" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="void-invoice-title" className="dialog__title">{t('billing.void.title')}</h2>
        <p id="void-invoice-body" className="dialog__body">{t('billing.void.body')}</p>
        {form.problem?.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
        <TextField id="void-reason" label={t('billing.void.reason')} value={form.reason} onValueChange={form.setReason} error={form.problem?.fields.reason} required />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>{t('billing.cancel')}</button>
          <button type="submit" className="button button--danger" disabled={form.busy}>{t('billing.void.confirm')}</button>
        </div>
      </form>
    </Dialog>
  );
}
