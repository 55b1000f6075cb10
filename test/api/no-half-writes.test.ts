import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscription } from '../../src/billing/index.ts';
import { makeSentQuote } from '../../src/cpq/acceptance/test-fixtures/sent-quote.ts';
import { makeCustomer, makeIssuedInvoice } from '../../src/payments/fixtures.ts';
import type { Ctx } from '../../src/shared/context.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Every table's row count and a digest of its rows. api_keys is left out: each request stamps its
 * key's last_used_at, which is not a business record.
 */
async function snapshotDatabase(ctx: Ctx): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'api_keys' order by table_name`.execute(ctx.db);
  const snapshot: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: string; digest: string | null }>`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.table(name)} t`.execute(ctx.db);
    snapshot[name] = `${row.rows[0]?.n ?? '?'} ${row.rows[0]?.digest ?? ''}`;
  }
  return snapshot;
}

// A request refused late — after its first good parts were checked or written inside the
// transaction — leaves every table as it was: no rows, no audit entries, no events, no updates.
describe('a write refused late leaves nothing behind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function expectUnchanged(send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>, status: number, field: string) {
    const before = await snapshotDatabase(t.ctx);
    expect(Number(before['audit_log']?.split(' ')[0])).toBeGreaterThan(0);
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(JSON.parse(response.body).errors ?? [])).toContain(field);
    expect(await snapshotDatabase(t.ctx)).toEqual(before);
  }

  it('sees a write: the same payment without the bad allocation changes the snapshot (so the checks below can fail)', async () => {
    const accountId = await makeCustomer(t.ctx);
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n });
    const before = await snapshotDatabase(t.ctx);
    const response = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: 10_000, currency: 'EUR' }, receivedDate: '2026-01-10', allocations: [{ invoiceId: invoice.id, amountMinor: 10_000 }] } });
    expect(response.statusCode, response.body).toBe(201);
    const after = await snapshotDatabase(t.ctx);
    expect(Object.keys(after).filter((name) => after[name] !== before[name])).toEqual(expect.arrayContaining(['audit_log', 'payments', 'invoices']));
  });

  it('recording a payment whose last allocation is to an invoice in another currency', async () => {
    const accountId = await makeCustomer(t.ctx);
    const first = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 10_000n });
    const second = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n });
    const dollars = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 5_000n, currency: 'USD' });
    await expectUnchanged(() => t.request('finance', {
      method: 'POST', url: '/api/v1/payments',
      payload: {
        accountId, amount: { amountMinor: 20_000, currency: 'EUR' }, receivedDate: '2026-01-10',
        allocations: [{ invoiceId: first.id, amountMinor: 10_000 }, { invoiceId: second.id, amountMinor: 5_000 }, { invoiceId: dollars.id, amountMinor: 5_000 }],
      },
    }), 422, 'body.allocations.2');
  });

  it('changing a subscription whose last change removes an item it does not have', async () => {
    const accountId = await makeCustomer(t.ctx);
    const subscription = await createSubscription(t.ctx, { accountId, currency: 'EUR', startDate: '2026-01-01', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
    await expectUnchanged(() => t.request('admin', {
      method: 'POST', url: `/api/v1/subscriptions/${subscription.id}/changes`, headers: { 'if-match': `"${subscription.version}"` },
      payload: {
        effectiveDate: '2026-01-15',
        changes: [
          { action: 'add', itemKey: 'support', quantity: 1, unitPriceMinor: 9900 },
          { action: 'update', itemKey: 'pro-seat', quantity: 20 },
          { action: 'remove', itemKey: 'no-such-item' },
        ],
      },
    }), 422, 'body.changes.2');
  });

  it('accepting a quote with the hash of a document that is no longer current', async () => {
    const { quote } = await makeSentQuote(t.ctx);
    await expectUnchanged(() => t.request('admin', {
      method: 'POST', url: `/api/v1/quotes/${quote.id}/accept`,
      payload: { signerName: 'Ada Signer', signerEmail: 'ada@example.com', documentSha256: 'a'.repeat(64) },
    }), 409, 'body.documentSha256');
  });

  it('creating a quote whose last line names a product outside its price book', async () => {
    const { bookId, seat, deal } = await makeSentQuote(t.ctx);
    await expectUnchanged(() => t.request('admin', {
      method: 'POST', url: '/api/v1/quotes',
      payload: {
        opportunityId: deal.opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12,
        lines: [{ productId: seat.productId, quantity: 2 }, { productId: seat.productId, quantity: 3 }, { productId: 'prd_not_in_book', quantity: 1 }],
      },
    }), 400, 'body.lines.2');
  });
});
