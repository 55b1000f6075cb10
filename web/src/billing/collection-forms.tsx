import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../components/date-field.tsx';
import { TextField } from '../components/field.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { typedAmountMinor } from '../lib/amount-input.ts';

type FormProps = { accountId: string; onSaved(): void; onCancel(): void };

function ProblemLine({ problem }: { problem: FormProblem<string> | null }) {
  return problem?.banner ? <p className="field__error" role="alert">{problem.banner.title}{problem.banner.detail ? `: ${problem.banner.detail}` : ''}</p> : null;
}

/** A collections note; "contacted" makes it the account's last contact. */
export function CollectionNoteForm({ accountId, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [contacted, setContacted] = useState(true);
  const [problem, setProblem] = useState<FormProblem<'body'> | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return setProblem({ fields: { body: t('validation.required') }, banner: null });
    try {
      await apiRequest('POST', '/collections/notes', { accountId, body: body.trim(), contacted });
      onSaved();
    } catch (error) {
      setProblem(toFormProblem(error, ['body'] as const, t));
    }
  };
  return (
    <form className="billing-inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemLine problem={problem} />
      <TextField id={`note-${accountId}`} label={t('billing.collections.note')} value={body} onValueChange={setBody} error={problem?.fields.body} required />
      <label className="billing-check">
        <input type="checkbox" checked={contacted} onChange={(event) => setContacted(event.target.checked)} /> {t('billing.collections.contacted')}
      </label>
      <button type="submit" className="button button--primary button--small">{t('billing.save')}</button>
      <button type="button" className="button button--ghost button--small" onClick={onCancel}>{t('billing.cancel')}</button>
    </form>
  );
}

/** A promise to pay (pauses dunning until its date). */
export function CollectionPromiseForm({ accountId, currency, onSaved, onCancel }: FormProps & { currency: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<FormProblem<'promisedDate' | 'amount'> | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = typedAmountMinor(amount, currency);
    const fields: FormProblem<'promisedDate' | 'amount'>['fields'] = {};
    if (date === '') fields.promisedDate = t('validation.required');
    if (minor === null || minor <= 0n) fields.amount = t('billing.payments.invalidAmount');
    if (Object.keys(fields).length > 0 || minor === null) return setProblem({ fields, banner: null });
    try {
      await apiRequest('POST', '/collections/promises', { accountId, promisedDate: date, amount: { amountMinor: minor.toString(), currency } });
      onSaved();
    } catch (error) {
      setProblem(toFormProblem(error, ['promisedDate', 'amount'] as const, t));
    }
  };
  return (
    <form className="billing-inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <ProblemLine problem={problem} />
      <DateField id={`promise-date-${accountId}`} label={t('billing.collections.promiseDate')} value={date} onValueChange={setDate} error={problem?.fields.promisedDate} required />
      <TextField id={`promise-amount-${accountId}`} label={`${t('billing.payments.amount')} (${currency})`} value={amount} onValueChange={setAmount} inputMode="decimal" error={problem?.fields.amount} required />
      <button type="submit" className="button button--primary button--small">{t('billing.save')}</button>
      <button type="button" className="button button--ghost button--small" onClick={onCancel}>{t('billing.cancel')}</button>
    </form>
  );
}
