import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription } from './create-subscription.ts';
import { makeAccount, makeSubscriptionInput } from './fixtures.ts';
import { listInvoices } from './get-invoice.ts';
import { runBilling } from './invoicing/run-billing.ts';

// The invoice list's currency and overdue filters (web /billing/invoices). Overdue = issued, something due, due date before today.
describe('listInvoices filters', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    const usd = await makeAccount(t.ctx);
    const eur = await makeAccount(t.ctx);
    await createSubscription(t.ctx, makeSubscriptionInput(usd, { startDate: '2026-01-01', billingMode: 'calendar' }));
    await createSubscription(t.ctx, makeSubscriptionInput(eur, { currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar' }));
    await runBilling(t.ctx, { date: '2026-01-01', issue: true }); // two invoices issued 2026-01-01, due 2026-01-31
  });
  afterAll(() => t.close());

  it('filters by currency', async () => {
    expect((await listInvoices(t.ctx, { currency: 'EUR' })).data.map((i) => i.currency)).toEqual(['EUR']);
    expect((await listInvoices(t.ctx, { currency: 'USD' })).data.map((i) => i.currency)).toEqual(['USD']);
  });

  it('counts an invoice overdue only after its due date', async () => {
    t.clock.set('2026-01-31T12:00:00Z'); // due today is not late
    expect((await listInvoices(t.ctx, { overdue: true })).data).toHaveLength(0);
    expect((await listInvoices(t.ctx, { overdue: 'false' })).data).toHaveLength(2);
    t.clock.set('2026-02-01T00:30:00Z');
    expect((await listInvoices(t.ctx, { overdue: 'true', currency: 'EUR' })).data).toHaveLength(1);
    expect((await listInvoices(t.ctx, { overdue: false })).data).toHaveLength(0);
  });
});
