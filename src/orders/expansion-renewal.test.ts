import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { acceptQuoteByLink } from '../cpq/index.ts';
import { makeSentQuote } from '../cpq/acceptance/test-fixtures/sent-quote.ts';
import { inTransaction } from '../shared/context.ts';
import { getOrder } from './get-order.ts';
import { placeOrderFromQuote } from './place-order.ts';

/**
 * An expansion names the subscription it amends; a renewal books its ARR change against the
 * subscription it renews. The live subscription (billing's table, inserted here as billing would):
 * 10 seats × 30.00 a month, 10 % off → 3,240.00 a year; 1 platform fee 1,200.00 a year → ARR 4,440.00.
 * The quote (makeSentQuote): 1 × 1,234.56 a month → ARR 14,814.72.
 */
describe('expansion and renewal orders', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function withSubscription(accountId: string): Promise<string> {
    const now = new Date('2025-02-01T00:00:00Z');
    const id = `sub_${accountId.slice(-10)}`;
    const db = t.ctx.db.withTables<{ subscriptions: Record<string, unknown>; subscription_items: Record<string, unknown> }>();
    await db.insertInto('subscriptions').values({
      id, account_id: accountId, currency: 'EUR', status: 'active', start_date: '2025-02-01', billing_mode: 'anniversary', billing_anchor_date: '2025-02-01',
      auto_renew: true, created_at: now, updated_at: now,
    }).execute();
    const item = { subscription_id: id, currency: 'EUR', kind: 'recurring', timing: 'in_advance', effective_from_date: '2025-02-01', created_at: now, updated_at: now };
    await db.insertInto('subscription_items').values([
      { ...item, item_key: 'seats', quantity: 10, unit_price_minor: 3000, discount_bps: 1000, billing_interval_months: 1 },
      { ...item, item_key: 'platform', quantity: 1, unit_price_minor: 120_000, discount_bps: 0, billing_interval_months: 12 },
      // Closed before the booking date: not part of the ARR any more.
      { ...item, item_key: 'old', quantity: 5, unit_price_minor: 100_000, discount_bps: 0, billing_interval_months: 1, effective_to_date: '2025-06-01' },
    ]).execute();
    return id;
  }

  async function accepted(type: 'expansion' | 'renewal') {
    const { quote, token } = await makeSentQuote(t.ctx, { type });
    const subscriptionId = await withSubscription(quote.accountId);
    await acceptQuoteByLink(t.ctx, { token, input: { name: 'Ana', email: 'ana@customer.example', signature: { kind: 'typed', text: 'Ana' } }, ipAddress: null, userAgent: null });
    const order = await inTransaction(t.ctx, (tx) => placeOrderFromQuote(tx, { quoteId: quote.id, acceptedAt: '2026-01-15T09:00:00.000Z' }));
    return { order: await getOrder(t.ctx, order.id), subscriptionId };
  }

  it('an expansion amends the live subscription and books its whole ARR as the change', async () => {
    const { order, subscriptionId } = await accepted('expansion');
    expect(order).toMatchObject({ orderType: 'expansion', amendsSubscriptionId: subscriptionId, renewsSubscriptionId: null });
    expect(order.booking).toMatchObject({ bookingType: 'expansion', arrChange: { amountMinor: 1_481_472, currency: 'EUR' } });
  });

  it('a renewal books quote ARR − the renewed subscription\'s ARR', async () => {
    const { order, subscriptionId } = await accepted('renewal');
    expect(order).toMatchObject({ orderType: 'renewal', amendsSubscriptionId: null, renewsSubscriptionId: subscriptionId });
    // 1,481,472 − (324,000 + 120,000) = 1,037,472
    expect(order.booking).toMatchObject({ bookingType: 'renewal', arrChange: { amountMinor: 1_037_472, currency: 'EUR' } });
  });
});
