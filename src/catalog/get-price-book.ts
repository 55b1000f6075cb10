import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage, invalidCursor } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findPriceBookRow, findPriceBookRows, getPriceBookRow, toPriceBook } from './price-book-repo.ts';
import { listPriceBooksQuerySchema, type ListPriceBooksQuery, type PriceBook } from './price-book-schema.ts';

export async function getPriceBook(ctx: Ctx, id: string): Promise<PriceBook> {
  return toPriceBook(ctx, await getPriceBookRow(ctx, id));
}

export async function findPriceBook(ctx: Ctx, id: string): Promise<PriceBook | null> {
  const row = await findPriceBookRow(ctx, id);
  return row ? toPriceBook(ctx, row) : null;
}

export type PriceBookPage = { data: PriceBook[]; nextCursor: string | null };

/** Keyset pages of live price books by name; expired books are listed, flagged `expired`. */
export async function listPriceBooks(ctx: Ctx, query: ListPriceBooksQuery): Promise<PriceBookPage> {
  const { limit, cursor, ...filter } = parseInput(listPriceBooksQuerySchema, query, 'querystring');
  const decoded = decodeCursor(cursor);
  if (decoded !== null && typeof decoded.sortValue !== 'string') {
    throw invalidCursor('The cursor is not valid for price books');
  }
  const after = decoded === null ? null : { name: decoded.sortValue as string, id: decoded.id };
  const rows = await findPriceBookRows(ctx, filter, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: row.name, id: row.id }), (row) => toPriceBook(ctx, row));
}
