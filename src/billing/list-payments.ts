import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { billingDb } from './billing-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { loadAllocations, toPayment } from './payment-repo.ts';
import { listPaymentsQuerySchema, type ListPaymentsQuery, type PaymentPage } from './payment-schema.ts';

/** Keyset pages, newest first, each payment with its allocations. */
export async function listPayments(ctx: Ctx, query: ListPaymentsQuery): Promise<PaymentPage> {
  const { limit, cursor, accountId, status } = parseInput(listPaymentsQuerySchema, query, 'querystring');
  const after = decodeCursor(cursor);
  let select = billingDb(ctx).selectFrom('payments').selectAll();
  if (accountId !== undefined) select = select.where('account_id', '=', accountId);
  if (status !== undefined) select = select.where('status', '=', status);
  if (after) select = select.where(sql<SqlBool>`payments.id < ${after.id}`);
  const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
  const allocations = await loadAllocations(ctx, rows.slice(0, limit).map((row) => row.id));
  return toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), (row) => toPayment(row, allocations.get(row.id) ?? []));
}
