import { describe, expect, it } from 'vitest';
import { aggregateUsage, type UsageEvent } from './aggregate-usage.ts';
import { rateUsage } from './rate-usage.ts';

const january = { startDate: '2026-01-01', endDate: '2026-02-01' };
const events: UsageEvent[] = [
  { eventId: 'e1', occurredOn: '2026-01-03', value: 120n, uniqueKey: 'user-a' },
  { eventId: 'e2', occurredOn: '2026-01-20', value: 40n, uniqueKey: 'user-b' },
  { eventId: 'e3', occurredOn: '2026-01-20', value: 75n, uniqueKey: 'user-a' },
  { eventId: 'e4', occurredOn: '2026-02-01', value: 999n, uniqueKey: 'user-c' }, // next period (half-open)
];

describe('usage rating', () => {
  it('aggregates a period by sum, count, max, unique count and latest', () => {
    expect(aggregateUsage(events, 'sum', january)).toBe(235n);
    expect(aggregateUsage(events, 'count', january)).toBe(3n);
    expect(aggregateUsage(events, 'max', january)).toBe(120n);
    expect(aggregateUsage(events, 'unique_count', january)).toBe(2n);
    expect(aggregateUsage(events, 'latest', january)).toBe(75n); // same day as e2: the greater event id wins
    expect(aggregateUsage([], 'latest', january)).toBe(0n);
  });

  it('rates per unit below a cent, rounding half-up once', () => {
    // 235 × 0.0015 = 0.3525 EUR → 35.25 cents → 35
    expect(rateUsage({ model: 'per_unit', unitAmount: '0.0015' }, 235n, 'EUR')).toEqual({ quantity: 235n, amountMinor: 35n, minimumTrueUpMinor: 0n });
    expect(rateUsage({ model: 'per_unit', unitAmount: '0.005' }, 1n, 'EUR').amountMinor).toBe(1n); // 0.5 cent rounds up
  });

  it('rates graduated, volume and package prices', () => {
    const tiers = [{ upTo: 100, unitAmount: '0.10' }, { upTo: 1000, unitAmount: '0.05' }, { upTo: null, unitAmount: '0.01', flatAmount: '5' }];
    // graduated 1500: 100 × 0.10 + 900 × 0.05 + 500 × 0.01 + 5 = 10 + 45 + 5 + 5 = 65.00
    expect(rateUsage({ model: 'graduated', tiers }, 1500n, 'USD').amountMinor).toBe(6500n);
    // volume 1500: all at the last tier: 1500 × 0.01 + 5 = 20.00; volume 1000: all at 0.05 = 50.00
    expect(rateUsage({ model: 'volume', tiers }, 1500n, 'USD').amountMinor).toBe(2000n);
    expect(rateUsage({ model: 'volume', tiers }, 1000n, 'USD').amountMinor).toBe(5000n);
    // package of 100 at 2.50: 235 units = 3 packages = 7.50; 0 units = nothing
    expect(rateUsage({ model: 'package', packageAmount: '2.50', packageSize: 100n }, 235n, 'USD').amountMinor).toBe(750n);
    expect(rateUsage({ model: 'package', packageAmount: '2.50', packageSize: 100n }, 0n, 'USD').amountMinor).toBe(0n);
  });

  it('trues up to a minimum commitment when usage falls short, and not when it exceeds it', () => {
    expect(rateUsage({ model: 'per_unit', unitAmount: '0.10' }, 235n, 'USD', 5000n)).toEqual({ quantity: 235n, amountMinor: 2350n, minimumTrueUpMinor: 2650n });
    expect(rateUsage({ model: 'per_unit', unitAmount: '0.10' }, 600n, 'USD', 5000n).minimumTrueUpMinor).toBe(0n);
  });
});
