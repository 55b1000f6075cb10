import { chargeTargets } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { sumSeries, type FinanceRecord } from './finance-series.ts';
import { loadContracts, type Contract } from './load-contracts.ts';
import { loadDeferredRevenue, type DeferredBalance } from './load-deferred-revenue.ts';
import type { MetricResult, Unit } from './metric-types.ts';
import { jsonMinor, rateBookFor, totalIn } from './money-figures.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { ReportRequest } from './report-request.ts';

export const BACKLOG_METRICS = ['backlog', 'rpo'] as const;
export type BacklogMetric = (typeof BACKLOG_METRICS)[number];
export const BACKLOG_UNITS: Record<BacklogMetric, Unit> = { backlog: 'money', rpo: 'money' };
export const BACKLOG_FORMULAS: Record<BacklogMetric, string> = {
  backlog: 'at the period end, per subscription: contracted charges (billing’s valuation through the contract end, or through the current billing period when open-ended) − lines issued so far',
  rpo: 'backlog (contracted, not yet billed) + deferred revenue in the ledger (billed, not yet recognized), at the period end',
};

/** Unbilled contracted amount of one subscription at a period end. */
export type Unbilled = FinanceRecord & { recordType: 'subscription'; accountId: string; contractEndDate: string | null; contractedMinor: bigint; billedMinor: bigint };

/** Balances at each period end: contracted not yet billed (backlog) and not yet recognized (RPO). */
export async function backlogMetric(ctx: Ctx, name: BacklogMetric, request: ReportRequest): Promise<MetricResult> {
  const last = request.periods[request.periods.length - 1];
  const asOf = request.asOf ?? null;
  const contracts = last ? await loadContracts(ctx, last.endDate, asOf) : [];
  const records: Array<Unbilled | DeferredBalance> = [];
  for (const period of request.periods) {
    records.push(...unbilledAt(contracts, period.endDate));
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

/**
 * Per subscription created by `date`: the billing engine's targets for every charge through the
 * contract's last day (end date − 1; an open-ended subscription is committed to its current
 * billing periods only, i.e. through `date`), minus the lines issued by `date`. A charge billed
 * above its target now (a credit still to issue) lowers the figure. Zero amounts are left out.
 */
export function unbilledAt(contracts: readonly Contract[], date: string): Unbilled[] {
  return contractPositionsAt(contracts, date).filter((record) => record.contractedMinor !== record.billedMinor);
}

/** unbilledAt with the subscriptions whose contract is fully billed too (revenue-bridge.ts needs what was contracted). */
export function contractPositionsAt(contracts: readonly Contract[], date: string): Unbilled[] {
  const records: Unbilled[] = [];
  for (const contract of contracts) {
    if (contract.createdDate > date) continue;
    const { subject } = contract;
    const lastDay = subject.endDate === null ? date : addDaysToDate(subject.endDate, -1);
    const billed = new Map<string, bigint>();
    for (const line of contract.billed) if (line.issueDate <= date) billed.set(line.key, (billed.get(line.key) ?? 0n) + line.amountMinor);
    const contractedMinor = chargeTargets(subject, lastDay > date ? lastDay : date, billed).reduce((sum, target) => sum + target.targetMinor, 0n);
    const billedMinor = [...billed.values()].reduce((sum, amount) => sum + amount, 0n);
    records.push({
      recordType: 'subscription', id: subject.id, accountId: contract.accountId, contractEndDate: subject.endDate, contractedMinor, billedMinor,
      date, amountMinor: contractedMinor - billedMinor, currency: subject.currency, segment: contract.segment, country: contract.country, industry: contract.industry,
    });
  }
  return records;
}
