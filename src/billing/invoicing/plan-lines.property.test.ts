import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded } from '../../shared/money.ts';
import { billingPeriodContaining } from './billing-periods.ts';
import { chargeKey, type BillingSubject, type PlannedLine } from './charge-types.ts';
import { dateOfDayNumber, dayNumber } from './day-numbers.ts';
import { planLines } from './plan-lines.ts';

// Independent model: walk every day of service, add that day's value to its (version, period)
// bucket, round each bucket once, half-up (docs/billing.md "Proration"). The engine instead
// intersects spans; both must agree to the minor unit, however the runs were spaced.
function expectedTotal(subject: BillingSubject): bigint {
  const days = new Map<string, { count: bigint; periodDays: bigint; perPeriodMinor: bigint }>();
  const end = dayNumber(subject.endDate ?? '2100-01-01');
  for (let day = dayNumber(subject.startDate); day < end; day += 1) {
    const date = dateOfDayNumber(day);
    if (subject.trialEndDate !== null && date < subject.trialEndDate) continue;
    if (subject.pauses.some((p) => p.startDate <= date && (p.endDate === null || date < p.endDate))) continue;
    for (const v of subject.itemVersions) {
      if (v.kind !== 'recurring' || date < v.effectiveFromDate || (v.effectiveToDate !== null && date >= v.effectiveToDate)) continue;
      const period = billingPeriodContaining(subject.billingAnchorDate, v.billingIntervalMonths ?? 1, date);
      const key = chargeKey(v.id, period.startDate);
      const bucket = days.get(key) ?? { count: 0n, periodDays: BigInt(dayNumber(period.endDate) - dayNumber(period.startDate)), perPeriodMinor: v.unitPriceMinor * v.quantity * BigInt(10_000 - v.discountBps) };
      bucket.count += 1n;
      days.set(key, bucket);
    }
  }
  let total = 0n;
  for (const bucket of days.values()) total += divideRounded(bucket.perPeriodMinor * bucket.count, 10_000n * bucket.periodDays, 'half_up');
  return total;
}

function runAt(subject: BillingSubject, dates: string[]): { lines: PlannedLine[]; billed: Map<string, bigint> } {
  const billed = new Map<string, bigint>();
  const lines: PlannedLine[] = [];
  for (const date of dates) {
    for (const line of planLines(subject, date, billed)) {
      lines.push(line);
      billed.set(line.key, (billed.get(line.key) ?? 0n) + line.amountMinor);
    }
  }
  return { lines, billed };
}

const day = (offset: number) => dateOfDayNumber(dayNumber('2024-01-01') + offset);

const subjectArbitrary = fc.record({
  startOffset: fc.integer({ min: 0, max: 800 }),
  lengthDays: fc.integer({ min: 1, max: 900 }),
  calendar: fc.boolean(),
  trialDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  pause: fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 90 })), { nil: null }),
  items: fc.array(fc.record({
    interval: fc.constantFrom(1, 3, 12, 24),
    timing: fc.constantFrom('in_advance' as const, 'in_arrears' as const),
    // Each item: a run of versions, each lasting some days, with its own price and quantity.
    versions: fc.array(fc.record({
      days: fc.integer({ min: 1, max: 200 }),
      unitPriceMinor: fc.bigInt({ min: 0n, max: 1_000_000n }),
      quantity: fc.bigInt({ min: 0n, max: 50n }),
      discountBps: fc.integer({ min: 0, max: 10_000 }),
    }), { minLength: 1, maxLength: 5 }),
    openEnded: fc.boolean(),
  }), { minLength: 1, maxLength: 3 }),
}).map((raw): BillingSubject => {
  const startDate = day(raw.startOffset);
  const itemVersions: BillingSubject['itemVersions'][number][] = [];
  raw.items.forEach((item, itemIndex) => {
    let from = raw.startOffset;
    item.versions.forEach((v, versionIndex) => {
      const last = versionIndex === item.versions.length - 1;
      itemVersions.push({
        id: `${itemIndex}-${versionIndex}`, itemKey: `item-${itemIndex}`, description: null, kind: 'recurring', quantity: v.quantity,
        unitPriceMinor: v.unitPriceMinor, unitPriceDecimal: null, discountBps: v.discountBps, billingIntervalMonths: item.interval as 1 | 3 | 12 | 24,
        timing: item.timing, effectiveFromDate: day(from), effectiveToDate: last && item.openEnded ? null : day(from + v.days),
      });
      from += v.days;
    });
  });
  return {
    id: 'sub_test', currency: 'USD', status: 'active', startDate, endDate: day(raw.startOffset + raw.lengthDays),
    trialEndDate: raw.trialDays === null ? null : day(raw.startOffset + raw.trialDays),
    billingAnchorDate: raw.calendar ? `${startDate.slice(0, 4)}-01-01` : startDate,
    pauses: raw.pause === null ? [] : [{ startDate: day(raw.startOffset + raw.pause[0]), endDate: day(raw.startOffset + raw.pause[0] + raw.pause[1]) }],
    itemVersions,
  };
});

describe('billing plan (property)', () => {
  it('bills each subscription exactly the sum of its prorated day-values, however the runs are spaced', () => {
    fc.assert(fc.property(subjectArbitrary, fc.array(fc.integer({ min: 0, max: 1800 }), { maxLength: 8 }), (subject, runOffsets) => {
      const finalDate = '2031-01-01'; // after every period of every subject above has ended
      const dates = [...runOffsets.map(day).sort(), finalDate];
      const { lines, billed } = runAt(subject, dates);
      const total = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
      expect(total).toBe(expectedTotal(subject));
      // Idempotent: running again on the last date adds nothing.
      expect(planLines(subject, finalDate, billed)).toEqual([]);
      // Every line is due by the date of the run that produced it, and never carries a zero amount.
      for (const line of lines) expect(line.amountMinor).not.toBe(0n);
    }), { numRuns: 100 });
  });

  it('gives the same totals run daily or run once at the end', () => {
    fc.assert(fc.property(subjectArbitrary, (subject) => {
      const monthly = Array.from({ length: 90 }, (_, i) => dateOfDayNumber(dayNumber('2024-01-01') + i * 30));
      const spaced = runAt(subject, [...monthly, '2031-01-01']).lines.reduce((s, l) => s + l.amountMinor, 0n);
      const once = runAt(subject, ['2031-01-01']).lines.reduce((s, l) => s + l.amountMinor, 0n);
      expect(spaced).toBe(once);
    }), { numRuns: 40 });
  });
});
