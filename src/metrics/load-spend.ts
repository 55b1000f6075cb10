import type { Ctx } from '../shared/context.ts';
import { allocate, money } from '../shared/money.ts';
import { daysBetween, firstDateOfMonth, lastDateOfMonth, monthOfDate } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { findCampaignsWithSpend, findSpendLines } from './plan-repo.ts';
import { tableAsOf } from './as-of-tables.ts';
import { metricsDb } from './read-model.ts';

/** One amount of sales or marketing spend on a date: an imported spend line, or a month's share of a campaign's actual cost. */
export type SpendItem = { origin: 'spend_line' | 'campaign'; kind: 'sales' | 'marketing'; category: string; campaignId: string | null; date: string; amountMinor: bigint; currency: string };

/**
 * Spend dated within the periods: every imported spend line, plus each campaign's actual cost
 * spread over its days [start_date, end_date] (largest remainder, money.ts allocate) and dated the
 * first day of each month it runs in. A campaign with spend lines is counted through those lines
 * only (its actual cost would count it twice); one without a start date cannot be dated and is left
 * out; a campaign without an end date counts on its start date. Soft-deleted campaigns are excluded.
 * With asOf (docs/metrics.md "As of"): spend lines and campaigns as they stood then.
 */
export async function loadSpend(ctx: Ctx, periods: readonly Period[], asOf: Date | null = null): Promise<SpendItem[]> {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  const fromDate = first.startDate;
  const toDate = last.endDate;
  const lines = (await findSpendLines(ctx, fromDate, toDate, asOf)).map((line): SpendItem => ({
    origin: 'spend_line', kind: line.kind, category: line.category, campaignId: line.campaignId, date: line.spendDate, amountMinor: line.amountMinor, currency: line.currency,
  }));
  const withLines = await findCampaignsWithSpend(ctx, asOf);
  const campaigns = await metricsDb(ctx).selectFrom(tableAsOf('campaigns', asOf).as('c')).select(['id', 'start_date', 'end_date', 'currency', 'actual_cost_minor'])
    .where('deleted_at', 'is', null).where('actual_cost_minor', '>', 0n).where('start_date', 'is not', null).where('start_date', '<=', toDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', fromDate)])).orderBy('id').execute();
  const costs = campaigns.filter((c) => !withLines.has(c.id)).flatMap((c) => spreadCost(c.id, c.start_date ?? '', c.end_date ?? c.start_date ?? '', BigInt(c.actual_cost_minor ?? 0n), c.currency ?? ''));
  return [...lines, ...costs.filter((item) => item.date >= fromDate && item.date <= toDate)];
}

function spreadCost(campaignId: string, startDate: string, endDate: string, amountMinor: bigint, currency: string): SpendItem[] {
  const months: Array<{ month: number; days: bigint }> = [];
  for (let month = monthOfDate(startDate); month <= monthOfDate(endDate); month += 1) {
    const from = month === monthOfDate(startDate) ? startDate : firstDateOfMonth(month);
    const to = month === monthOfDate(endDate) ? endDate : lastDateOfMonth(month);
    months.push({ month, days: BigInt(daysBetween(from, to) + 1) });
  }
  const parts = allocate(money(amountMinor, currency), months.map((m) => m.days));
  return months.map(({ month }, i): SpendItem => ({
    origin: 'campaign', kind: 'marketing', category: 'campaign', campaignId, date: month === monthOfDate(startDate) ? startDate : firstDateOfMonth(month), amountMinor: parts[i]?.amountMinor ?? 0n, currency,
  }));
}
