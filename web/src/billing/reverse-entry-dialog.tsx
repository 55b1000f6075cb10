import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { DateField } from '../components/date-field.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import type { JournalEntry } from './ledger-types.ts';
import { useReasonForm } from './use-reason-form.ts';

type Props = { open: boolean; entry: Pick<JournalEntry, 'id' | 'number'>; onClose(): void; onReversed(reversal: JournalEntry): void };

/**
 * Confirms reversing an entry: a reason is required; the date is optional (the API's rule: the
 * original's date if its month is open, else the first day of the next open month).
 */
export function ReverseEntryDialog({ open, entry, onClose, onReversed }: Props) {
  const { t } = useTranslation();
  const form = useReasonForm(['entryDate'] as const);
  const [entryDate, setEntryDate] = useState('');
  const submit = (event: FormEvent) => form.submit(event, {
    required: true,
    send: async (reason) => {
      const body = { reason, ...(entryDate === '' ? {} : { entryDate }) };
      const reversal = await apiRequest<JournalEntry>('POST', `/ledger/entries/${encodeURIComponent(entry.id)}/reverse`, body);
      setEntryDate('');
      onReversed(reversal);
    },
  });
  return (
    <Dialog open={open} onClose={onClose} labelledBy="reverse-entry-title" describedBy="reverse-entry-body">
      <form className="dialog__content" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="reverse-entry-title" className="dialog__title">{t('billing.ledger.reverse.title', { number: entry.number })}</h2>
        <p id="reverse-entry-body" className="dialog__body">{t('billing.ledger.reverse.body')}</p>
        {form.problem?.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
        <TextField id="reverse-reason" label={t('billing.ledger.reverse.reason')} value={form.reason} onValueChange={form.setReason} error={form.problem?.fields.reason} required maxLength={500} />
        <DateField
          id="reverse-date" label={t('billing.ledger.reverse.date')} value={entryDate} onValueChange={setEntryDate} error={form.problem?.fields.entryDate}
          optionalLabel={t('billing.optional')} hint={t('billing.ledger.reverse.dateHint')}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>{t('billing.cancel')}</button>
          <button type="submit" className="button button--danger" disabled={form.busy}>{t('billing.ledger.reverse.confirm')}</button>
        </div>
      </form>
    </Dialog>
  );
}
