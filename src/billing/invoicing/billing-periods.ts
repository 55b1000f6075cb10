import { nthPeriod, parsePlainDate, periodIndexContaining, toIsoDate } from '../../shared/dates.ts';

/** One billing period, half-open [startDate, endDate), as YYYY-MM-DD text. */
export type BillingPeriod = { startDate: string; endDate: string };

// The run asks for the same few periods again and again (every subscription with an anchor on the
// 1st of a month shares them), and each answer costs several Temporal date objects. Both functions
// are pure, so their answers are remembered; the maps are emptied when they grow past the bound.
const MEMO_LIMIT = 50_000;
const periodMemo = new Map<string, BillingPeriod>();
const indexMemo = new Map<string, number>();

function remember<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * The n-th billing period from the anchor: [anchor + n·k months, anchor + (n+1)·k months), each
 * edge computed from the anchor and clamped to the month's last day (Jan 31 → Feb 28/29 → Mar 31),
 * never chained from the previous period (docs/billing.md "Periods").
 */
export function billingPeriodAt(anchorDate: string, intervalMonths: number, index: number): BillingPeriod {
  return remember(periodMemo, `${anchorDate}|${intervalMonths}|${index}`, () => {
    const period = nthPeriod(parsePlainDate(anchorDate), index, intervalMonths);
    return Object.freeze({ startDate: toIsoDate(period.startDate), endDate: toIsoDate(period.endDate) });
  });
}

export function billingPeriodIndexOn(anchorDate: string, intervalMonths: number, date: string): number {
  return remember(indexMemo, `${anchorDate}|${intervalMonths}|${date}`, () => periodIndexContaining(parsePlainDate(anchorDate), intervalMonths, parsePlainDate(date)));
}

/** The billing period that contains `date`. */
export function billingPeriodContaining(anchorDate: string, intervalMonths: number, date: string): BillingPeriod {
  return billingPeriodAt(anchorDate, intervalMonths, billingPeriodIndexOn(anchorDate, intervalMonths, date));
}

/** Every billing period overlapping [fromDate, toDate] (both inclusive), oldest first. */
export function billingPeriodsBetween(anchorDate: string, intervalMonths: number, fromDate: string, toDate: string): BillingPeriod[] {
  if (toDate < fromDate) return [];
  const first = billingPeriodIndexOn(anchorDate, intervalMonths, fromDate);
  const last = billingPeriodIndexOn(anchorDate, intervalMonths, toDate);
  const periods: BillingPeriod[] = [];
  for (let index = first; index <= last; index += 1) periods.push(billingPeriodAt(anchorDate, intervalMonths, index));
  return periods;
}
