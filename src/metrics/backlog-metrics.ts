import type { Ctx } from '../shared/context.ts';
import { contractPositions, type Unbilled } from './contract-positions.ts';
import { sumSeries } from './finance-series.ts';
import { loadContracts } from './load-contracts.ts';
import { loadDeferredRevenue, type DeferredBalance } from './load-deferred-revenue.ts';
import type { MetricResult, Unit } from './metric-types.ts';
import { jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import type { ReportRequest } from './report-request.ts';

export const BACKLOG_METRICS = ['backlog', 'rpo'] as const;
export type BacklogMetric = (typeof BACKLOG_METRICS)[number];
export const BACKLOG_UNITS: Record<BacklogMetric, Unit> = { backlog: 'money', rpo: 'money' };
export const BACKLOG_FORMULAS: Record<BacklogMetric, string> = {
  backlog: 'at the period end, per subscription: contracted charges (billing’s valuation through the contract end, or through the current billing period when open-ended) − lines issued so far',
  rpo: 'backlog (contracted, not yet billed) + deferred revenue in the ledger (billed, not yet recognized), at the period end',
};

/** Balances at each period end: contracted not yet billed (backlog) and not yet recognized (RPO). */
export async function backlogMetric(ctx: Ctx, name: BacklogMetric, request: ReportRequest): Promise<MetricResult> {
  const last = request.periods[request.periods.length - 1];
  const asOf = request.asOf ?? null;
  const contracts = last ? await loadContracts(ctx, last.endDate, asOf) : [];
  const positionsAt = contractPositions(contracts, last?.endDate ?? '');
  const records: Array<Unbilled | DeferredBalance> = [];
  for (const period of request.periods) {
    // Zero amounts are left out: a subscription fully billed has no backlog.
    records.push(...positionsAt(period.endDate).filter((record) => record.contractedMinor !== record.billedMinor));
    if (name === 'rpo') records.push(...await loadDeferredRevenue(ctx, period.endDate, asOf));
  }
  const book = await rateBookFor(ctx, request, records);
  const series = sumSeries(name, request, records, book, {
    formula: BACKLOG_FORMULAS[name], timeBasis: 'period_end_balance',
    fieldsOf: (record): Record<string, string | number | null> => (record.recordType === 'subscription'
      ? { part: 'unbilled', accountId: record.accountId, contractEndDate: record.contractEndDate, contractedMinor: jsonMinor(record.contractedMinor), billedMinor: jsonMinor(record.billedMinor) }
      : { part: 'deferred', accountId: record.accountId }),
    extrasOf: (items, rates): Record<string, number> => (name === 'rpo'
      ? { unbilledMinor: jsonMinor(totalIn(items.filter((r) => r.recordType === 'subscription'), rates)), deferredMinor: jsonMinor(totalIn(items.filter((r) => r.recordType === 'deferred_revenue'), rates)) }
      : {}),
  });
  return { metric: name, unit: 'money', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}
