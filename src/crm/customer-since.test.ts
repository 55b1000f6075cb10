import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { inTransaction } from '../shared/context.ts';
import type { DomainEvent } from '../shared/events/index.ts';
import { auditTrail } from './fixtures.ts';
import { createAccount, customerSinceSubscriber, deleteAccount, getAccount } from './index.ts';

/** order.placed as orders publishes it (docs/cpq.md), with only what this subscriber reads filled in. */
function orderPlaced(accountId: string, startDate: string, id = 'evt_order'): DomainEvent {
  return {
    id, type: 'order.placed', aggregateType: 'order', aggregateId: 'ord_1', occurredAt: new Date('2026-02-01T09:00:00Z'), requestId: null,
    payload: { orderId: 'ord_1', accountId, startDate, orderType: 'new', lines: [] },
  };
}

describe('customer since, from the first order', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const handle = (event: DomainEvent) => inTransaction(t.ctx, (tx) => customerSinceSubscriber.handle(tx, event));

  it("sets the day the first order's service starts, audited; a later order keeps it, an earlier one moves it back", async () => {
    const account = await createAccount(t.ctx, { name: 'Erste Kundin GmbH', currency: 'EUR' });
    expect(account.customerSinceDate).toBeNull();
    await handle(orderPlaced(account.id, '2026-03-01'));
    const marked = await getAccount(t.ctx, account.id);
    expect([marked.customerSinceDate, marked.version]).toEqual(['2026-03-01', 2]);
    const trail = await auditTrail(t.ctx, account.id);
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update']);
    expect([(trail[1]?.before as { customer_since_date: unknown }).customer_since_date, (trail[1]?.after as { customer_since_date: unknown }).customer_since_date]).toEqual([null, '2026-03-01']);

    await handle(orderPlaced(account.id, '2026-09-01', 'evt_later'));
    expect(await getAccount(t.ctx, account.id)).toMatchObject({ customerSinceDate: '2026-03-01', version: 2 });
    await handle(orderPlaced(account.id, '2026-01-15', 'evt_backdated'));
    expect(await getAccount(t.ctx, account.id)).toMatchObject({ customerSinceDate: '2026-01-15', version: 3 });
  });

  it('keeps a day typed in or imported before, and leaves a deleted account alone', async () => {
    const imported = await createAccount(t.ctx, { name: 'Altkunde AG', currency: 'EUR', customerSinceDate: '2019-05-01' });
    await handle(orderPlaced(imported.id, '2026-03-01'));
    expect(await getAccount(t.ctx, imported.id)).toMatchObject({ customerSinceDate: '2019-05-01', version: 1 });

    const gone = await createAccount(t.ctx, { name: 'Weg GmbH', currency: 'EUR' });
    await deleteAccount(t.ctx, { id: gone.id, expectedVersion: 1 });
    await handle(orderPlaced(gone.id, '2026-03-01'));
    expect((await auditTrail(t.ctx, gone.id)).map((entry) => entry.action)).toEqual(['create', 'delete']);
  });

  it('refuses a payload without the account or a start day, naming the field', async () => {
    await expect(handle(orderPlaced('', '2026-03-01'))).rejects.toMatchObject({ fieldErrors: [expect.objectContaining({ field: 'payload.accountId' })] });
    await expect(handle(orderPlaced('acct_x', '2026-02-30'))).rejects.toMatchObject({ fieldErrors: [expect.objectContaining({ field: 'payload.startDate' })] });
  });
});
