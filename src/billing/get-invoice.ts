import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { notFound } from '../shared/errors.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { billingDb } from './billing-db.ts';
import { findInvoiceRow, loadInvoiceDetail, toInvoice } from './invoice-repo.ts';
import { listInvoicesQuerySchema, type InvoiceDetail, type InvoicePage, type ListInvoicesQuery } from './invoice-schema.ts';
import { parseInput } from '../shared/validation/parse-input.ts';

// Invoices are read by roles that see every account (routes.ts), so no owner scope applies here.

export async function getInvoice(ctx: Ctx, id: string): Promise<InvoiceDetail> {
  const row = await findInvoiceRow(ctx, id);
  if (!row) throw notFound('invoice', id);
  return loadInvoiceDetail(ctx, row);
}

/** Keyset pages, newest first; the cursor is the last (ULID, so creation-ordered) id. */
export async function listInvoices(ctx: Ctx, query: ListInvoicesQuery): Promise<InvoicePage> {
  const { limit, cursor, accountId, subscriptionId, status, currency, overdue } = parseInput(listInvoicesQuerySchema, query, 'querystring');
  const after = decodeCursor(cursor);
  let select = billingDb(ctx).selectFrom('invoices').selectAll();
  if (accountId !== undefined) select = select.where('account_id', '=', accountId);
  if (subscriptionId !== undefined) select = select.where('subscription_id', '=', subscriptionId);
  if (status !== undefined) select = select.where('status', '=', status);
  if (currency !== undefined) select = select.where('currency', '=', currency);
  if (overdue !== undefined) {
    // Overdue = issued with something due after its due date (due today is not late, docs/payments.md "AR aging").
    const late = sql<SqlBool>`(invoices.status = 'issued' and invoices.amount_due_minor > 0 and invoices.due_date < ${toIsoDate(ctx.clock.today())})`;
    select = select.where(overdue ? late : sql<SqlBool>`not coalesce(${late}, false)`);
  }
  if (after) select = select.where(sql<SqlBool>`invoices.id < ${after.id}`);
  const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), toInvoice);
}
