import { useEffect, useState } from 'react';
import { apiRequest } from '../lib/api.ts';
import type { Contribution, Explain } from '../metrics-explorer/metrics-api.ts';
import { toMinor } from '../metrics-explorer/metric-format.ts';
import type { LoadState } from '../metrics-explorer/use-metric.ts';

export const AGING_BUCKETS = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
type MoneyJson = { amountMinor: number | string; currency: string };
type TotalJson = { currency: string; buckets: Record<string, MoneyJson>; unappliedCredits?: MoneyJson; net?: MoneyJson };
export type AgingResponse = {
  asOfDate: string;
  customers: Array<{
    accountId: string; accountName: string; currency: string;
    invoices: Array<{ invoiceId: string; number: string | null; dueDate: string | null; daysPastDue: number; bucket: string; amountDue: MoneyJson; reportingAmountDue?: MoneyJson | null }>;
  }>;
  totals: TotalJson[];
  /** Asked with a reporting currency: every customer converted into it (src/payments/json.ts). */
  reportingTotal?: TotalJson | null;
};
/** Per document currency: the invoice buckets, unapplied credit notes and net AR (= the ledger's AR account). */
export type AgingByCurrency = {
  currency: string; asOfDate: string; buckets: Array<{ key: string; amountMinor: bigint }>; unappliedCreditsMinor: bigint; netMinor: bigint; explain: Explain;
};

/**
 * The payments API's aging per document currency, with the open invoices behind the buckets as
 * explain records; asked in a reporting currency, one entry in it: every currency converted, so no
 * document currency's invoices or credits are left out of the figure.
 */
export function agingByCurrency(aging: AgingResponse, formula: string): AgingByCurrency[] {
  if (aging.reportingTotal) {
    const total = aging.reportingTotal;
    const contributions: Contribution[] = aging.customers.flatMap((row) => row.invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId, accountId: row.accountId, number: invoice.number, dueDate: invoice.dueDate, daysPastDue: invoice.daysPastDue,
      bucket: invoice.bucket, amountMinor: invoice.reportingAmountDue?.amountMinor ?? 0, currency: total.currency,
    })));
    return [entryOf(aging.asOfDate, total, contributions, formula)];
  }
  return aging.totals.map((total): AgingByCurrency => {
    const contributions: Contribution[] = aging.customers.filter((row) => row.currency === total.currency).flatMap((row) => row.invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId, accountId: row.accountId, number: invoice.number, dueDate: invoice.dueDate, daysPastDue: invoice.daysPastDue,
      bucket: invoice.bucket, amountMinor: invoice.amountDue.amountMinor, currency: total.currency,
    })));
    return entryOf(aging.asOfDate, total, contributions, formula);
  });
}

function entryOf(asOfDate: string, total: TotalJson, contributions: Contribution[], formula: string): AgingByCurrency {
  const invoicesMinor = total.buckets['total'] ? toMinor(total.buckets['total'].amountMinor) : 0n;
  const unappliedCreditsMinor = total.unappliedCredits ? toMinor(total.unappliedCredits.amountMinor) : 0n;
  return {
    currency: total.currency, asOfDate,
    buckets: AGING_BUCKETS.map((key) => ({ key, amountMinor: total.buckets[key] ? toMinor(total.buckets[key].amountMinor) : 0n })),
    unappliedCreditsMinor, netMinor: total.net ? toMinor(total.net.amountMinor) : invoicesMinor - unappliedCreditsMinor,
    explain: { formula, settings: { asOf: asOfDate, currency: total.currency }, contributions },
  };
}

/**
 * AR aging from the payments API (GET /ar/aging): per document currency — or, with the dashboard's
 * reporting currency, in it — the buckets and the open invoices behind them as explain records
 * (used when the metrics catalogue has no ar-aging), and the unapplied credit notes and net AR the
 * card shows under its chart either way.
 */
export function useArAging(asOfDate: string | null, formula: string, currency: string | null = null): LoadState<AgingByCurrency[]> & { reload(): void } {
  const [state, setState] = useState<LoadState<AgingByCurrency[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (asOfDate === null) return;
    let active = true;
    setState({ status: 'loading' });
    apiRequest<AgingResponse>('GET', `/ar/aging?asOf=${asOfDate}${currency ? `&currency=${currency}` : ''}`)
      .then((aging) => {
        if (active) setState({ status: 'ready', data: agingByCurrency(aging, formula) });
      })
      .catch((error: unknown) => active && setState({ status: 'error', error }));
    return () => {
      active = false;
    };
  }, [asOfDate, formula, currency, attempt]);
  return { ...state, reload: () => setAttempt((count) => count + 1) };
}
