import type { Ctx, TxCtx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import type { Money } from '../../shared/money.ts';
import { billingDb } from '../billing-db.ts';
import { auditInvoice, loadInvoiceDetail, updateInvoiceProgress } from '../invoice-repo.ts';
import type { InvoiceDetail } from '../invoice-schema.ts';
import { settlementError } from './apply-to-invoice.ts';
import { insertSettlement, shiftAllocation } from './settlement-repo.ts';
import { settlementDb, type SettlementSourceType } from './settlement-tables.ts';

export type UnapplyFromInvoiceInput = {
  invoiceId: string;
  amount: Money;
  source: { type: SettlementSourceType; id: string };
  effectiveDate: string;
  /** 'chargeback' when the bank took the money back, 'unapply' when finance moves it. */
  reason: 'unapply' | 'chargeback';
};

/**
 * Takes back part or all of what a payment or credit note paid on an invoice, reopening it
 * (paid → issued, the one backwards step the immutability trigger allows). The amount must not
 * exceed what this source has applied to this invoice (its settlement history nets to that).
 */
export async function unapplyFromInvoice(tx: TxCtx, input: UnapplyFromInvoiceInput): Promise<InvoiceDetail> {
  const before = await billingDb(tx).selectFrom('invoices').selectAll().where('id', '=', input.invoiceId).forUpdate().executeTakeFirst();
  if (!before) throw notFound('invoice', input.invoiceId);
  const field = `invoices.${input.invoiceId}`;
  if (before.status === 'void') throw settlementError(field, `invoice ${before.number ?? before.id} is void`);
  const applied = await findAppliedBySource(tx, input.invoiceId, input.source);
  // Taking money back before it was applied would rewrite the settlement history AR aging reads.
  const lastDate = await findLastSettlementDate(tx, input.invoiceId, input.source);
  if (lastDate !== null && input.effectiveDate < lastDate) {
    throw settlementError(field, `${input.source.type} ${input.source.id} was last applied on ${lastDate} to invoice ${before.number ?? before.id}; it cannot be taken back on ${input.effectiveDate}`);
  }
  if (input.amount.amountMinor <= 0n || input.amount.amountMinor > applied) {
    throw settlementError(field, `${input.source.type} ${input.source.id} has ${applied} applied to invoice ${before.number ?? before.id}, cannot take back ${input.amount.amountMinor}`);
  }
  const beforeDetail = await loadInvoiceDetail(tx, before);
  const after = await updateInvoiceProgress(tx, before, {
    amount_paid_minor: before.amount_paid_minor - input.amount.amountMinor,
    amount_due_minor: before.amount_due_minor + input.amount.amountMinor,
    status: 'issued',
    paid_at: null,
  });
  await insertSettlement(tx, {
    invoiceId: before.id, currency: before.currency, sourceType: input.source.type, sourceId: input.source.id,
    reason: input.reason, amountMinor: -input.amount.amountMinor, effectiveDate: input.effectiveDate,
  });
  if (input.source.type === 'payment') await shiftAllocation(tx, input.source.id, before.id, before.currency, -input.amount.amountMinor);
  return auditInvoice(tx, `settlement.${input.reason}`, beforeDetail, after);
}

/** What one payment or credit note has settled on one invoice, net of what was taken back. */
export async function findAppliedBySource(ctx: Ctx, invoiceId: string, source: { type: SettlementSourceType; id: string }): Promise<bigint> {
  const row = await settlementDb(ctx).selectFrom('invoice_settlements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_minor'), eb.val('0')).as('total'))
    .where('invoice_id', '=', invoiceId).where('source_type', '=', source.type).where('source_id', '=', source.id)
    .executeTakeFirstOrThrow();
  return BigInt(row.total);
}

/** The latest effective date of what one payment or credit note did on one invoice (null: nothing). */
export async function findLastSettlementDate(ctx: Ctx, invoiceId: string, source: { type: SettlementSourceType; id: string }): Promise<string | null> {
  const row = await settlementDb(ctx).selectFrom('invoice_settlements')
    .select((eb) => eb.fn.max('effective_date').as('last'))
    .where('invoice_id', '=', invoiceId).where('source_type', '=', source.type).where('source_id', '=', source.id)
    .executeTakeFirstOrThrow();
  return row.last ?? null;
}
