import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { notFound } from '../shared/errors.ts';
import { isPlainDateText } from '../shared/validation/field-schemas.ts';
import { decodeCursor, toPage, type Cursor, invalidCursor } from '../shared/http/pagination.ts';
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

/**
 * The document date an invoice is listed by: its issue date, a draft's billing date, else the day it
 * was created (UTC). Then its number (gapless per series and year, so the order of issue within a day;
 * '' for a draft) and its id, all newest first. Ids alone (ULIDs of the clock) put the invoices of one
 * billing run in random order.
 */
const documentDate = sql<string>`coalesce(invoices.issue_date, invoices.billing_date, (invoices.created_at at time zone 'UTC')::date)`;
const numberKey = sql<string>`coalesce(invoices.number, '')`;

/** Keyset pages by (document date, number, id), newest first; the cursor carries the three. */
export async function listInvoices(ctx: Ctx, query: ListInvoicesQuery): Promise<InvoicePage> {
  const { limit, cursor, accountId, subscriptionId, status, currency, overdue, issueDateFrom, issueDateBefore, search } = parseInput(listInvoicesQuerySchema, query, 'querystring');
  const after = listCursor(decodeCursor(cursor));
  let select = billingDb(ctx).selectFrom('invoices').selectAll('invoices').select(sql<string>`${documentDate}::text`.as('list_date'));
  if (accountId !== undefined) select = select.where('account_id', '=', accountId);
  if (subscriptionId !== undefined) select = select.where('subscription_id', '=', subscriptionId);
  if (status !== undefined) select = select.where('status', '=', status);
  if (currency !== undefined) select = select.where('currency', '=', currency);
  if (overdue !== undefined) {
    // Overdue = issued with something due after its due date (due today is not late, docs/payments.md "AR aging").
    const late = sql<SqlBool>`(invoices.status = 'issued' and invoices.amount_due_minor > 0 and invoices.due_date < ${toIsoDate(ctx.clock.today())})`;
    select = select.where(overdue ? late : sql<SqlBool>`not coalesce(${late}, false)`);
  }
  if (issueDateFrom !== undefined) select = select.where('issue_date', '>=', issueDateFrom);
  if (issueDateBefore !== undefined) select = select.where('issue_date', '<', issueDateBefore);
  if (search !== undefined) {
    const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    // The name printed on the invoice (kept at issue) or the account's name now: either finds it.
    select = select.where(sql<SqlBool>`(invoices.number ilike ${pattern} or invoices.customer_name ilike ${pattern}
      or exists (select 1 from accounts a where a.id = invoices.account_id and a.name ilike ${pattern}))`);
  }
  if (after) select = select.where(sql<SqlBool>`(${documentDate}, ${numberKey}, invoices.id) < (${after.date}::date, ${after.number}, ${after.id})`);
  const rows = await select.orderBy(documentDate, 'desc').orderBy(numberKey, 'desc').orderBy('invoices.id', 'desc').limit(limit + 1).execute();
  return toPage(rows, limit, (row) => ({ sortValue: `${row.list_date}|${row.number ?? ''}`, id: row.id }), toInvoice);
}

/** The cursor's sort value is "date|number" (a number holds no "|"; decodeCursor checked the shape). */
function listCursor(cursor: Cursor | null): { date: string; number: string; id: string } | null {
  if (cursor === null) return null;
  const text = typeof cursor.sortValue === 'string' ? cursor.sortValue : '';
  const bar = text.indexOf('|');
  const date = text.slice(0, bar);
  if (bar !== 10 || !isPlainDateText(date)) {
    throw invalidCursor();
  }
  return { date, number: text.slice(bar + 1), id: cursor.id };
}
