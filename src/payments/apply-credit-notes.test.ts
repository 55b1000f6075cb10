import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import type { Ctx } from '../shared/context.ts';
import { applyCreditNotes } from './apply-credit-notes.ts';
import { unapplyCreditNote } from './unapply-credit-note.ts';
import { invoiceProgress, makeCustomer, makeIssuedInvoice } from './fixtures.ts';
import { applyCreditsOnIssueSubscriber } from './on-documents-issued.ts';
import { inTransaction } from '../shared/context.ts';

let numbers = 0;
/** An issued adjustment credit note, written past billing's service (which posts its own ledger entry; not under test here). */
async function makeCreditNote(ctx: Ctx, accountId: string, totalMinor: bigint, issueDate: string, currency = 'EUR'): Promise<string> {
  numbers += 1;
  const id = `cn_TEST${String(numbers).padStart(22, '0')}`;
  await sql`insert into credit_notes (id, number, kind, account_id, currency, issue_date, subtotal_minor, tax_minor, total_minor, reason, issued_at, created_at)
    values (${id}, ${`CN-2026-${String(numbers).padStart(6, '0')}`}, 'adjustment', ${accountId}, ${currency}, ${issueDate}, ${-totalMinor}, 0, ${totalMinor}, 'test credit', now(), now())`.execute(ctx.db);
  return id;
}

describe('credit notes applied to open invoices', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-04-01T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('applies the oldest credit note first to the oldest open invoice, same currency only, never twice', async () => {
    const accountId = await makeCustomer(t.ctx);
    const newerNote = await makeCreditNote(t.ctx, accountId, 3_000n, '2026-03-20');
    const olderNote = await makeCreditNote(t.ctx, accountId, 1_500n, '2026-03-01');
    await makeCreditNote(t.ctx, accountId, 9_999n, '2026-03-01', 'USD');
    const first = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 2_000n, dueDate: '2026-03-10' });
    const second = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 4_000n, dueDate: '2026-03-25' });

    const applied = await applyCreditNotes(t.ctx, { accountId, currency: 'EUR', date: '2026-04-01' });
    expect(applied).toEqual([
      { creditNoteId: olderNote, invoiceId: first.id, amountMinor: 1_500n },
      { creditNoteId: newerNote, invoiceId: first.id, amountMinor: 500n },
      { creditNoteId: newerNote, invoiceId: second.id, amountMinor: 2_500n },
    ]);
    expect(await invoiceProgress(t.ctx, first.id)).toEqual({ status: 'paid', paidMinor: 2_000n, dueMinor: 0n });
    expect(await invoiceProgress(t.ctx, second.id)).toEqual({ status: 'issued', paidMinor: 2_500n, dueMinor: 1_500n });
    expect(await applyCreditNotes(t.ctx, { accountId, currency: 'EUR' })).toEqual([]);

    // Taken off again (e.g. to void the invoice): the invoice reopens, the note can settle once more.
    await unapplyCreditNote(t.ctx, { creditNoteId: newerNote, invoiceId: second.id });
    expect(await invoiceProgress(t.ctx, second.id)).toEqual({ status: 'issued', paidMinor: 0n, dueMinor: 4_000n });
    expect(await applyCreditNotes(t.ctx, { accountId, currency: 'EUR' })).toEqual([{ creditNoteId: newerNote, invoiceId: second.id, amountMinor: 2_500n }]);
  });

  it('runs when an invoice is issued (subscriber)', async () => {
    const accountId = await makeCustomer(t.ctx);
    const note = await makeCreditNote(t.ctx, accountId, 700n, '2026-03-01');
    const invoice = await makeIssuedInvoice(t.ctx, accountId, { totalMinor: 1_000n });
    await inTransaction(t.ctx, (tx) => applyCreditsOnIssueSubscriber.handle(tx, {
      id: 'evt_1', type: 'invoice.issued', aggregateType: 'invoice', aggregateId: invoice.id, occurredAt: new Date(), requestId: null,
      payload: { invoiceId: invoice.id, accountId, currency: 'EUR', issueDate: '2026-04-01' },
    }));
    expect(await invoiceProgress(t.ctx, invoice.id)).toEqual({ status: 'issued', paidMinor: 700n, dueMinor: 300n });
    expect(note).toMatch(/^cn_/);
  });
});
