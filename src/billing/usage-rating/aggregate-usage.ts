/** How a period's usage becomes one quantity (docs/billing.md "Usage"). */
export type UsageAggregation = 'sum' | 'count' | 'max' | 'unique_count' | 'latest';

/** One metered event (already deduplicated by its event id on ingest). */
export type UsageEvent = { eventId: string; occurredOn: string; value: bigint; uniqueKey?: string | null };

/**
 * Aggregates the events of one period [startDate, endDate): sum of values, number of events,
 * largest value, number of distinct unique keys, or the value of the latest event (ties: the
 * greatest event id, so the answer does not depend on the order events arrived in).
 */
export function aggregateUsage(events: readonly UsageEvent[], aggregation: UsageAggregation, period: { startDate: string; endDate: string }): bigint {
  const inPeriod = events.filter((event) => event.occurredOn >= period.startDate && event.occurredOn < period.endDate);
  switch (aggregation) {
    case 'sum': return inPeriod.reduce((total, event) => total + event.value, 0n);
    case 'count': return BigInt(inPeriod.length);
    case 'max': return inPeriod.reduce((max, event) => (event.value > max ? event.value : max), 0n);
    case 'unique_count': return BigInt(new Set(inPeriod.map((event) => event.uniqueKey ?? event.eventId)).size);
    case 'latest': {
      const latest = inPeriod.reduce<UsageEvent | null>((best, event) => (
        best === null || event.occurredOn > best.occurredOn || (event.occurredOn === best.occurredOn && event.eventId > best.eventId) ? event : best
      ), null);
      return latest?.value ?? 0n;
    }
  }
}
