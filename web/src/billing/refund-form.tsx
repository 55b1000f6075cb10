import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { typedAmountMinor } from '../lib/amount-input.ts';
import type { PaymentDetail } from './types.ts';

/** Pays unapplied credit back (money on invoices must be unapplied first, docs/payments.md). */
export function RefundForm({ payment, onRefunded }: { payment: PaymentDetail; onRefunded(): void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem<'amountMinor' | 'reason'> | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = amount.trim() === '' ? undefined : typedAmountMinor(amount, payment.amount.currency);
    if (minor === null || (minor !== undefined && minor <= 0n)) {
      setProblem({ fields: { amountMinor: t('billing.payments.invalidAmount') }, banner: null });
      return;
    }
    try {
      await apiRequest('POST', `/payments/${encodeURIComponent(payment.id)}/refunds`, {
        ...(minor === undefined ? {} : { amountMinor: minor.toString() }), reason: reason.trim() === '' ? null : reason.trim(),
      });
      setAmount('');
      setReason('');
      setProblem(null);
      onRefunded();
    } catch (error) {
      setProblem(toFormProblem(error, ['amountMinor', 'reason'] as const, t));
    }
  };
  return (
    <div className="billing-refund">
      <h3 id="refund-title" className="billing-subtitle">{t('billing.payments.refundTitle')}</h3>
      {problem?.banner ? <p className="field__error" role="alert">{problem.banner.title}: {problem.banner.detail}</p> : null}
      <form className="form form--inline" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="refund-title">
      <TextField id="refund-amount" label={t('billing.payments.refundAmount')} hint={t('billing.payments.refundHint')} value={amount} onValueChange={setAmount} inputMode="decimal" error={problem?.fields.amountMinor} />
      <TextField id="refund-reason" label={t('billing.payments.reason')} value={reason} onValueChange={setReason} error={problem?.fields.reason} optionalLabel={t('billing.optional')} />
      <button type="submit" className="button button--secondary">{t('billing.payments.refund')}</button>
      </form>
    </div>
  );
}
