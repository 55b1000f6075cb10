import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { toOrder, toOrderSummary } from './order-json.ts';
import { findBookingRow, findOrderLineRows, findOrderRowByQuote, findOrderRows, getOrderRow } from './repo.ts';
import { listOrdersQuerySchema, type ListOrdersQuery, type Order, type OrderSummary } from './schema.ts';
import type { OrderRow } from './tables.ts';

/** An order the actor may see (reps and managers: their team's, by the order's owner); 404 otherwise. */
export async function getOrder(ctx: Ctx, id: string): Promise<Order> {
  return withDetails(ctx, await getOrderRow(ctx, await ownerScope(ctx), id));
}

/** The order placed from a quote, if any (for the links view). */
export async function findOrderByQuote(ctx: Ctx, quoteId: string): Promise<Order | null> {
  const row = await findOrderRowByQuote(ctx, quoteId);
  return row ? withDetails(ctx, row) : null;
}

/** The order placed from a quote, without its lines and booking (one read), if any. */
export async function findOrderSummaryByQuote(ctx: Ctx, quoteId: string): Promise<OrderSummary | null> {
  const row = await findOrderRowByQuote(ctx, quoteId);
  return row ? toOrderSummary(row) : null;
}

async function withDetails(ctx: Ctx, row: OrderRow): Promise<Order> {
  return toOrder(row, await findOrderLineRows(ctx, row.id), await findBookingRow(ctx, row.id));
}

export type OrderPage = { data: OrderSummary[]; nextCursor: string | null };

/** Keyset pages of the orders the actor may see, oldest first, without lines. */
export async function listOrders(ctx: Ctx, query: ListOrdersQuery): Promise<OrderPage> {
  const { limit, cursor, ...filter } = parseInput(listOrdersQuerySchema, query, 'querystring');
  const rows = await findOrderRows(ctx, await ownerScope(ctx), filter, { limit: limit + 1, afterId: decodeCursor(cursor)?.id ?? null });
  return toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), toOrderSummary);
}
