import { describe, expect, it } from 'vitest';
import { proratedAmountMinor } from '../invoicing/prorate.ts';
import { itemMrrMinor } from '../subscription-mrr.ts';
import { planItemChanges, termsProblem, type ItemTerms, type ItemVersionTerms } from '../item-versions.ts';
import { groupOrderLines, planAmendItems, planCreateItems, termsSteps } from './order-items.ts';
import { orderPlacedSchema, type OrderPlaced } from './order-placed-schema.ts';
import { makeOrderLine, makeOrderPlaced } from './fixtures.ts';

// docs/billing.md "Exact amounts": items carry the quote's exact period amounts; billing prorates
// the amount, rounded half-up once; the unit price is informational.

const seat: ItemTerms = {
  description: null, kind: 'recurring', quantity: 60n, unitPriceMinor: 760n, unitPriceDecimal: null, discountBps: 0, amountMinor: 45_570n,
  billingIntervalMonths: 1, timing: 'in_advance',
};

/** Monthly periods from 2026-02-01 with the given amounts. */
function periods(amounts: number[], from = 0): Array<{ startDate: string; endDate: string; amountMinor: string }> {
  const month = (n: number) => {
    const year = 2026 + Math.floor((1 + n) / 12);
    return `${year}-${String(((1 + n) % 12) + 1).padStart(2, '0')}-01`;
  };
  return amounts.map((amount, i) => ({ startDate: month(from + i), endDate: month(from + i + 1), amountMinor: String(amount) }));
}

function order(lines: Array<Record<string, unknown>>, overrides: Record<string, unknown> = {}): OrderPlaced {
  return orderPlacedSchema.parse(makeOrderPlaced('acct_1', { lines, ...overrides }));
}

describe('billing an exact period amount', () => {
  it('prorates the amount, not unit price × quantity, rounded half-up once', () => {
    expect(proratedAmountMinor({ ...seat, days: 28, periodDays: 28 })).toBe(45_570n);
    // 45570 × 17 / 28 = 27667.5 → 27668 (docs/billing.md); with the unit price it would be 45600 × 17 / 28 → 27686.
    expect(proratedAmountMinor({ ...seat, days: 17, periodDays: 28 })).toBe(27_668n);
    expect(proratedAmountMinor({ ...seat, amountMinor: null, days: 17, periodDays: 28 })).toBe(27_686n);
  });

  it('counts the amount as MRR (÷ interval, half-up)', () => {
    expect(itemMrrMinor(seat)).toBe(45_570n);
    expect(itemMrrMinor({ ...seat, billingIntervalMonths: 12, amountMinor: 100_001n })).toBe(8_333n);
  });

  it('refuses an amount on a usage item', () => {
    expect(termsProblem({ ...seat, kind: 'usage', timing: 'in_arrears' })).toMatch(/not for usage/);
    expect(termsProblem({ ...seat, kind: 'usage', timing: 'in_arrears', amountMinor: null })).toBeNull();
  });

  it('drops a stale amount when quantity changes without a new one, keeps it otherwise', () => {
    const open: ItemVersionTerms = { ...seat, itemKey: 'seat', effectiveFromDate: '2026-02-01', effectiveToDate: null };
    const quantityOnly = planItemChanges([open], [{ action: 'update', itemKey: 'seat', terms: { quantity: 61n } }], '2026-03-01');
    expect(quantityOnly.open[0]).toMatchObject({ quantity: 61n, amountMinor: null });
    const withAmount = planItemChanges([open], [{ action: 'update', itemKey: 'seat', terms: { quantity: 61n, amountMinor: 46_330n } }], '2026-03-01');
    expect(withAmount.open[0]).toMatchObject({ quantity: 61n, amountMinor: 46_330n });
    const descriptionOnly = planItemChanges([open], [{ action: 'update', itemKey: 'seat', terms: { description: 'Seats' } }], '2026-03-01');
    expect(descriptionOnly.open[0]).toMatchObject({ description: 'Seats', amountMinor: 45_570n });
  });
});

