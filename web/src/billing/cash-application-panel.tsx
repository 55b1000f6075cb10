import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { apiRequest } from '../lib/api.ts';
import { toFormProblem } from '../lib/problem.ts';
import { typedAmountMinor } from '../lib/amount-input.ts';
import { day, money, toDecimalText, toMinor } from './billing-format.ts';
import { RefundForm } from './refund-form.tsx';
import type { InvoiceSummary, PaymentDetail } from './types.ts';
import { useResource } from './use-resource.ts';

type Props = { paymentId: string; onChanged(): void };

/**
 * Cash application: spreads a payment's unapplied money over open invoices of the same customer
 * and currency, partial amounts allowed; shows what stays unapplied as the user types (bigint).
 */
export function CashApplicationPanel({ paymentId, onChanged }: Props) {
  const { t } = useTranslation();
  const payment = useResource<PaymentDetail>(`/payments/${encodeURIComponent(paymentId)}`);
  const p = payment.data;
  const open = useResource<{ data: InvoiceSummary[] }>(p ? `/invoices?limit=100&status=issued&accountId=${encodeURIComponent(p.accountId)}&currency=${p.amount.currency}` : null);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!p) return payment.problem ? <Banner tone="error" title={payment.problem.title} detail={payment.problem.detail} /> : null;
  const currency = p.amount.currency;
  const parsed = Object.entries(amounts).filter(([, text]) => text.trim() !== '').map(([invoiceId, text]) => ({ invoiceId, minor: typedAmountMinor(text, currency) }));
  const invalid = parsed.some((entry) => entry.minor === null || entry.minor <= 0n);
  const chosen = parsed.reduce((sum, entry) => sum + (entry.minor ?? 0n), 0n);
  const remaining = toMinor(p.unapplied) - chosen;
  const reload = () => {
    payment.reload();
    open.reload();
    onChanged();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (parsed.length === 0 || invalid || remaining < 0n) return;
    setBusy(true);
    try {
      await apiRequest('POST', `/payments/${encodeURIComponent(paymentId)}/applications`, {
        allocations: parsed.map((entry) => ({ invoiceId: entry.invoiceId, amountMinor: (entry.minor ?? 0n).toString() })),
      });
      setAmounts({});
      setProblem(null);
      reload();
    } catch (error) {
      setProblem(toFormProblem(error, [], t).banner);
    } finally {
      setBusy(false);
    }
  };
  const invoices = open.data?.data ?? [];
  const canApply = p.sourceSystem === null && toMinor(p.unapplied) > 0n;
  return (
    <section className="card" aria-labelledby="cash-application-title" data-testid="cash-application">
      <h2 id="cash-application-title" className="card__title">{t('billing.payments.applicationTitle', { id: p.id })}</h2>
      <dl className="billing-facts">
        <dt>{t('billing.payments.amount')}</dt><dd>{money(p.amount)}</dd>
        <dt>{t('billing.payments.applied')}</dt><dd>{money(p.applied)}</dd>
        <dt>{t('billing.payments.unapplied')}</dt><dd data-testid="payment-unapplied">{money(p.unapplied)}</dd>
      </dl>
      {problem ? <Banner tone="error" title={problem.title} detail={problem.detail} /> : null}
      {canApply ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {invoices.length === 0 ? <p className="muted">{t('billing.payments.noOpenInvoices')}</p> : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('billing.payments.openInvoices')}</caption>
                <thead><tr>
                  <th scope="col">{t('billing.invoices.number')}</th><th scope="col">{t('billing.invoices.dueDate')}</th>
                  <th scope="col" className="billing-num">{t('billing.invoices.open')}</th><th scope="col">{t('billing.payments.applyAmount')}</th>
                </tr></thead>
                <tbody>
                  {invoices.map((invoice) => (
                    <tr key={invoice.id}>
                      <th scope="row">{invoice.number}</th>
                      <td>{day(invoice.dueDate)}</td>
                      <td className="billing-num">{money(invoice.amountDue)}</td>
                      <td>
                        <input
                          className="input billing-compact" inputMode="decimal" value={amounts[invoice.id] ?? ''}
                          aria-label={t('billing.payments.applyTo', { number: invoice.number ?? invoice.id })}
                          placeholder={toDecimalText(toMinor(invoice.amountDue) < toMinor(p.unapplied) ? toMinor(invoice.amountDue) : toMinor(p.unapplied), currency)}
                          onChange={(event) => setAmounts((previous) => ({ ...previous, [invoice.id]: event.target.value }))}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className={remaining < 0n || invalid ? 'billing-remaining billing-remaining--bad' : 'billing-remaining'} aria-live="polite" data-testid="payment-remaining">
            {invalid ? t('billing.payments.invalidAmount') : t('billing.payments.remaining', { amount: money({ amountMinor: remaining.toString(), currency }) })}
          </p>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy || parsed.length === 0 || invalid || remaining < 0n}>{t('billing.payments.apply')}</button>
          </div>
        </form>
      ) : null}
      {p.allocations.length > 0 ? (
        <ul className="billing-list">
          {p.allocations.map((a) => <li key={a.invoiceId}>{t('billing.payments.allocatedTo', { invoice: a.invoiceId, amount: money(a.amount) })}</li>)}
        </ul>
      ) : null}
      {p.reversals.map((r) => <p key={r.id} className="muted">{t(`billing.payments.reversal.${r.kind}`, { amount: money(r.amount), date: day(r.date) })}</p>)}
      {canApply ? <RefundForm payment={p} onRefunded={reload} /> : null}
    </section>
  );
}
