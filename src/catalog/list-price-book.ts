import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { getPriceBookRow, toPriceBook } from './price-book-repo.ts';
import type { PriceBook } from './price-book-schema.ts';
import { findActivePriceRows, toPrice } from './price-repo.ts';
import { listPriceBookQuerySchema, type ListPriceBookQuery, type Price } from './price-schema.ts';

export type PriceBookListing = { priceBook: PriceBook; data: Price[]; nextCursor: string | null };

/**
 * The prices of a live book in effect at `at` (default now), one per priced live product, in
 * product id order. The book comes along so its `expired` flag is in front of the reader.
 */
export async function listPriceBook(ctx: Ctx, request: { id: string } & ListPriceBookQuery): Promise<PriceBookListing> {
  const { id, ...query } = request;
  const { limit, cursor, at } = parseInput(listPriceBookQuerySchema, query, 'querystring');
  const book = await getPriceBookRow(ctx, id);
  const instant = at === undefined ? new Date(ctx.clock.now().epochMilliseconds) : new Date(at);
  const afterProductId = decodeCursor(cursor)?.id ?? null;
  const rows = await findActivePriceRows(ctx, book.id, instant, { limit: limit + 1, afterProductId });
  const page = toPage(rows, limit, (row) => ({ sortValue: null, id: row.product_id }), toPrice);
  return { priceBook: toPriceBook(ctx, book), ...page };
}