describe('items from an order line\'s exact periods', () => {
  it('makes one version per run of equal period amounts, each from a period\'s first day', () => {
    const line = makeOrderLine({ quantity: 7, unitPriceMinor: '924', netMinor: '77578', periods: periods([6465, 6465, 6464, 6464, 6465, 6465, 6465, 6465, 6465, 6465, 6465, 6465]) });
    const plan = planCreateItems(order([line]));
    expect(plan.items).toEqual([expect.objectContaining({ itemKey: 'PRO-SEAT', quantity: 7n, unitPriceMinor: 924n, amountMinor: 6_465n })]);
    expect(plan.steps.map((step) => [step.effectiveDate, step.changes])).toEqual([
      ['2026-04-01', [{ action: 'update', itemKey: 'PRO-SEAT', quantity: 7n, unitPriceMinor: 924n, amountMinor: 6_464n }]],
      ['2026-06-01', [{ action: 'update', itemKey: 'PRO-SEAT', quantity: 7n, unitPriceMinor: 924n, amountMinor: 6_465n }]],
    ]);
  });

  it('keeps a ramp: each contract year its quantity and exact amount', () => {
    const ramp = { quoteLineId: 'li_ramp', sku: 'ANALYTICS' };
    const lines = [
      makeOrderLine({ ...ramp, quantity: 60, unitPriceMinor: '760', startDate: '2026-02-01', endDate: '2027-02-01', periods: periods(Array(12).fill(45_570)) }),
      makeOrderLine({ ...ramp, quantity: 75, unitPriceMinor: '728', startDate: '2027-02-01', endDate: '2028-02-01', periods: periods(Array(12).fill(54_637), 12) }),
    ];
    const steps = termsSteps(groupOrderLines(order(lines).lines)[0]!);
    expect(steps.map((step) => [step.effectiveDate, step.line.quantity, step.amountMinor])).toEqual([['2026-02-01', 60, 45_570n], ['2027-02-01', 75, 54_637n]]);
  });

  it('falls back to quantity × unit price for a payload without periods, and never sets an amount on usage', () => {
    const plan = planCreateItems(order([
      makeOrderLine(),
      makeOrderLine({ sku: 'CALLS', productType: 'usage', billingTiming: 'in_arrears', unitPriceMinor: '0', periods: periods([0, 0]) }),
    ]));
    expect(plan.items.map((item) => [item.itemKey, item.amountMinor])).toEqual([['PRO-SEAT', null], ['CALLS', null]]);
    expect(plan.steps).toEqual([]);
  });

  it('extends an item subscribed at the same price by the added amount; a stepped item gets a twin instead', () => {
    const base = { itemKey: 'PRO-SEAT', description: null, kind: 'recurring' as const, unitPriceDecimal: null, discountBps: 0, billingIntervalMonths: 1 as const, timing: 'in_advance' as const, currency: 'USD', createdAt: '', updatedAt: '' };
    const added = makeOrderLine({ quantity: 5, startDate: '2026-05-10', endDate: '2027-05-10', periods: periods([24_500]) });
    const expansion = order([added], { orderType: 'expansion', amendsSubscriptionId: 'sub_1', startDate: '2026-05-10' });
    const last = { ...base, id: '1', quantity: 10n, unitPriceMinor: 4_900n, amountMinor: 49_001n, effectiveFromDate: '2026-02-01', effectiveToDate: null };
    expect(planAmendItems(expansion, [last])).toEqual([
      { effectiveDate: '2026-05-10', changes: [{ action: 'update', itemKey: 'PRO-SEAT', quantity: 15n, amountMinor: 73_501n }] },
    ]);
    const stepped = [{ ...last, effectiveToDate: '2026-06-01' }, { ...last, id: '2', amountMinor: 49_000n, effectiveFromDate: '2026-06-01' }];
    const plan = planAmendItems(expansion, stepped);
    expect(plan[0]?.changes).toEqual([expect.objectContaining({ action: 'add', itemKey: 'PRO-SEAT-2', quantity: 5n, amountMinor: 24_500n })]);
  });
});
