import type { Ctx } from '../../shared/context.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { dayNumber } from '../invoicing/day-numbers.ts';
import { usageEventsDb } from '../usage-events/usage-event-tables.ts';
import { aggregateUsage, type UsageAggregation, type UsageEvent } from './aggregate-usage.ts';

/** Usage of an item key in [startDate, endDate), aggregated (default: sum): the quantity a usage charge is rated on. */
export type UsageLookup = (itemKey: string, startDate: string, endDate: string, aggregation?: UsageAggregation) => bigint;

export const NO_USAGE: UsageLookup = () => 0n;

type DailyCount = { day: number; count: bigint };

/**
 * Loads an account's daily usage for the given item keys through `throughDate` and answers sums
 * over any span (aggregation: sum). Two sources (docs/billing.md "Usage events"): raw metered
 * events (usage_events, summed per UTC day) and daily counts per feature (product_usage_daily). A
 * key with any raw event is rated from its events only, so the two never add up to a double count.
 */
export async function loadUsageLookup(ctx: Ctx, accountId: string, itemKeys: readonly string[], throughDate: string, rawKeys: readonly string[] = []): Promise<UsageLookup> {
  if (itemKeys.length === 0) return NO_USAGE;
  const rows = await invoicingDb(ctx).withTables<{ product_usage_daily: { account_id: string; usage_date: string; feature_key: string; usage_count: bigint } }>()
    .selectFrom('product_usage_daily').select(['feature_key', 'usage_date', 'usage_count'])
    .where('account_id', '=', accountId).where('feature_key', 'in', [...itemKeys]).where('usage_date', '<=', throughDate).execute();
  const daily = new Map<string, DailyCount[]>();
  for (const row of rows) daily.set(row.feature_key, [...(daily.get(row.feature_key) ?? []), { day: dayNumber(row.usage_date), count: BigInt(row.usage_count) }]);
  const fromEvents = await loadEventSums(ctx, accountId, itemKeys, throughDate);
  const raw = await loadRawEvents(ctx, accountId, rawKeys, throughDate);
  return (itemKey, startDate, endDate, aggregation = 'sum') => {
    // Count, max, unique count and latest need the events themselves (raw events only: daily counts are sums).
    if (aggregation !== 'sum') return aggregateUsage(raw.get(itemKey) ?? [], aggregation, { startDate, endDate });
    const start = dayNumber(startDate);
    const end = dayNumber(endDate);
    const counts = fromEvents.get(itemKey) ?? daily.get(itemKey) ?? [];
    return counts.reduce((total, row) => (row.day >= start && row.day < end ? total + row.count : total), 0n);
  };
}

/** Raw events summed per item key and UTC day (one grouped query). */
async function loadEventSums(ctx: Ctx, accountId: string, itemKeys: readonly string[], throughDate: string): Promise<Map<string, DailyCount[]>> {
  const rows = await usageEventsDb(ctx).selectFrom('usage_events')
    .select((eb) => ['feature_key', 'occurred_on', eb.fn.sum<string>('value').as('total')])
    .where('account_id', '=', accountId).where('feature_key', 'in', [...itemKeys]).where('occurred_on', '<=', throughDate)
    .groupBy(['feature_key', 'occurred_on']).execute();
  const byKey = new Map<string, DailyCount[]>();
  for (const row of rows) byKey.set(row.feature_key, [...(byKey.get(row.feature_key) ?? []), { day: dayNumber(row.occurred_on), count: BigInt(row.total) }]);
  return byKey;
}

/** The raw events of the keys that aggregate otherwise than by sum, per key (one query). */
async function loadRawEvents(ctx: Ctx, accountId: string, itemKeys: readonly string[], throughDate: string): Promise<Map<string, UsageEvent[]>> {
  const byKey = new Map<string, UsageEvent[]>();
  if (itemKeys.length === 0) return byKey;
  const rows = await usageEventsDb(ctx).selectFrom('usage_events').select(['feature_key', 'event_id', 'occurred_on', 'value', 'unique_key'])
    .where('account_id', '=', accountId).where('feature_key', 'in', [...itemKeys]).where('occurred_on', '<=', throughDate).execute();
  for (const row of rows) {
    const events = byKey.get(row.feature_key) ?? [];
    events.push({ eventId: row.event_id, occurredOn: row.occurred_on, value: BigInt(row.value), uniqueKey: row.unique_key });
    byKey.set(row.feature_key, events);
  }
  return byKey;
}
