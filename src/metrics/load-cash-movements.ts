import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import type { AccountAttributes } from './record-groups.ts';

/** Money in (+, a payment received) or out (−, a refund or chargeback) on a date. */
export type CashMovement = DatedAmount & AccountAttributes & {
  recordType: 'payment' | 'refund' | 'chargeback';
  id: string;
  paymentId: string;
  accountId: string;
};

/**
 * Cash movements dated in [fromDate, toDate]: payments recorded in Revline by their received date
 * (payment_receipts), their refunds and chargebacks by the reversal date (negative; a chargeback
 * takes back what the payment still held), and imported payments with status `succeeded` by the
 * UTC date of `received_at`. Imported `failed` and `refunded` payments are left out: the source
 * system gives no date for the money going back.
 *
 * With asOf (docs/metrics.md "As of"): receipts, reversals and imported payments recorded by then
 * (created_at ≤ asOf; a receipt counts as imported until it was recorded), account attributes as
 * they stood then. An imported payment's status is read as it is now (imports overwrite it).
 */
export async function loadCashMovements(ctx: Ctx, fromDate: string, toDate: string, asOf: Date | null = null): Promise<CashMovement[]> {
  const db = financeDb(ctx);
  const recorded = (column: string) => sql<boolean>`${sql.ref(column)} <= ${asOf}`;
  const receipts = await db.selectFrom('payment_receipts as r').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'r.account_id')
    .select(['r.payment_id', 'r.account_id', 'r.currency', 'r.amount_minor', 'r.received_date', 'a.segment', 'a.country', 'a.industry'])
    .where('r.received_date', '>=', fromDate).where('r.received_date', '<=', toDate)
    .$if(asOf !== null, (qb) => qb.where(recorded('r.created_at'))).execute();
  const reversals = await db.selectFrom('payment_reversals as v').innerJoin('payment_receipts as r', 'r.payment_id', 'v.payment_id').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'r.account_id')
    .select(['v.id', 'v.kind', 'v.payment_id', 'r.account_id', 'v.currency', 'v.amount_minor', 'v.reversal_date', 'a.segment', 'a.country', 'a.industry'])
    .where('v.reversal_date', '>=', fromDate).where('v.reversal_date', '<=', toDate)
    .$if(asOf !== null, (qb) => qb.where(recorded('v.created_at'))).execute();
  const imported = await db.selectFrom('payments as p').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'p.account_id')
    .select(['p.id', 'p.account_id', 'p.currency', 'p.amount_minor', 'a.segment', 'a.country', 'a.industry'])
    .select(sql<string>`to_char(p.received_at at time zone 'UTC', 'YYYY-MM-DD')`.as('received_date'))
    .where('p.source_system', 'is not', null).where('p.status', '=', 'succeeded')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('payment_receipts as r').select(sql`1`.as('one')).whereRef('r.payment_id', '=', 'p.id')
      .$if(asOf !== null, (qb) => qb.where(recorded('r.created_at'))))))
    .$if(asOf !== null, (qb) => qb.where(recorded('p.created_at')))
    .where(sql<boolean>`(p.received_at at time zone 'UTC')::date between ${fromDate}::date and ${toDate}::date`).execute();
  const attributes = (row: AccountAttributes) => ({ segment: row.segment, country: row.country, industry: row.industry });
  return [
    ...receipts.map((row): CashMovement => ({ recordType: 'payment', id: row.payment_id, paymentId: row.payment_id, accountId: row.account_id, currency: row.currency, amountMinor: row.amount_minor, date: row.received_date, ...attributes(row) })),
    ...imported.map((row): CashMovement => ({ recordType: 'payment', id: row.id, paymentId: row.id, accountId: row.account_id, currency: row.currency, amountMinor: row.amount_minor, date: row.received_date, ...attributes(row) })),
    ...reversals.map((row): CashMovement => ({ recordType: row.kind, id: row.id, paymentId: row.payment_id, accountId: row.account_id, currency: row.currency, amountMinor: -row.amount_minor, date: row.reversal_date, ...attributes(row) })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}
