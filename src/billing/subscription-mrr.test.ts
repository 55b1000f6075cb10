import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { money } from '../shared/money.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from './fixtures.ts';
import { changeSubscriptionItems, createSubscription, itemMrrMinor, mrrOnDate, subscriptionMrrOnDate, type ItemTerms, type MrrSubject } from './index.ts';
import type { ItemVersionTerms } from './item-versions.ts';

const terms = (overrides: Partial<ItemTerms>): ItemTerms => ({
  description: null, kind: 'recurring', quantity: 1n, unitPriceMinor: 0n, unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: 1,
  timing: 'in_advance', ...overrides,
});
const version = (itemKey: string, overrides: Partial<ItemTerms>, effectiveFromDate = '2026-01-01', effectiveToDate: string | null = null): ItemVersionTerms => ({
  itemKey, effectiveFromDate, effectiveToDate, ...terms(overrides),
});
const subject = (itemVersions: ItemVersionTerms[], overrides: Partial<MrrSubject> = {}): MrrSubject => ({
  currency: 'USD', status: 'active', startDate: '2026-01-01', endDate: null, trialEndDate: null, pauses: [], itemVersions, ...overrides,
});

describe('MRR normalization (exact cents, rounded half-up once per item)', () => {
  it.each([
    ['monthly', terms({ unitPriceMinor: 4900n, quantity: 10n }), 49_000n],
    ['quarterly', terms({ unitPriceMinor: 14_999n, quantity: 3n, billingIntervalMonths: 3 }), 14_999n],
    ['quarterly, 12.5% off: 13 124.125 → 13 124', terms({ unitPriceMinor: 14_999n, quantity: 3n, billingIntervalMonths: 3, discountBps: 1250 }), 13_124n],
    ['annual: 8 333.25 → 8 333', terms({ unitPriceMinor: 99_999n, billingIntervalMonths: 12 }), 8_333n],
    ['annual: 8 334.5 → 8 335 (half up, not half even)', terms({ unitPriceMinor: 100_014n, billingIntervalMonths: 12 }), 8_335n],
    ['annual, 7 seats, 10% off', terms({ unitPriceMinor: 120_000n, quantity: 7n, billingIntervalMonths: 12, discountBps: 1000 }), 63_000n],
    ['two years', terms({ unitPriceMinor: 240_000n, billingIntervalMonths: 24 }), 10_000n],
    ['three years: 3 333.33… → 3 333', terms({ unitPriceMinor: 120_000n, billingIntervalMonths: 36 }), 3_333n],
    ['fully discounted', terms({ unitPriceMinor: 4900n, discountBps: 10_000 }), 0n],
    ['one-time items are not recurring', terms({ kind: 'one_time', unitPriceMinor: 50_000n, billingIntervalMonths: null }), 0n],
    ['usage items are not recurring', terms({ kind: 'usage', unitPriceMinor: 1n, quantity: 1000n, timing: 'in_arrears' }), 0n],
  ])('%s', (_label, item, expected) => {
    expect(itemMrrMinor(item)).toBe(expected);
  });

  it('rounds each item, then adds: two 8 334.5 items give 16 670, not the 16 669 of the exact sum', () => {
    const annual = { unitPriceMinor: 100_014n, billingIntervalMonths: 12 as const };
    expect(mrrOnDate(subject([version('a', annual), version('b', annual)]), '2026-02-01')).toEqual(money(16_670n, 'USD'));
  });

  it('counts only the version in effect on the day, and nothing outside [start, end)', () => {
    const history = [version('seat', { unitPriceMinor: 1000n, quantity: 5n }, '2026-01-01', '2026-03-01'), version('seat', { unitPriceMinor: 1000n, quantity: 8n }, '2026-03-01')];
    const s = subject(history, { endDate: '2026-06-01' });
    expect(mrrOnDate(s, '2025-12-31').amountMinor).toBe(0n);
    expect(mrrOnDate(s, '2026-01-01').amountMinor).toBe(5000n);
    expect(mrrOnDate(s, '2026-02-28').amountMinor).toBe(5000n);
    expect(mrrOnDate(s, '2026-03-01').amountMinor).toBe(8000n);
    expect(mrrOnDate(s, '2026-05-31').amountMinor).toBe(8000n);
    expect(mrrOnDate(s, '2026-06-01').amountMinor).toBe(0n);
  });

  it('gives trials and pauses no MRR', () => {
    const items = [version('seat', { unitPriceMinor: 4900n })];
    const trial = subject(items, { status: 'trialing', trialEndDate: '2026-02-15' });
    expect(mrrOnDate(trial, '2026-02-14').amountMinor).toBe(0n);
    expect(mrrOnDate(trial, '2026-02-15').amountMinor).toBe(4900n);
    expect(mrrOnDate(subject(items, { status: 'trialing' }), '2030-01-01').amountMinor).toBe(0n);
    const paused = subject(items, { pauses: [{ startDate: '2026-03-01', endDate: '2026-04-01' }] });
    expect([mrrOnDate(paused, '2026-02-28'), mrrOnDate(paused, '2026-03-15'), mrrOnDate(paused, '2026-04-01')].map((m) => m.amountMinor)).toEqual([4900n, 0n, 4900n]);
  });
});

describe('subscriptionMrrOnDate', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('reads the stored history: a mid-term upgrade and a 15% discounted annual add-on', async () => {
    const accountId = await makeAccount(t.ctx);
    const { id } = await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: '2026-01-15', items: [makeItemInput({ quantity: 10, unitPriceMinor: 4900 })] }));
    await changeSubscriptionItems(t.ctx, {
      id, effectiveDate: '2026-04-15',
      changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 12 }, { action: 'add', itemKey: 'sso', quantity: 1, unitPriceMinor: 99_900, billingIntervalMonths: 12, discountBps: 1500 }],
    });
    expect(await subscriptionMrrOnDate(t.ctx, id, '2026-01-14')).toEqual(money(0n, 'USD'));
    expect(await subscriptionMrrOnDate(t.ctx, id, '2026-04-14')).toEqual(money(49_000n, 'USD'));
    // 12 × 49.00 + 999.00 × 0.85 ÷ 12 = 588.00 + 70.7625 → 588.00 + 70.76
    expect(await subscriptionMrrOnDate(t.ctx, id, '2026-04-15')).toEqual(money(58_800n + 7_076n, 'USD'));
    const trial = await createSubscription(t.ctx, makeSubscriptionInput(accountId, { trialEndDate: '2026-02-14' }));
    expect((await subscriptionMrrOnDate(t.ctx, trial.id, '2026-02-13')).amountMinor).toBe(0n);
    expect((await subscriptionMrrOnDate(t.ctx, trial.id, '2026-02-14')).amountMinor).toBe(49_000n);
    await expect(subscriptionMrrOnDate(t.ctx, id, '2026-02-30')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
