import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { useReasonForm } from './use-reason-form.ts';

export type PeriodAction = { kind: 'close' | 'reopen'; period: string; label: string };

type Props = { action: PeriodAction | null; onClose(): void; onDone(): void };

/** Confirms closing (reason optional) or reopening (reason required) a month; a refusal shows the API's detail. */
export function PeriodDialog({ action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const form = useReasonForm();
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    if (action === null) {
      event.preventDefault();
      return Promise.resolve();
    }
    // Closing takes an optional note; reopening a closed month must say why.
    return form.submit(event, {
      required: action.kind === 'reopen',
      send: async (reason) => {
        await apiRequest('POST', `/ledger/periods/${action.period}/${action.kind}`, reason === '' ? {} : { reason });
        onDone();
      },
    });
  };
  const kind = action?.kind ?? 'close';
  return (
    <Dialog open={action !== null} onClose={close} labelledBy="ledger-period-title" describedBy="ledger-period-body">
      <form className="dialog__content" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="ledger-period-title" className="dialog__title">{t(`billing.ledger.periods.${kind}Title`, { month: action?.label ?? '' })}</h2>
        <p id="ledger-period-body" className="dialog__body">{t(`billing.ledger.periods.${kind}Body`)}</p>
        {form.problem?.banner ? <Banner tone="error" title={form.problem.banner.title} detail={form.problem.banner.detail} /> : null}
        <TextField
          id="ledger-period-reason" label={t('billing.ledger.periods.reason')} value={form.reason} onValueChange={form.setReason} error={form.problem?.fields.reason}
          required={kind === 'reopen'} optionalLabel={kind === 'close' ? t('billing.optional') : undefined} maxLength={500}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={close}>{t('billing.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={form.busy}>{t(`billing.ledger.periods.${kind}`)}</button>
        </div>
      </form>
    </Dialog>
  );
}
