import { z } from 'zod';
import { insertCreditNoteRefund, lockCreditNoteBalance } from '../billing/index.ts';
import { LEDGER_ACCOUNTS, postJournalEntry } from '../ledger/index.ts';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { formatMinor, money } from '../shared/money.ts';
import { plainDateSchema, text } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { ruleError } from './apply-allocations.ts';
import { positiveMinorSchema } from './schema.ts';
import { todayOf } from './today.ts';

export const refundCreditNoteBodySchema = z.strictObject({
  amountMinor: positiveMinorSchema.optional().describe('Default: all the credit the credit note still holds'),
  date: plainDateSchema.optional().describe('Default: today; not before the credit note was issued'),
  reason: text(500).nullable().default(null),
});
export type RefundCreditNoteInput = z.input<typeof refundCreditNoteBodySchema> & { creditNoteId: string };
export type CreditNoteRefund = { id: string; creditNoteId: string; accountId: string; currency: string; amountMinor: bigint; remainingMinor: bigint; date: string; journalEntryId: string };

/**
 * Pays a credit note's remaining credit back to the customer (docs/payments.md "Credit notes") — e.g.
 * unused time after cancelling a subscription paid in advance, with no open invoice to settle. The
 * credit note credited AR when issued; the refund debits it again: Dr AR / Cr cash. Under the credit
 * note's row lock, at most what it still holds (total − settled − refunded); a void credit note (it
 * cancelled an unpaid invoice) or one tied to an invoice has nothing to pay out.
 */
export async function refundCreditNote(ctx: Ctx, input: RefundCreditNoteInput): Promise<CreditNoteRefund> {
  const { creditNoteId, ...body } = input;
  const parsed = parseInput(refundCreditNoteBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const note = await lockCreditNoteBalance(tx, creditNoteId);
    if (!note) throw notFound('credit note', creditNoteId);
    if (note.kind !== 'adjustment' || note.invoiceId !== null) throw ruleError('creditNoteId', `credit note ${note.number} corrects invoice ${note.invoiceId ?? ''}; it holds no credit to pay out`);
    if (date < note.issueDate) throw ruleError('body.date', `${date} is before credit note ${note.number} was issued on ${note.issueDate}`);
    const amountMinor = parsed.amountMinor ?? note.remainingMinor;
    if (amountMinor <= 0n || amountMinor > note.remainingMinor) {
      throw ruleError('body.amountMinor', `credit note ${note.number} holds ${formatMinor(note.remainingMinor, note.currency)} ${note.currency} (${note.remainingMinor}) of credit; refund at most that`);
    }
    const id = newId('rfd', tx.clock.now().epochMilliseconds);
    const amount = money(amountMinor, note.currency);
    const refs = { accountId: note.accountId };
    const entry = await postJournalEntry(tx, {
      entryDate: date, description: `Refund of credit note ${note.number}`, source: { type: 'refund', id }, idempotencyKey: `credit_note_refund:${id}`,
      lines: [{ accountCode: LEDGER_ACCOUNTS.accountsReceivable, debit: amount, refs }, { accountCode: LEDGER_ACCOUNTS.cash, credit: amount, refs }],
    });
    await insertCreditNoteRefund(tx, {
      id, credit_note_id: note.creditNoteId, account_id: note.accountId, currency: note.currency, amount_minor: amountMinor, refund_date: date, reason: parsed.reason, journal_entry_id: entry.id,
    });
    const refund: CreditNoteRefund = { id, creditNoteId: note.creditNoteId, accountId: note.accountId, currency: note.currency, amountMinor, remainingMinor: note.remainingMinor - amountMinor, date, journalEntryId: entry.id };
    await recordAudit(tx, { action: 'refund', entityType: 'credit_note', entityId: note.creditNoteId, before: { remainingMinor: note.remainingMinor }, after: { ...refund, reason: parsed.reason } });
    return refund;
  });
}
