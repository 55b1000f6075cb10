import { z } from 'zod';
import { unapplyFromInvoice } from '../billing/index.ts';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { money } from '../shared/money.ts';
import { plainDateSchema, recordId, text } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { positiveMinorSchema } from './schema.ts';
import { todayOf } from './today.ts';
import { findAppliedBySource, getInvoice } from '../billing/index.ts';

export const unapplyCreditNoteBodySchema = z.strictObject({
  invoiceId: recordId,
  amountMinor: positiveMinorSchema.optional().describe('Default: all the credit note settled on the invoice'),
  date: plainDateSchema.optional(),
  reason: text(500).nullable().default(null),
});
export type UnapplyCreditNoteInput = z.input<typeof unapplyCreditNoteBodySchema> & { creditNoteId: string };

/**
 * Takes a credit note's settlement off an invoice (e.g. before voiding the invoice): the invoice
 * reopens and the credit note has that credit again. No journal entry — applying one moved none.
 */
export async function unapplyCreditNote(ctx: Ctx, input: UnapplyCreditNoteInput): Promise<{ invoiceId: string; amountDueMinor: bigint }> {
  const { creditNoteId, ...body } = input;
  const parsed = parseInput(unapplyCreditNoteBodySchema, body);
  const date = parsed.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const invoice = await getInvoice(tx, parsed.invoiceId);
    const amountMinor = parsed.amountMinor ?? (await findAppliedBySource(tx, parsed.invoiceId, { type: 'credit_note', id: creditNoteId }));
    const after = await unapplyFromInvoice(tx, {
      invoiceId: parsed.invoiceId, amount: money(amountMinor, invoice.currency), source: { type: 'credit_note', id: creditNoteId }, effectiveDate: date, reason: 'unapply',
    });
    await recordAudit(tx, { action: 'unapply', entityType: 'credit_note', entityId: creditNoteId, before: null, after: { invoiceId: parsed.invoiceId, amountMinor, reason: parsed.reason } });
    return { invoiceId: after.id, amountDueMinor: after.amountDueMinor };
  });
}
