import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { createSubscription } from './create-subscription.ts';
import { makeSubscriptionInput } from './fixtures.ts';
import { listInvoices } from './get-invoice.ts';
import { runBilling } from './invoicing/run-billing.ts';

/**
 * The invoice list as finance reads it: newest document date first and, within a day, by number —
 * one billing run issues its invoices in the same millisecond, and their ids alone came back in random
 * order (INV-…103 above INV-…108 on one day). Drafts (no number yet) lead their billing date.
 */
describe('listInvoices order and search', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    for (const name of ['Nordwind GmbH', 'Sonnenschein AG', 'Bergblick KG', 'Fjord Media SE', 'Lago S.r.l.', 'Volga OOO']) {
      const account = await createAccount(t.ctx, { name, currency: 'USD' });
      await createSubscription(t.ctx, makeSubscriptionInput(account.id, { startDate: '2026-01-01', billingMode: 'calendar' }));
    }
    await runBilling(t.ctx, { date: '2026-01-01', issue: true });
    t.clock.set('2026-02-01T06:00:00Z');
    await runBilling(t.ctx, { date: '2026-02-01', issue: true });
    t.clock.set('2026-03-01T06:00:00Z');
    await runBilling(t.ctx, { date: '2026-03-01' }); // six drafts, no numbers yet
  }, 120_000);
  afterAll(() => t.close());

  const numbers = (rows: Array<{ number: string | null; status: string }>) => rows.map((row) => row.number ?? row.status);

  it('lists by document date and number, newest first, and pages through the same order', async () => {
    const all = (await listInvoices(t.ctx, { limit: 100 })).data;
    const issued = Array.from({ length: 12 }, (_, i) => `INV-2026-${String(12 - i).padStart(6, '0')}`);
    expect(numbers(all)).toEqual([...Array<string>(6).fill('draft'), ...issued]);
    for (const limit of [1, 4, 5]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listInvoices(t.ctx, { limit, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((row) => row.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all.map((row) => row.id));
    }
  });

  it('filters by issue date (half-open) and finds by number or customer name', async () => {
    expect(numbers((await listInvoices(t.ctx, { issueDateFrom: '2026-02-01' })).data)).toHaveLength(6);
    const january = (await listInvoices(t.ctx, { issueDateFrom: '2026-01-01', issueDateBefore: '2026-02-01' })).data;
    expect(numbers(january)).toEqual(['INV-2026-000006', 'INV-2026-000005', 'INV-2026-000004', 'INV-2026-000003', 'INV-2026-000002', 'INV-2026-000001']);
    expect(numbers((await listInvoices(t.ctx, { search: '000003' })).data)).toEqual(['INV-2026-000003']);
    expect(numbers((await listInvoices(t.ctx, { search: 'inv-2026-00001' })).data)).toEqual(['INV-2026-000012', 'INV-2026-000011', 'INV-2026-000010']);
    // The customer's name, any case: its two issued invoices and its draft.
    const fjord = (await listInvoices(t.ctx, { search: 'fjord media' })).data;
    expect(fjord.map((row) => row.status)).toEqual(['draft', 'issued', 'issued']);
    // LIKE's wildcards are taken literally.
    expect((await listInvoices(t.ctx, { search: '%' })).data).toEqual([]);
    expect((await listInvoices(t.ctx, { search: 'S_r_l' })).data).toEqual([]);
    expect((await listInvoices(t.ctx, { search: 'S.r.l.' })).data).toHaveLength(3);
  });

  it('refuses an empty date range and a cursor that is not one, naming the field', async () => {
    const fieldsOf = async (query: Parameters<typeof listInvoices>[1]) => {
      const error = await listInvoices(t.ctx, query).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).fieldErrors.map((field) => field.field);
    };
    expect(await fieldsOf({ issueDateFrom: '2026-02-01', issueDateBefore: '2026-02-01' })).toEqual(['querystring.issueDateBefore']);
    expect(await fieldsOf({ issueDateFrom: '2026-02-30' })).toEqual(['querystring.issueDateFrom']);
    expect(await fieldsOf({ cursor: Buffer.from(JSON.stringify([null, 'inv_x'])).toString('base64url') })).toEqual(['querystring.cursor']);
    expect(await fieldsOf({ search: '   ' })).toEqual(['querystring.search']);
  });
});
