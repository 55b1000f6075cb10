import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { findInvoiceDuesOnDate, listInvoices, upsertImportedInvoice, voidInvoice } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { recordPayment } from '../payments/index.ts';
import { loadReceivables } from './load-receivables.ts';
import { addDaysToDate } from './month-numbers.ts';
import { seedFinanceExample, type FinanceExample } from './test-fixtures/finance-example.ts';

// loadReceivables works out billing's invoice dues for many dates from one read; it must give, date
// by date and instant by instant, exactly what billing's findInvoiceDuesOnDate gives for each.
describe('loadReceivables equals billing’s findInvoiceDuesOnDate at every date', () => {
  let t: TestContext;
  let ids: FinanceExample;
  const dates = Array.from({ length: 26 }, (_, i) => addDaysToDate('2025-12-25', i * 7));
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    ids = await seedFinanceExample(t.ctx, t.clock);
    // Imported invoices: one paid in its source system on a date (untracked progress), one paid without a date, one voided later.
    t.clock.set('2026-04-12T09:00:00Z');
    const dune = (await createAccount(t.ctx, { name: 'Dune', segment: 'mid', country: 'US', currency: 'EUR' })).id;
    await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'legacy', externalId: 'paid-1', accountId: dune, number: 'L-0001', currency: 'EUR', issueDate: '2026-02-10', dueDate: '2026-03-12',
      issuedAt: '2026-02-10T10:00:00Z', subtotalMinor: 20_000, amountPaidMinor: 15_000, paidAt: '2026-03-20T10:00:00Z',
    });
    await upsertImportedInvoice(t.ctx, {
      sourceSystem: 'legacy', externalId: 'paid-2', accountId: dune, number: 'L-0002', currency: 'EUR', issueDate: '2026-01-15', dueDate: null,
      issuedAt: '2026-01-15T10:00:00Z', subtotalMinor: 30_000, amountPaidMinor: 10_000,
    });
    t.clock.set('2026-04-20T09:00:00Z');
    const birchInvoice = (await listInvoices(t.ctx, { accountId: ids.birch })).data.find((i) => i.issueDate === '2026-01-01');
    if (!birchInvoice) throw new Error('no Birch January invoice');
    // A payment recorded in April for a receipt in February: a settlement recorded after its effective date.
    await recordPayment(t.ctx, { accountId: ids.birch, amount: { amountMinor: 100_000, currency: 'EUR' }, receivedDate: '2026-02-25', allocations: [{ invoiceId: birchInvoice.id, amountMinor: 100_000 }] });
    t.clock.set('2026-05-05T09:00:00Z');
    const open = (await listInvoices(t.ctx, { accountId: ids.cedar })).data.find((i) => i.status === 'issued');
    if (!open) throw new Error('no open Cedar invoice');
    await voidInvoice(t.ctx, { invoiceId: open.id, reason: 'wrong terms' });
  });
  afterAll(() => t.close());

  const expected = async (date: string, asOf: Date | null) => (await findInvoiceDuesOnDate(t.ctx, date, asOf === null ? {} : { recordedBy: asOf }))
    .map((due) => [due.id, due.accountId, due.number, due.currency, due.dueDate ?? due.issueDate, due.amountDueMinor])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));

  for (const asOfText of [null, '2026-01-20T00:00:00Z', '2026-03-31T23:59:59Z', '2026-04-15T00:00:00Z', '2026-05-01T00:00:00Z']) {
    it(`as of ${asOfText ?? 'now'}`, async () => {
      const asOf = asOfText === null ? null : new Date(asOfText);
      const loaded = await loadReceivables(t.ctx, dates, asOf);
      expect(loaded).toHaveLength(dates.length);
      let nonEmpty = 0;
      for (const [index, date] of dates.entries()) {
        const actual = (loaded[index] ?? []).map((r) => [r.id, r.accountId, r.number, r.currency, r.dueDate, r.amountMinor]);
        expect(actual, `${date} as of ${asOfText ?? 'now'}`).toEqual(await expected(date, asOf));
        for (const receivable of loaded[index] ?? []) expect(receivable.date).toBe(date);
        if (actual.length > 0) nonEmpty += 1;
      }
      // Not vacuous: receivables exist at most dates (all but the dates before the first invoice).
      expect(nonEmpty).toBeGreaterThan(asOfText === '2026-01-20T00:00:00Z' ? 2 : 10);
    });
  }
});
