import { sql } from 'kysely';
import type { TxCtx } from '../../shared/context.ts';
import { nowOf } from '../billing-db.ts';
import { settlementDb, type SettlementReason, type SettlementSourceType } from './settlement-tables.ts';

// The only code writing invoice_settlements and (for cash application) payment_allocations.

export type SettlementRowInput = {
  invoiceId: string;
  currency: string;
  sourceType: SettlementSourceType;
  sourceId: string;
  reason: SettlementReason;
  amountMinor: bigint;
  effectiveDate: string;
};

export async function insertSettlement(tx: TxCtx, input: SettlementRowInput): Promise<void> {
  await settlementDb(tx).insertInto('invoice_settlements').values({
    invoice_id: input.invoiceId,
    currency: input.currency,
    source_type: input.sourceType,
    source_id: input.sourceId,
    reason: input.reason,
    amount_minor: input.amountMinor,
    effective_date: input.effectiveDate,
    created_at: nowOf(tx),
  }).execute();
}

/** Adds (or, negative, removes) an amount on the allocation of a payment to an invoice; a zero allocation is deleted. */
export async function shiftAllocation(tx: TxCtx, paymentId: string, invoiceId: string, currency: string, deltaMinor: bigint): Promise<void> {
  const db = settlementDb(tx);
  const now = nowOf(tx);
  if (deltaMinor < 0n) {
    // Taking back: the row exists (the caller checked what was applied); the CHECK (amount > 0)
    // would refuse even a conflicting insert of a negative value. Delete a row taken back in full
    // FIRST: updating first would leave e.g. 2 − 1 = 1, which the delete (amount = 1) then removed.
    const deleted = await db.deleteFrom('payment_allocations')
      .where('payment_id', '=', paymentId).where('invoice_id', '=', invoiceId).where('amount_minor', '=', -deltaMinor).executeTakeFirst();
    if (deleted.numDeletedRows > 0n) return;
    await db.updateTable('payment_allocations')
      .set({ amount_minor: sql<bigint>`amount_minor + ${deltaMinor}`, updated_at: now })
      .where('payment_id', '=', paymentId).where('invoice_id', '=', invoiceId).where('amount_minor', '>', -deltaMinor).execute();
    return;
  }
  await db.insertInto('payment_allocations')
    .values({ payment_id: paymentId, invoice_id: invoiceId, currency, amount_minor: deltaMinor, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['payment_id', 'invoice_id']).doUpdateSet({
      amount_minor: sql<bigint>`payment_allocations.amount_minor + ${deltaMinor}`,
      updated_at: now,
    }))
    .execute();
}
