import { upsertImportedInvoice } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import { trialBalance } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { findPayment } from '../billing/index.ts';

let sequence = 0;

export async function makeCustomer(ctx: Ctx, overrides: { currency?: string; country?: string } = {}): Promise<string> {
  sequence += 1;
  return (await createAccount(ctx, { name: `Payments customer ${sequence}`, currency: overrides.currency ?? 'EUR', ...(overrides.country ? { country: overrides.country } : {}) })).id;
}

/** An issued invoice (through billing's import door, the one way to an issued invoice without the billing run). */
export async function makeIssuedInvoice(
  ctx: Ctx,
  accountId: string,
  overrides: { totalMinor?: bigint; currency?: string; issueDate?: string; dueDate?: string; number?: string } = {},
): Promise<{ id: string; number: string }> {
  sequence += 1;
  const number = overrides.number ?? `INV-T-${String(sequence).padStart(5, '0')}`;
  const result = await upsertImportedInvoice(ctx, {
    sourceSystem: 'legacy', externalId: `ext-${sequence}-${number}`, accountId, number, currency: overrides.currency ?? 'EUR',
    issueDate: overrides.issueDate ?? '2026-01-01', dueDate: overrides.dueDate ?? '2026-01-31', subtotalMinor: overrides.totalMinor ?? 10_000n,
  });
  return { id: result.record.id, number };
}

export async function invoiceProgress(ctx: Ctx, invoiceId: string) {
  const row = await ctx.db.withTables<{ invoices: { id: string; status: string; amount_paid_minor: bigint; amount_due_minor: bigint } }>()
    .selectFrom('invoices').select(['status', 'amount_paid_minor', 'amount_due_minor']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
  return { status: row.status, paidMinor: row.amount_paid_minor, dueMinor: row.amount_due_minor };
}

/** Balance (debit − credit) of one ledger account in one currency, and whether the trial balance balances. */
export async function ledgerBalances(ctx: Ctx, currency = 'EUR'): Promise<{ balanced: boolean; byCode: Record<string, bigint> }> {
  const tb = await trialBalance(ctx, { asOfDate: '2099-12-31' });
  const byCode: Record<string, bigint> = {};
  let debit = 0n;
  let credit = 0n;
  for (const row of tb.rows) {
    if (row.currency !== currency) continue;
    byCode[row.accountCode] = row.debit.amountMinor - row.credit.amountMinor;
    debit += row.debit.amountMinor;
    credit += row.credit.amountMinor;
  }
  return { balanced: debit === credit, byCode };
}

export async function allocationsOf(ctx: Ctx, paymentId: string) {
  return (await findPayment(ctx, paymentId))?.allocations ?? [];
}
