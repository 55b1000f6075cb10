import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrOnDate, type ItemVersionTerms, type MrrSubject } from '../billing/index.ts';
import { addDaysToDate } from './month-numbers.ts';
import { compileMrrSpans } from './mrr-spans.ts';

const BASE = '2024-01-01';
const day = (offset: number) => addDaysToDate(BASE, offset);
const maybeDay = (min: number, max: number) => fc.option(fc.integer({ min, max }), { nil: null });

const version: fc.Arbitrary<ItemVersionTerms> = fc.record({
  from: fc.integer({ min: -30, max: 400 }), length: maybeDay(1, 300), key: fc.constantFrom('seat', 'storage', 'support', 'setup', 'api'),
  quantity: fc.integer({ min: 0, max: 40 }), price: fc.integer({ min: 0, max: 500_000 }), discountBps: fc.integer({ min: 0, max: 10_000 }),
  interval: fc.constantFrom(1 as const, 3 as const, 12 as const, 24 as const, 36 as const), kind: fc.constantFrom('recurring' as const, 'recurring' as const, 'one_time' as const, 'usage' as const),
}).map((v) => ({
  itemKey: v.key, effectiveFromDate: day(v.from), effectiveToDate: v.length === null ? null : day(v.from + v.length),
  description: null, kind: v.kind, quantity: BigInt(v.quantity), unitPriceMinor: BigInt(v.price), unitPriceDecimal: null, discountBps: v.discountBps,
  billingIntervalMonths: v.kind === 'one_time' ? null : v.interval, timing: v.kind === 'usage' ? 'in_arrears' as const : 'in_advance' as const,
}));

const subject: fc.Arbitrary<MrrSubject> = fc.record({
  start: fc.integer({ min: 0, max: 100 }), length: maybeDay(0, 500), trial: maybeDay(1, 120),
  status: fc.constantFrom('active' as const, 'trialing' as const, 'paused' as const, 'canceled' as const, 'ended' as const),
  pauses: fc.array(fc.record({ at: fc.integer({ min: -20, max: 500 }), length: maybeDay(1, 90) }), { maxLength: 3 }),
  versions: fc.array(version, { maxLength: 6 }),
}).map((s) => ({
  currency: 'USD', status: s.status, startDate: day(s.start), endDate: s.length === null ? null : day(s.start + s.length),
  trialEndDate: s.trial === null ? null : day(s.start + s.trial),
  pauses: s.pauses.map((p) => ({ startDate: day(p.at), endDate: p.length === null ? null : day(p.at + p.length) })),
  itemVersions: s.versions,
}));

describe('compileMrrSpans (fast-check)', () => {
  it("sums, on every day, to billing's mrrOnDate", () => {
    fc.assert(fc.property(subject, fc.array(fc.integer({ min: -40, max: 900 }), { minLength: 1, maxLength: 12 }), (s, probes) => {
      const spans = compileMrrSpans(s);
      for (const offset of probes) {
        const date = day(offset);
        const fromSpans = spans.filter((span) => span.fromDate <= date && (span.toDate === null || date < span.toDate)).reduce((sum, span) => sum + span.mrrMinor, 0n);
        expect([date, fromSpans]).toEqual([date, mrrOnDate(s, date).amountMinor]);
      }
      for (const span of spans) {
        expect(span.mrrMinor > 0n).toBe(true);
        if (span.toDate !== null) expect(span.fromDate < span.toDate).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it('gives an open-ended trial nothing and starts MRR on the trial end day', () => {
    const seat = { itemKey: 'seat', effectiveFromDate: '2024-01-10', effectiveToDate: null, description: null, kind: 'recurring' as const, quantity: 1n, unitPriceMinor: 8000n, unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: 1 as const, timing: 'in_advance' as const };
    const base = { currency: 'USD', startDate: '2024-01-10', endDate: null, pauses: [], itemVersions: [seat] };
    expect(compileMrrSpans({ ...base, status: 'trialing', trialEndDate: null })).toEqual([]);
    expect(compileMrrSpans({ ...base, status: 'active', trialEndDate: '2024-02-10' })).toEqual([{ fromDate: '2024-02-10', toDate: null, mrrMinor: 8000n }]);
  });
});
