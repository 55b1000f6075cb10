import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { findCreditNoteBalances } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { ledgerBalances } from './fixtures.ts';

// A customer who paid in advance and then cancelled is owed the unused time: the credit note for it
// has nothing to settle (no open invoice) and must be refundable in cash — Dr AR / Cr cash.
describe('refund of a credit note', () => {
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-01-01T06:00:00Z' });
    accountId = (await createAccount(t.ctx, { name: 'Refunded customer', currency: 'EUR' })).id;
  });
  afterAll(() => t.close());

  it('refunds what a cancellation credit note still holds, in parts, never more, not before its issue date', async () => {
    const created = await t.request('finance', { method: 'POST', url: '/api/v1/subscriptions', payload: { accountId, currency: 'EUR', startDate: '2026-01-01', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }] } });
    const sub = created.json() as { id: string; version: number };
    await t.request('finance', { method: 'POST', url: '/api/v1/billing/runs', payload: { date: '2026-01-01', issue: true } });
    t.clock.set('2026-01-05T06:00:00Z'); // the day the money arrives: a payment is never dated after today
    const paid = await t.request('finance', { method: 'POST', url: '/api/v1/payments', payload: { accountId, amount: { amountMinor: 49000, currency: 'EUR' }, receivedDate: '2026-01-05' } });
    expect(paid.json()).toMatchObject({ applied: { amountMinor: 49000 } });
    t.clock.set('2026-01-20T06:00:00Z');
    await t.request('finance', { method: 'POST', url: `/api/v1/subscriptions/${sub.id}/cancel`, payload: { version: sub.version, cancelDate: '2026-01-20' } });
    const run = await t.request('finance', { method: 'POST', url: '/api/v1/billing/runs', payload: { date: '2026-01-20', issue: true } });
    expect(run.json()).toMatchObject({ creditNotesIssued: 1 });
    const noteId = (await t.ctx.db.withTables<{ credit_notes: { id: string; account_id: string } }>().selectFrom('credit_notes').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow()).id;
    // The aging lists the note's credit beside the (empty) buckets and nets it: net AR = the ledger's AR.
    const aging = await t.request('viewer', { method: 'GET', url: '/api/v1/ar/aging?asOf=2026-01-20' });
    expect(aging.statusCode).toBe(200);
    expect(aging.json()).toMatchObject({
      customers: [{ accountId, invoices: [], credits: [{ creditNoteId: noteId, issueDate: '2026-01-20', unapplied: { amountMinor: 18968, currency: 'EUR' }, reportingUnapplied: null }],
        unappliedCredits: { amountMinor: 18968, currency: 'EUR' }, net: { amountMinor: -18968, currency: 'EUR' } }],
      totals: [{ currency: 'EUR', buckets: { total: { amountMinor: 0 } }, unappliedCredits: { amountMinor: 18968 }, net: { amountMinor: -18968 } }],
    });
    expect((await ledgerBalances(t.ctx)).byCode['1100']).toBe(-18968n);
    const url = `/api/v1/credit-notes/${noteId}/refunds`;
    expect((await t.request('sales_rep', { method: 'POST', url, payload: {} })).statusCode).toBe(403);
    const early = await t.request('finance', { method: 'POST', url, payload: { date: '2026-01-19' } });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ errors: [{ field: 'body.date', message: expect.stringContaining('2026-01-20') }] });
    const tooMuch = await t.request('finance', { method: 'POST', url, payload: { amountMinor: 18969 } });
    expect(tooMuch.json()).toMatchObject({ errors: [{ field: 'body.amountMinor', message: expect.stringContaining('18968') }] });
    const part = await t.request('finance', { method: 'POST', url, payload: { amountMinor: 8968, reason: 'first half' } });
    expect(part.statusCode).toBe(201);
    expect(part.json()).toMatchObject({ creditNoteId: noteId, amount: { amountMinor: 8968, currency: 'EUR' }, remaining: { amountMinor: 10000, currency: 'EUR' }, date: '2026-01-20' });
    const partAging = await t.request('viewer', { method: 'GET', url: '/api/v1/ar/aging?asOf=2026-01-20&currency=EUR' });
    expect(partAging.json()).toMatchObject({ totals: [{ net: { amountMinor: -10000 } }], reportingTotal: { currency: 'EUR', unappliedCredits: { amountMinor: 10000 }, net: { amountMinor: -10000 } } });
    const rest = await t.request('finance', { method: 'POST', url, payload: {} });
    expect(rest.json()).toMatchObject({ amount: { amountMinor: 10000 }, remaining: { amountMinor: 0 } });
    const again = await t.request('finance', { method: 'POST', url, payload: {} });
    expect(again.statusCode).toBe(422);
    // AR for the customer is back to 0 (the credit note's credit is paid out), cash is 49000 − 18968.
    const ledger = await ledgerBalances(t.ctx);
    expect(ledger).toMatchObject({ balanced: true, byCode: { '1100': 0n, '1000': 30032n } });
    // Nothing of it is left to settle a later invoice.
    expect(await findCreditNoteBalances(t.ctx, { accountId, currency: 'EUR' })).toEqual([]);
    expect((await t.request('finance', { method: 'POST', url: '/api/v1/credit-notes/cn_missing/refunds', payload: {} })).statusCode).toBe(404);
  });
});
