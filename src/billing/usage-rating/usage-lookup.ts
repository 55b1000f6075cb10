import type { Ctx } from '../../shared/context.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { dayNumber } from '../invoicing/day-numbers.ts';

/** Usage of an item key in [startDate, endDate): the quantity a usage charge is rated on. */
export type UsageLookup = (itemKey: string, startDate: string, endDate: string) => bigint;

export const NO_USAGE: UsageLookup = () => 0n;

/**
 * Loads an account's daily product usage for the given feature keys (a usage item's key is the
 * feature it meters) through `throughDate`, and answers sums over any span (aggregation: sum).
 */
export async function loadUsageLookup(ctx: Ctx, accountId: string, itemKeys: readonly string[], throughDate: string): Promise<UsageLookup> {
  if (itemKeys.length === 0) return NO_USAGE;
  const rows = await invoicingDb(ctx).withTables<{ product_usage_daily: { account_id: string; usage_date: string; feature_key: string; usage_count: bigint } }>()
    .selectFrom('product_usage_daily').select(['feature_key', 'usage_date', 'usage_count'])
    .where('account_id', '=', accountId).where('feature_key', 'in', [...itemKeys]).where('usage_date', '<=', throughDate).execute();
  const byKey = new Map<string, Array<{ day: number; count: bigint }>>();
  for (const row of rows) byKey.set(row.feature_key, [...(byKey.get(row.feature_key) ?? []), { day: dayNumber(row.usage_date), count: BigInt(row.usage_count) }]);
  return (itemKey, startDate, endDate) => {
    const start = dayNumber(startDate);
    const end = dayNumber(endDate);
    return (byKey.get(itemKey) ?? []).reduce((total, row) => (row.day >= start && row.day < end ? total + row.count : total), 0n);
  };
}
