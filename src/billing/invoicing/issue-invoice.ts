import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { ruleError } from '../field-errors.ts';
import { issueDraftBatch } from './issue-batch.ts';
import { lockInvoice } from './invoice-lookup.ts';
import type { BilledInvoiceRow } from './tables.ts';

export type IssueInvoiceInput = { invoiceId: string };

/**
 * Issues a draft: takes the next gapless number of INV-<year of issue>, posts Dr AR / Cr deferred
 * revenue or revenue / Cr tax payable, freezes the invoice (trigger), announces invoice.issued —
 * all in one transaction, so a failure leaves a draft and no number used.
 */
export async function issueInvoice(ctx: Ctx, input: IssueInvoiceInput): Promise<BilledInvoiceRow> {
  return inTransaction(ctx, async (tx) => {
    const before = await lockInvoice(tx, input.invoiceId);
    if (before.status !== 'draft') throw ruleError('invoiceId', `invoice ${input.invoiceId} is ${before.status}; only a draft can be issued`);
    const [after] = await issueLockedDrafts(tx, [before]);
    assert(after, `invoice ${input.invoiceId} was not issued`);
    return after;
  });
}

/**
 * issueInvoice for many drafts the caller has row-locked (the billing run's chunk, or one): one
 * contiguous block of numbers per series in input order, one batch of journal entries, one UPDATE,
 * audit rows and invoice.issued events — the same rows as issuing them one by one (issue-batch.ts).
 * Returns the issued rows in input order.
 */
export async function issueLockedDrafts(tx: TxCtx, drafts: readonly BilledInvoiceRow[]): Promise<BilledInvoiceRow[]> {
  return (await issueDraftBatch(tx, drafts)).issued;
}
