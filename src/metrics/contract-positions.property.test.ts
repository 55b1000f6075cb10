import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeKey, chargeTargets, type BillingSubject } from '../billing/index.ts';
import { contractPositions } from './contract-positions.ts';
import type { Contract } from './load-contracts.ts';
import { addDaysToDate } from './month-numbers.ts';

const BASE = '2024-01-01';
const day = (offset: number) => addDaysToDate(BASE, offset);
const maybeDay = (min: number, max: number) => fc.option(fc.integer({ min, max }), { nil: null });

const version = fc.record({
  from: fc.integer({ min: -60, max: 500 }), length: maybeDay(1, 500), quantity: fc.integer({ min: 0, max: 40 }), price: fc.integer({ min: 0, max: 500_000 }),
  discountBps: fc.integer({ min: 0, max: 10_000 }), interval: fc.constantFrom(1 as const, 3 as const, 12 as const, 24 as const),
  kind: fc.constantFrom('recurring' as const, 'recurring' as const, 'recurring' as const, 'one_time' as const, 'usage' as const),
  timing: fc.constantFrom('in_advance' as const, 'in_arrears' as const),
});

const subject: fc.Arbitrary<BillingSubject> = fc.record({
  start: fc.integer({ min: 0, max: 400 }), length: maybeDay(1, 900), trial: maybeDay(1, 60), anchorShift: fc.integer({ min: -20, max: 40 }),
  status: fc.constantFrom('active', 'active', 'trialing', 'canceled'), pauses: fc.array(fc.record({ from: fc.integer({ min: 0, max: 800 }), length: maybeDay(1, 120) }), { maxLength: 1 }),
  versions: fc.array(version, { minLength: 1, maxLength: 3 }),
}).map((s) => ({
  id: 'sub_1', currency: 'EUR', status: s.status, startDate: day(s.start), endDate: s.length === null ? null : day(s.start + s.length),
  trialEndDate: s.trial === null ? null : day(s.start + s.trial), billingAnchorDate: day(s.start + s.anchorShift),
  pauses: s.pauses.map((p) => ({ startDate: day(p.from), endDate: p.length === null ? null : day(p.from + p.length) })),
  itemVersions: s.versions.map((v, i) => ({
    id: String(i + 1), itemKey: `item${i}`, description: null, kind: v.kind, quantity: BigInt(v.quantity), unitPriceMinor: BigInt(v.price), unitPriceDecimal: null,
    discountBps: v.discountBps, amountMinor: null, billingIntervalMonths: v.kind === 'one_time' ? null : v.interval, timing: v.kind === 'usage' ? 'in_arrears' as const : v.timing,
    effectiveFromDate: day(s.start + v.from), effectiveToDate: v.length === null ? null : day(s.start + v.from + v.length),
  })),
}));

/** Billed lines: keys of the engine's own periods (some), keys at dates that are no period start (a re-anchored contract), one-time keys; each issued on a day. */
const contract: fc.Arbitrary<Contract> = fc.record({
  subject, created: fc.integer({ min: -30, max: 600 }),
  lines: fc.array(fc.record({ pick: fc.nat(), version: fc.nat(), odd: fc.option(fc.integer({ min: -100, max: 1000 }), { nil: null }), issued: fc.integer({ min: -30, max: 1100 }), amount: fc.integer({ min: -50_000, max: 500_000 }) }), { maxLength: 12 }),
}).map(({ subject: s, created, lines }) => {
  const own = chargeTargets(s, day(1100), new Map()).map((target) => target.key);
  return {
    subject: s, accountId: 'acct_1', createdDate: day(created), segment: null, country: null, industry: null,
    billed: lines.map((line) => {
      const versionId = s.itemVersions[line.version % s.itemVersions.length]?.id ?? '1';
      const key = line.odd !== null ? chargeKey(versionId, day(line.odd)) : (own[line.pick % Math.max(own.length, 1)] ?? chargeKey(versionId, null));
      return { key, amountMinor: BigInt(line.amount), issueDate: day(line.issued) };
    }),
  };
});

/** The definition, date by date: billing's chargeTargets through the contract's last day (or the date), with the lines issued by then. */
function expectedAt(c: Contract, date: string) {
  const billed = new Map<string, bigint>();
  for (const line of c.billed) if (line.issueDate <= date) billed.set(line.key, (billed.get(line.key) ?? 0n) + line.amountMinor);
  const lastDay = c.subject.endDate === null ? date : addDaysToDate(c.subject.endDate, -1);
  const contractedMinor = chargeTargets(c.subject, lastDay > date ? lastDay : date, billed).reduce((sum, target) => sum + target.targetMinor, 0n);
  return { contractedMinor, billedMinor: [...billed.values()].reduce((sum, amount) => sum + amount, 0n) };
}

describe('contractPositions (one valuation per subscription for many dates)', () => {
  it('gives, at every date, what billing’s chargeTargets gives for that date alone', () => {
    fc.assert(fc.property(fc.array(contract, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: -40, max: 1100 }), { minLength: 1, maxLength: 8 }), (contracts, offsets) => {
      const dates = [...new Set(offsets.map(day))].sort();
      const positionsAt = contractPositions(contracts, dates[dates.length - 1] ?? BASE);
      for (const date of dates) {
        const actual = positionsAt(date).map((p) => ({ contractedMinor: p.contractedMinor, billedMinor: p.billedMinor }));
        const expected = contracts.filter((c) => c.createdDate <= date).map((c) => expectedAt(c, date));
        expect(actual).toEqual(expected);
      }
    }), { numRuns: 400 });
  });

  it('answers a date later than the one it was prepared for, and earlier dates after it, the same', () => {
    fc.assert(fc.property(contract, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 600 }), (c, early, extra) => {
      const positionsAt = contractPositions([c], day(early));
      for (const date of [day(early), day(early + extra), day(early)]) {
        const expected = c.createdDate <= date ? [expectedAt(c, date)] : [];
        expect(positionsAt(date).map((p) => ({ contractedMinor: p.contractedMinor, billedMinor: p.billedMinor }))).toEqual(expected);
      }
    }), { numRuns: 200 });
  });
});
