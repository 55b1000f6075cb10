import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { cancelSubscription } from '../cancel-subscription.ts';
import { changeSubscriptionItems } from '../change-subscription-items.ts';
import { lineSummary, scenarioKit } from './scenario-kit.ts';
import { voidInvoice } from './void-invoice.ts';

// A void waives the charges of the invoice (docs/billing.md "Invoice lifecycle"): the customer owes
// nothing for them and got a credit note for all of it. A later change in the same period must not
// credit the unused time of a waived charge again — the customer would be credited twice.
describe('changes after a void', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => { t = await createTestContext({ start: '2026-01-01T06:00:00Z' }); });
  afterAll(() => t.close());

  it('a cancellation in a voided period issues no second credit', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    const [invoice] = (await kit.billOn(sub.id, '2026-01-01')).invoices;
    await voidInvoice(t.ctx, { invoiceId: invoice?.id ?? '', reason: 'sent in error' });
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    const run = await kit.billOn(sub.id, '2026-01-20');
    expect(run.creditNotes).toEqual([]);
    expect(run.invoices).toEqual([]);
    expect((await kit.billOn(sub.id, '2026-02-01')).invoices).toEqual([]);
  });

  it('an upgrade in a voided period bills the new terms from the change day and credits nothing of the waived old charge', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    const [invoice] = (await kit.billOn(sub.id, '2026-01-01')).invoices;
    await voidInvoice(t.ctx, { invoiceId: invoice?.id ?? '', reason: 'disputed' });
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-01-16', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 20 }] });
    const run = await kit.billOn(sub.id, '2026-01-16');
    // 16/31 × 98000 = 50580.65 → 50581; January 1–15 stays waived (no credit for it: it was never owed).
    expect(run.invoices.map(lineSummary)).toEqual([[[50581n, '2026-01-16', '2026-02-01', 'prorated 16/31 days']]]);
    expect(run.creditNotes).toEqual([]);
  });

  it('ending terms whose charge a void waived credits nothing of them', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01' });
    await kit.billOn(sub.id, '2026-01-01');
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-01-16', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 20 }] });
    const [upgrade] = (await kit.billOn(sub.id, '2026-01-16')).invoices;
    expect(upgrade?.totalMinor).toBe(25291n);
    await voidInvoice(t.ctx, { invoiceId: upgrade?.id ?? '', reason: 'goodwill' });
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    const run = await kit.billOn(sub.id, '2026-01-20');
    // The new terms' charge (50581) was waived by the void: ending them on Jan 20 credits nothing.
    expect(run.creditNotes).toEqual([]);
    expect(run.invoices).toEqual([]);
  });
});
