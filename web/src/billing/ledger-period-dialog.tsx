import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';

export type PeriodAction = { kind: 'close' | 'reopen'; period: string; label: string };

type Props = { action: PeriodAction | null; onClose(): void; onDone(): void };

/** Confirms closing (reason optional) or reopening (reason required) a month; a refusal shows the API's detail. */
export function PeriodDialog({ action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem<'reason'> | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setReason('');
    setProblem(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (action === null) return;
    if (action.kind === 'reopen' && reason.trim() === '') {
      setProblem({ fields: { reason: t('validation.required') }, banner: null });
      return;
    }
    setBusy(true);
    try {
      await apiRequest('POST', `/ledger/periods/${action.period}/${action.kind}`, reason.trim() === '' ? {} : { reason: reason.trim() });
      setReason('');
      setProblem(null);
      onDone();
    } catch (error) {
      setProblem(toFormProblem(error, ['reason'] as const, t));
    } finally {
      setBusy(false);
    }
  };
  const kind = action?.kind ?? 'close';
  return (
    <Dialog open={action !== null} onClose={close} labelledBy="ledger-period-title" describedBy="ledger-period-body">
      <form className="dialog__content" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="ledger-period-title" className="dialog__title">{t(`billing.ledger.periods.${kind}Title`, { month: action?.label ?? '' })}</h2>
        <p id="ledger-period-body" className="dialog__body">{t(`billing.ledger.periods.${kind}Body`)}</p>
        {problem?.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
        <TextField
          id="ledger-period-reason" label={t('billing.ledger.periods.reason')} value={reason} onValueChange={setReason} error={problem?.fields.reason}
          required={kind === 'reopen'} optionalLabel={kind === 'close' ? t('billing.optional') : undefined} maxLength={500}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={close}>{t('billing.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{t(`billing.ledger.periods.${kind}`)}</button>
        </div>
      </form>
    </Dialog>
  );
}
