import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { addDays } from './date-spans.ts';
import { makeAccount } from './fixtures.ts';
import { changeSubscriptionItems, createSubscription, getSubscription, itemMrrMinor, mrrOnDate, subscriptionMrrOnDate } from './index.ts';
import type { ItemChangeInput } from './item-input.ts';
import { applyVersionPlan, planItemChanges, type ItemChange, type ItemVersionTerms } from './item-versions.ts';
import { AppError } from '../shared/errors.ts';

const START = '2026-01-01';
const keys = fc.constantFrom('seat', 'storage', 'support');
type StepTerms = { quantity: number; unitPriceMinor: number; discountBps: number; billingIntervalMonths: 1 | 3 | 12 | 24 | 36 };
type Step = { offset: number; action: 'add' | 'update' | 'remove'; itemKey: string; terms: StepTerms };
const terms: fc.Arbitrary<StepTerms> = fc.record({
  quantity: fc.integer({ min: 0, max: 50 }),
  unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }),
  discountBps: fc.integer({ min: 0, max: 10_000 }),
  billingIntervalMonths: fc.constantFrom(1 as const, 3 as const, 12 as const, 24 as const, 36 as const),
});
const step: fc.Arbitrary<Step> = fc.record({ offset: fc.integer({ min: 0, max: 500 }), action: fc.constantFrom('add' as const, 'update' as const, 'remove' as const), itemKey: keys, terms });
/**
 * A history: changes on random days, usually in date order (long histories) and sometimes not
 * (changes that run backwards, which must be refused).
 */
const history = fc
  .tuple(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 8 }))
  .map(([inOrder, steps]) => (inOrder ? [...steps].sort((a, b) => a.offset - b.offset) : steps));

const toInput = (s: Step): ItemChangeInput => (s.action === 'remove' ? { action: 'remove', itemKey: s.itemKey } : { action: s.action, itemKey: s.itemKey, ...s.terms });
const toChange = (s: Step): ItemChange => (s.action === 'remove' ? { action: 'remove', itemKey: s.itemKey } : {
  action: s.action, itemKey: s.itemKey,
  terms: { description: null, kind: 'recurring', quantity: BigInt(s.terms.quantity), unitPriceMinor: BigInt(s.terms.unitPriceMinor), unitPriceDecimal: null,
    discountBps: s.terms.discountBps, billingIntervalMonths: s.terms.billingIntervalMonths, timing: 'in_advance' },
});
const probeDays = fc.array(fc.integer({ min: -10, max: 900 }), { minLength: 1, maxLength: 6 });

/**
 * The property, independent of how MRR is computed: an item's versions, in start order, each end
 * (closed) before the next begins, so at most one is in effect on any day; and MRR on a day is the
 * sum over those single versions.
 */
function checkHistory(versions: readonly ItemVersionTerms[], mrrOn: (day: string) => bigint, days: string[]): void {
  for (const key of new Set(versions.map((v) => v.itemKey))) {
    const ofKey = versions.filter((v) => v.itemKey === key).sort((a, b) => (a.effectiveFromDate < b.effectiveFromDate ? -1 : 1));
    ofKey.slice(1).forEach((next, i) => {
      const previous = ofKey[i];
      expect(previous?.effectiveToDate ?? 'open').not.toBe('open');
      expect((previous?.effectiveToDate ?? '') <= next.effectiveFromDate).toBe(true);
    });
  }
  for (const day of days) {
    const active = versions.filter((v) => v.effectiveFromDate <= day && (v.effectiveToDate === null || day < v.effectiveToDate));
    expect(new Set(active.map((v) => v.itemKey)).size).toBe(active.length);
    const expected = day < START ? 0n : active.reduce((sum, v) => sum + itemMrrMinor(v), 0n);
    expect(mrrOn(day)).toBe(expected);
  }
  for (const v of versions) if (v.effectiveToDate !== null) expect(v.effectiveToDate > v.effectiveFromDate).toBe(true);
}

describe('item version histories (fast-check)', () => {
  it('in memory: versions never overlap and MRR on any day is the sum over the one version per item', () => {
    fc.assert(fc.property(history, probeDays, (steps, probes) => {
      let versions: ItemVersionTerms[] = [];
      for (const s of steps) {
        const day = addDays(START, s.offset);
        try {
          versions = applyVersionPlan(versions, planItemChanges(versions, [toChange(s)], day), day);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'business_rule_violated') throw error;
        }
      }
      const subject = { currency: 'USD', status: 'active' as const, startDate: START, endDate: null, trialEndDate: null, pauses: [], itemVersions: versions };
      checkHistory(versions, (day) => mrrOnDate(subject, day).amountMinor, probes.map((p) => addDays(START, p)));
    }), { numRuns: 500 });
  });

  describe('through the services and the database', () => {
    let t: TestContext;
    let accountId: string;
    beforeAll(async () => {
      t = await createTestContext();
      accountId = await makeAccount(t.ctx);
    });
    afterAll(() => t.close());

    it('stores the same non-overlapping histories and computes MRR from them', async () => {
      await fc.assert(fc.asyncProperty(history, probeDays, async (steps, probes) => {
        const { id } = await createSubscription(t.ctx, { accountId, currency: 'USD', startDate: START, items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 1000 }] });
        for (const s of steps) {
          await changeSubscriptionItems(t.ctx, { id, effectiveDate: addDays(START, s.offset + 1), changes: [toInput(s)] }).catch((error: unknown) => {
            if (!(error instanceof AppError) || error.code !== 'business_rule_violated') throw error;
          });
        }
        const stored = await getSubscription(t.ctx, id);
        const days = probes.map((p) => addDays(START, p));
        const mrr = new Map<string, bigint>();
        for (const day of days) mrr.set(day, (await subscriptionMrrOnDate(t.ctx, id, day)).amountMinor);
        checkHistory(stored.itemVersions, (day) => mrr.get(day) ?? -1n, days);
      }), { numRuns: 25 });
    });
  });
});
