import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { DateField } from '../components/date-field.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { AccountPicker } from './account-picker.tsx';
import { typedAmountMinor } from '../lib/amount-input.ts';
import { PAYMENT_METHODS, type PaymentDetail, type PaymentMethod } from './types.ts';
import { todayLocalDate } from '../lib/calendar-date.ts';

type Field = 'accountId' | 'amount' | 'receivedDate' | 'method' | 'reference';
type Apply = 'credit' | 'auto';

/** Records money received. "Keep as credit" leaves it unapplied for cash application below. */
export function RecordPaymentForm({ initialAccountId, initialCurrency, onRecorded }: { initialAccountId: string; initialCurrency: string; onRecorded(payment: PaymentDetail): void }) {
  const { t } = useTranslation();
  const [accountId, setAccountId] = useState(initialAccountId);
  const [currency, setCurrency] = useState(initialCurrency || 'EUR');
  const [amount, setAmount] = useState('');
  const [receivedDate, setReceivedDate] = useState(() => todayLocalDate());
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [apply, setApply] = useState<Apply>('credit');
  const [problem, setProblem] = useState<FormProblem<Field> | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = typedAmountMinor(amount, currency);
    const fields: FormProblem<Field>['fields'] = {};
    if (accountId === '') fields.accountId = t('validation.required');
    if (amountMinor === null || amountMinor <= 0n) fields.amount = t('billing.payments.invalidAmount');
    if (Object.keys(fields).length > 0 || amountMinor === null) {
      setProblem({ fields, banner: null });
      return;
    }
    setBusy(true);
    try {
      const payment = await apiRequest<PaymentDetail>('POST', '/payments', {
        accountId, amount: { amountMinor: amountMinor.toString(), currency }, receivedDate, method,
        reference: reference.trim() === '' ? null : reference.trim(), autoApply: apply === 'auto',
      });
      setProblem(null);
      setAmount('');
      setReference('');
      onRecorded(payment);
    } catch (error) {
      setProblem(toFormProblem(error, ['accountId', 'amount', 'receivedDate', 'method', 'reference'] as const, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="record-payment-title">
      <h2 id="record-payment-title" className="card__title">{t('billing.payments.record')}</h2>
      {problem?.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <form className="form form--grid" onSubmit={(event) => void submit(event)} noValidate>
        <AccountPicker id="payment-account" value={accountId} error={problem?.fields.accountId} onChange={(account) => {
          setAccountId(account?.id ?? '');
          if (account && account.currency !== '') setCurrency(account.currency);
        }} />
        <TextField id="payment-currency" label={t('billing.currency')} value={currency} maxLength={3} onValueChange={(value) => setCurrency(value.toUpperCase())} />
        <TextField id="payment-amount" label={t('billing.payments.amount')} value={amount} onValueChange={setAmount} inputMode="decimal" error={problem?.fields.amount} required />
        <DateField id="payment-date" label={t('billing.payments.receivedDate')} value={receivedDate} onValueChange={setReceivedDate} error={problem?.fields.receivedDate} />
        <SelectField<PaymentMethod> id="payment-method" label={t('billing.payments.method')} value={method} onValueChange={setMethod}
          options={PAYMENT_METHODS.map((value) => ({ value, label: t(`billing.methods.${value}`) }))} error={problem?.fields.method} />
        <TextField id="payment-reference" label={t('billing.payments.reference')} value={reference} onValueChange={setReference} error={problem?.fields.reference} optionalLabel={t('billing.optional')} />
        <SelectField<Apply> id="payment-apply" label={t('billing.payments.applyMode')} value={apply} onValueChange={setApply}
          options={[{ value: 'credit', label: t('billing.payments.keepAsCredit') }, { value: 'auto', label: t('billing.payments.autoApply') }]} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('billing.payments.save')}</button>
        </div>
      </form>
    </section>
  );
}
