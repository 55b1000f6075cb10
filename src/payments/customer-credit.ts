import { sql } from 'kysely';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { laterDate } from './operation-dates.ts';
import { applyCreditBodySchema, type ApplyCustomerCreditInput, type CustomerCredit, type PaymentDetail } from './schema.ts';
import { paymentsDb } from './tables.ts';

type CreditRow = { payment_id: string; account_id: string; currency: string; unapplied_minor: string; received_date: string };

/** Unapplied money per payment: amount − allocations − refunds/chargebacks, of succeeded payments recorded in Revline. */
async function creditRows(ctx: Ctx, filter: { accountId?: string; currency?: string }): Promise<CreditRow[]> {
  let query = paymentsDb(ctx).selectFrom('payment_receipts as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .select([
      'r.payment_id', 'r.account_id', 'r.currency', 'r.received_date',
      sql<string>`(r.amount_minor
        - coalesce((select sum(a.amount_minor) from payment_allocations a where a.payment_id = r.payment_id), 0)
        - coalesce((select sum(v.amount_minor) from payment_reversals v where v.payment_id = r.payment_id), 0))::text`.as('unapplied_minor'),
    ])
    .where('p.status', '=', 'succeeded');
  if (filter.accountId !== undefined) query = query.where('r.account_id', '=', filter.accountId);
  if (filter.currency !== undefined) query = query.where('r.currency', '=', filter.currency);
  const rows = await query.orderBy('r.received_date').orderBy('r.payment_id').execute();
  return rows.filter((row) => BigInt(row.unapplied_minor) > 0n);
}

/** Customer credit balances per account and currency (only non-zero ones). */
export async function listCustomerCredits(ctx: Ctx, filter: { accountId?: string } = {}): Promise<CustomerCredit[]> {
  const totals = new Map<string, CustomerCredit>();
  for (const row of await creditRows(ctx, filter)) {
    const key = `${row.account_id}|${row.currency}`;
    const current = totals.get(key) ?? { accountId: row.account_id, currency: row.currency, amountMinor: 0n };
    totals.set(key, { ...current, amountMinor: current.amountMinor + BigInt(row.unapplied_minor) });
  }
  return [...totals.values()].sort((a, b) => (a.accountId + a.currency < b.accountId + b.currency ? -1 : 1));
}

/**
 * Applies an account's credit in one currency to its open invoices: oldest credit first, oldest
 * invoice first. Returns the payments whose credit moved. Run when a new invoice is issued.
 */
export async function applyCustomerCredit(ctx: Ctx, input: ApplyCustomerCreditInput): Promise<PaymentDetail[]> {
  const parsed = parseInput(applyCreditBodySchema, input);
  return inTransaction(ctx, async (tx) => {
    const changed: PaymentDetail[] = [];
    for (const row of await creditRows(tx, { accountId: parsed.accountId, currency: parsed.currency })) {
      const before = BigInt(row.unapplied_minor);
      // Applied on the day asked (an invoice's issue date) or, for money that arrived later, on its received date.
      const date = parsed.date === undefined ? undefined : laterDate(parsed.date, row.received_date);
      const after = await applyPaymentCredit(tx, { paymentId: row.payment_id, ...(date ? { date } : {}) });
      if (after.unappliedMinor !== before) changed.push(after);
      if (after.unappliedMinor > 0n) break; // nothing left open to pay
    }
    return changed;
  });
}
