import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { fieldError, ruleError } from './field-errors.ts';
import {
  auditPayment, deleteAllocations, findImportedInvoiceRefs, findImportedPaymentRow, insertAllocations, insertPayment, loadAllocations,
  toPayment, updatePaymentRow, type PaymentColumns,
} from './payment-repo.ts';
import { importPaymentSchema, type ImportPaymentInput, type ParsedPaymentImport, type Payment, type PaymentAllocation } from './payment-schema.ts';
import { assertAccountUsable } from './subscription-rules.ts';
import type { UpsertResult } from './subscription-schema.ts';

/**
 * Creates or updates the payment imported as (sourceSystem, externalId), with its allocations to
 * invoices of the same source (by their external ids). Rules, checked under the payment's row
 * lock: allocations add up to at most the payment amount; a failed payment pays nothing; an
 * allocation is in the invoice's currency (the database checks that too). A payment Revline has
 * taken onto its books (bookImportedPayment) is no longer changed by a re-import.
 */
export async function upsertImportedPayment(ctx: Ctx, input: ImportPaymentInput): Promise<UpsertResult<Payment>> {
  const parsed = parseInput(importPaymentSchema, input);
  checkReceivedAt(ctx, parsed);
  checkAllocationAmounts(parsed);
  return inTransaction(ctx, async (tx) => {
    await assertAccountUsable(tx, parsed.accountId);
    const allocations = await resolveAllocations(tx, parsed);
    const columns: PaymentColumns = {
      account_id: parsed.accountId,
      amount_minor: parsed.amountMinor,
      currency: parsed.currency,
      received_at: new Date(parsed.receivedAt),
      method: parsed.method,
      reference: parsed.reference,
      status: parsed.status,
      source_system: parsed.sourceSystem,
      external_id: parsed.externalId,
    };
    const existing = await findImportedPaymentRow(tx, parsed.sourceSystem, parsed.externalId);
    if (!existing) {
      const row = await insertPayment(tx, newId('pay'), columns);
      await insertAllocations(tx, row, allocations);
      return { outcome: 'created', record: await auditPayment(tx, 'import', null, row) };
    }
    const before = toPayment(existing, (await loadAllocations(tx, [existing.id])).get(existing.id) ?? []);
    const after = toPayment({ ...existing, ...columns, received_at: columns.received_at as Date }, allocations);
    if (canonicalJson(withoutStamps(before)) === canonicalJson(withoutStamps(after))) return { outcome: 'unchanged', record: before };
    // Once Revline refunded, charged back or moved it, the ledger and settlement history describe it; the source may not rewrite it.
    if (existing.booked_date !== null) {
      throw ruleError('body', `payment ${existing.id} is on Revline's books since ${existing.booked_date} (moved, refunded or charged back in Revline); a re-import cannot change it`);
    }
    // Allocations go first and come back last: the (payment, currency) foreign key must hold at every step.
    await deleteAllocations(tx, existing.id);
    const row = await updatePaymentRow(tx, existing, columns);
    await insertAllocations(tx, row, allocations);
    return { outcome: 'updated', record: await auditPayment(tx, 'import', before, row) };
  });
}

/** An export lists money that has arrived: a payment received after now is a bad row, not cash (docs/payments.md "Dates"). */
function checkReceivedAt(ctx: Ctx, parsed: ParsedPaymentImport): void {
  const now = ctx.clock.now();
  if (Date.parse(parsed.receivedAt) > now.epochMilliseconds) {
    throw fieldError('body.receivedAt', `${parsed.receivedAt} is after now (${now.toString()}); an imported payment must have been received already`);
  }
}

function checkAllocationAmounts(parsed: ParsedPaymentImport): void {
  const allocated = parsed.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0n);
  if (parsed.status === 'failed' && parsed.allocations.length > 0) throw ruleError('body.allocations', 'a failed payment pays no invoice');
  if (allocated > parsed.amountMinor) {
    throw ruleError('body.allocations', `allocations add up to ${allocated}, more than the payment's ${parsed.amountMinor}`);
  }
}

async function resolveAllocations(tx: TxCtx, parsed: ParsedPaymentImport): Promise<PaymentAllocation[]> {
  const refs = await findImportedInvoiceRefs(tx, parsed.sourceSystem, parsed.allocations.map((allocation) => allocation.invoiceExternalId));
  const byExternalId = new Map(refs.map((ref) => [ref.external_id, ref]));
  const seen = new Set<string>();
  const allocations = parsed.allocations.map((allocation, index) => {
    const at = `body.allocations.${index}.invoiceExternalId`;
    const invoice = byExternalId.get(allocation.invoiceExternalId);
    if (!invoice) throw fieldError(at, `no invoice imported from ${parsed.sourceSystem} with this id`);
    if (invoice.currency !== parsed.currency) throw fieldError(at, `the invoice is in ${invoice.currency}, the payment in ${parsed.currency}`);
    if (seen.has(invoice.id)) throw fieldError(at, 'appears more than once');
    seen.add(invoice.id);
    return { invoiceId: invoice.id, amountMinor: allocation.amountMinor };
  });
  return allocations.sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
}

function withoutStamps(payment: Payment): Omit<Payment, 'createdAt' | 'updatedAt' | 'version'> {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = payment;
  return rest;
}

