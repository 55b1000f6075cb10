import type { Ctx } from '../shared/context.ts';
import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import { sumSeries } from './finance-series.ts';
import type { RateBook } from './fx-rate-book.ts';
import { loadBillingDocuments } from './load-billing-documents.ts';
import { loadCashMovements } from './load-cash-movements.ts';
import { loadRevenuePostings, type RevenuePosting } from './load-revenue-postings.ts';
import type { MetricResult, Unit } from './metric-types.ts';
import { jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import type { ReportRequest } from './report-request.ts';
import { memoInRequest } from './request-memo.ts';

export const FINANCE_FLOW_METRICS = ['billings', 'recognized-revenue', 'cash-collected'] as const;
export type FinanceFlowMetric = (typeof FINANCE_FLOW_METRICS)[number];
export const FINANCE_FLOW_UNITS: Record<FinanceFlowMetric, Unit> = { billings: 'money', 'recognized-revenue': 'money', 'cash-collected': 'money' };
export const FINANCE_FLOW_FORMULAS: Record<FinanceFlowMetric, string> = {
  billings: 'Σ issued invoices excl. tax (total − tax) − Σ credit notes excl. tax, by issue date',
  'recognized-revenue': 'Σ (credit − debit) on the operating revenue accounts (subscription 4000, services 4100, usage 4200), by journal entry date',
  'cash-collected': 'Σ payments received (received date) − Σ refunds and chargebacks (their dates)',
};

/** Flows over a period: documents, cash and ledger postings dated in it. */
export async function financeFlowMetric(ctx: Ctx, name: FinanceFlowMetric, request: ReportRequest): Promise<MetricResult> {
  const fromDate = request.periods[0]?.startDate ?? '';
  const toDate = request.periods[request.periods.length - 1]?.endDate ?? '';
  const formula = FINANCE_FLOW_FORMULAS[name];
  const asOf = request.asOf ?? null;
  const result = (series: MetricResult['series']): MetricResult => ({ metric: name, unit: 'money', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series });
  if (name === 'billings') {
    const documents = await memoInRequest(ctx, ['billing-documents', fromDate, toDate, asOf], () => loadBillingDocuments(ctx, fromDate, toDate, asOf));
    const book = await rateBookFor(ctx, request, documents);
    return result(sumSeries(name, request, documents, book, {
      formula, timeBasis: 'issue_date', fieldsOf: (d) => ({ number: d.number, accountId: d.accountId, taxMinor: jsonMinor(d.taxMinor) }),
      extrasOf: (items, rates) => ({
        invoicedMinor: jsonMinor(totalIn(items.filter((d) => d.recordType === 'invoice'), rates)),
        creditedMinor: jsonMinor(-totalIn(items.filter((d) => d.recordType === 'credit_note'), rates)),
      }),
    }));
  }
  if (name === 'cash-collected') {
    const movements = await loadCashMovements(ctx, fromDate, toDate, asOf);
    const book = await rateBookFor(ctx, request, movements);
    return result(sumSeries(name, request, movements, book, {
      formula, timeBasis: 'received_date', fieldsOf: (m) => ({ paymentId: m.paymentId, accountId: m.accountId }),
      extrasOf: (items, rates) => ({
        receivedMinor: jsonMinor(totalIn(items.filter((m) => m.recordType === 'payment'), rates)),
        refundedMinor: jsonMinor(-totalIn(items.filter((m) => m.recordType === 'refund'), rates)),
        chargedBackMinor: jsonMinor(-totalIn(items.filter((m) => m.recordType === 'chargeback'), rates)),
      }),
    }));
  }
  const postings = (await loadRevenuePostings(ctx, fromDate, toDate, asOf)).filter((p) => p.operating);
  const book = await rateBookFor(ctx, request, postings);
  return result(sumSeries(name, request, postings, book, { formula, timeBasis: 'entry_date', fieldsOf: postingFields, extrasOf: revenueByAccount }));
}

export function postingFields(posting: RevenuePosting) {
  return { accountId: posting.accountId, ledgerAccount: posting.ledgerAccount, operating: posting.operating, lines: posting.lines };
}

function revenueByAccount(items: RevenuePosting[], book: RateBook | null) {
  const of = (code: string) => jsonMinor(totalIn(items.filter((p) => p.ledgerAccount === code), book));
  return { subscriptionMinor: of(LEDGER_ACCOUNTS.subscriptionRevenue), servicesMinor: of(LEDGER_ACCOUNTS.servicesRevenue), usageMinor: of(LEDGER_ACCOUNTS.usageRevenue) };
}
