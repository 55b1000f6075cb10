import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { LEDGER_ACCOUNTS, trialBalance } from '../../ledger/index.ts';
import { AppError } from '../../shared/errors.ts';
import { recognizeRevenue } from '../recognition/recognize-revenue.ts';
import { draftInvoicesForSubscription } from './draft-invoices.ts';
import { previewInvoices } from './preview-invoices.ts';
import { scenarioKit } from './scenario-kit.ts';
import { invoicingDb } from './tables.ts';
import { voidInvoice } from './void-invoice.ts';

// Issue → recognise → void, with the ledger checked to the cent after each step.
describe('invoice lifecycle and ledger postings', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
  });
  afterAll(() => t.close());

  async function balances(asOfDate: string): Promise<Record<string, bigint>> {
    const tb = await trialBalance(t.ctx, { asOfDate });
    expect(tb.totals.map((total) => total.debit.amountMinor - total.credit.amountMinor)).toEqual(tb.totals.map(() => 0n));
    return Object.fromEntries(tb.rows.map((row) => [row.accountCode, row.debit.amountMinor - row.credit.amountMinor]));
  }

  it('previews exactly what the run then drafts, persisting nothing', async () => {
    const sub = await kit.subscribe({ startDate: '2026-01-01', billingMode: 'calendar', items: [
      { itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }, { itemKey: 'setup', kind: 'one_time', quantity: 1, unitPriceMinor: 50000 },
    ] });
    const preview = await previewInvoices(t.ctx, { subscriptionId: sub.id, date: '2026-01-01' });
    expect(await invoicingDb(t.ctx).selectFrom('invoices').select('id').where('subscription_id', '=', sub.id).execute()).toEqual([]);
    const drafted = await draftInvoicesForSubscription(t.ctx, { subscriptionId: sub.id, throughDate: '2026-01-01' });
    const run = await kit.billOn(sub.id, '2026-01-01', { issue: false });
    expect(run.invoices).toEqual([]);
    const strip = (invoice: { id: string; lines: unknown[]; totalMinor: bigint; billingDate: string | null }) => ({ lines: invoice.lines, totalMinor: invoice.totalMinor, billingDate: invoice.billingDate });
    const { loadBilledInvoices } = await import('./invoice-documents.ts');
    expect((await loadBilledInvoices(t.ctx, drafted.invoiceIds)).map(strip)).toEqual(preview.invoices.map(strip));
    expect(preview.invoices[0]?.totalMinor).toBe(99000n);
  });

  it('issues (Dr AR / Cr deferred + services revenue), recognises by day, voids with a credit note, and the ledger returns to zero', async () => {
    const invoice = await invoicingDb(t.ctx).selectFrom('invoices').selectAll().where('status', '=', 'draft').executeTakeFirstOrThrow();
    const { issueInvoice } = await import('./issue-invoice.ts');
    const issued = await issueInvoice(t.ctx, { invoiceId: invoice.id });
    expect(issued).toMatchObject({ status: 'issued', number: 'INV-2026-000001', issue_date: '2026-01-01', due_date: '2026-01-31' });
    expect(await balances('2026-01-01')).toMatchObject({
      [LEDGER_ACCOUNTS.accountsReceivable]: 99000n, [LEDGER_ACCOUNTS.deferredRevenue]: -49000n, [LEDGER_ACCOUNTS.servicesRevenue]: -50000n,
    });
    // Issued is final: a second issue is refused, and the trigger refuses a rewrite.
    await expect(issueInvoice(t.ctx, { invoiceId: invoice.id })).rejects.toBeInstanceOf(AppError);
    await expect(invoicingDb(t.ctx).updateTable('invoices').set({ total_minor: 1n, subtotal_minor: 1n }).where('id', '=', invoice.id).execute()).rejects.toThrow(/only its payment progress/);

    t.clock.set('2026-01-15T06:00:00Z');
    const first = await recognizeRevenue(t.ctx, { date: '2026-01-15' });
    expect(first).toMatchObject({ invoices: 1, entries: 1, recognizedMinor: { USD: '23710' } }); // 49000 × 15/31 = 23709.68
    expect(await recognizeRevenue(t.ctx, { date: '2026-01-15' })).toMatchObject({ invoices: 0, entries: 0 });
    t.clock.set('2026-01-19T06:00:00Z');
    await recognizeRevenue(t.ctx, { date: '2026-01-19' }); // through Jan 19: 19/31 → 30032 in all
    expect(await balances('2026-01-19')).toMatchObject({ [LEDGER_ACCOUNTS.deferredRevenue]: -18968n, [LEDGER_ACCOUNTS.subscriptionRevenue]: -30032n });

    t.clock.set('2026-01-20T06:00:00Z');
    const { creditNote } = await voidInvoice(t.ctx, { invoiceId: invoice.id, reason: 'wrong customer' });
    expect(creditNote).toMatchObject({ kind: 'void', number: 'CN-2026-000001', total_minor: 99000n, invoice_id: invoice.id });
    expect(await balances('2026-01-20')).toMatchObject({
      [LEDGER_ACCOUNTS.accountsReceivable]: 0n, [LEDGER_ACCOUNTS.deferredRevenue]: 0n, [LEDGER_ACCOUNTS.servicesRevenue]: 0n, [LEDGER_ACCOUNTS.subscriptionRevenue]: 0n,
    });
    await expect(voidInvoice(t.ctx, { invoiceId: invoice.id, reason: 'again' })).rejects.toBeInstanceOf(AppError);
    // A voided charge is waived, not billed again; recognition leaves the void invoice alone.
    const sub = invoice.subscription_id ?? '';
    expect(await draftInvoicesForSubscription(t.ctx, { subscriptionId: sub, throughDate: '2026-01-20' })).toEqual({ invoiceIds: [], creditNoteIds: [] });
    expect(await recognizeRevenue(t.ctx, { date: '2026-01-31' })).toMatchObject({ invoices: 0 });
    await expect(invoicingDb(t.ctx).deleteFrom('credit_notes').where('id', '=', creditNote.id).execute()).rejects.toThrow(/immutable/);
  });

  it('recognises a mid-period upgrade so deferred revenue is exactly zero at the period end', async () => {
    const { changeSubscriptionItems } = await import('../change-subscription-items.ts');
    const sub = await kit.subscribe({ startDate: '2026-02-01' });
    await kit.billOn(sub.id, '2026-02-01');
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-02-11', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 30 }] });
    await kit.billOn(sub.id, '2026-02-11');
    for (const day of ['2026-02-05', '2026-02-11', '2026-02-20', '2026-02-28']) {
      t.clock.set(`${day}T07:00:00Z`);
      await recognizeRevenue(t.ctx, { date: day });
    }
    // (January's revenue went back with the void.) Feb: 10 days × 10 seats + 18 days × 30 seats: 49000 × 10/28 → 17500; 147000 × 18/28 → 94500
    expect(await balances('2026-02-28')).toMatchObject({ [LEDGER_ACCOUNTS.deferredRevenue]: 0n, [LEDGER_ACCOUNTS.subscriptionRevenue]: -(17500n + 94500n), [LEDGER_ACCOUNTS.accountsReceivable]: 112000n });
  });
});
