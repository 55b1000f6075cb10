import { sql, type SqlBool } from 'kysely';
import { loadAllocations, toPayment } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage, type Cursor, invalidCursor } from '../shared/http/pagination.ts';
import { isPlainDateText } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { listPaymentsQuerySchema, type ListPaymentsQuery, type PaymentFilter, type PaymentListPage } from './list-payments-schema.ts';
import { paymentsDb } from './tables.ts';

// Payments are read by the money readers, who see every account (routes.ts): no owner scope applies.

/**
 * The day a payment was received: the UTC day of received_at (a recorded payment's receivedDate at
 * midnight UTC; the day its receipt carries too). Written exactly as migration 202612150200's index.
 */
const receivedDate = sql<string>`((payments.received_at at time zone 'UTC')::date)`;

// What getPaymentDetail counts as unapplied (detailOf), in SQL: a payment on the books (it has a receipt;
// an imported one not yet taken onto them is history) that still stands holds amount − allocations −
// refunds and chargebacks; any other holds none.
const appliedSql = sql<string>`coalesce((select sum(a.amount_minor) from payment_allocations a where a.payment_id = payments.id), 0)`;
const reversedSql = sql<string>`coalesce((select sum(v.amount_minor) from payment_reversals v where v.payment_id = payments.id), 0)`;
const unappliedSql = sql<string>`(case when payments.status = 'succeeded' and exists (select 1 from payment_receipts r where r.payment_id = payments.id)
  then payments.amount_minor - ${appliedSql} - ${reversedSql} else 0 end)`;

type ListKey = { date: string; id: string };

/**
 * Keyset pages by (received date, id), newest first; the cursor carries the two. Within a day, ids are
 * the order of recording: ULIDs of the clock, strictly increasing within one millisecond (shared/ids.ts),
 * so a day's payments list the last recorded first and a page boundary never splits or repeats one.
 */
export async function listPayments(ctx: Ctx, query: ListPaymentsQuery): Promise<PaymentListPage> {
  const { limit, cursor, ...filter } = parseInput(listPaymentsQuerySchema, query, 'querystring');
  const after = toListKey(decodeCursor(cursor));
  let select = filtered(ctx, filter).selectAll('payments').select([
    sql<string>`${receivedDate}::text`.as('received_date'),
    sql<string>`${appliedSql}::text`.as('applied_minor'),
    sql<string>`${unappliedSql}::text`.as('unapplied_minor'),
  ]);
  if (after) select = select.where(sql<SqlBool>`(${receivedDate}, payments.id) < (${after.date}::date, ${after.id})`);
  const rows = await select.orderBy(receivedDate, 'desc').orderBy('payments.id', 'desc').limit(limit + 1).execute();
  const allocations = await loadAllocations(ctx, rows.slice(0, limit).map((row) => row.id));
  return toPage(rows, limit, (row) => ({ sortValue: row.received_date, id: row.id }), (row) => ({
    ...toPayment(row, allocations.get(row.id) ?? []),
    receivedDate: row.received_date,
    appliedMinor: BigInt(row.applied_minor),
    unappliedMinor: BigInt(row.unapplied_minor),
  }));
}

function filtered(ctx: Ctx, filter: PaymentFilter) {
  let select = paymentsDb(ctx).selectFrom('payments');
  if (filter.accountId !== undefined) select = select.where('payments.account_id', '=', filter.accountId);
  if (filter.status !== undefined) select = select.where('payments.status', '=', filter.status);
  if (filter.method !== undefined) select = select.where('payments.method', '=', filter.method);
  if (filter.currency !== undefined) select = select.where('payments.currency', '=', filter.currency);
  if (filter.receivedDateFrom !== undefined) select = select.where(sql<SqlBool>`${receivedDate} >= ${filter.receivedDateFrom}::date`);
  if (filter.receivedDateBefore !== undefined) select = select.where(sql<SqlBool>`${receivedDate} < ${filter.receivedDateBefore}::date`);
  if (filter.unapplied !== undefined) select = select.where(filter.unapplied ? sql<SqlBool>`${unappliedSql} > 0` : sql<SqlBool>`${unappliedSql} <= 0`);
  if (filter.search !== undefined) {
    // LIKE's wildcards and its escape character are taken literally: "50%" finds the reference "50% deposit".
    const pattern = `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    select = select.where(sql<SqlBool>`(payments.reference ilike ${pattern}
      or exists (select 1 from accounts a where a.id = payments.account_id and a.name ilike ${pattern}))`);
  }
  return select;
}

/** A cursor of another list would reach SQL as a bad date: reject it as a bad cursor instead. */
function toListKey(cursor: Cursor | null): ListKey | null {
  if (cursor === null) return null;
  if (typeof cursor.sortValue === 'string' && isPlainDateText(cursor.sortValue)) return { date: cursor.sortValue, id: cursor.id };
  throw invalidCursor('The cursor does not belong to the payment list; pass back nextCursor unchanged');
}
