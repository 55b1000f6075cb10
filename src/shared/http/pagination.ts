import { z } from 'zod';
import { AppError } from '../errors.ts';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Keyset cursor: the last row's sort value and id, opaque to clients. */
export type Cursor = { sortValue: string | number | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortValue, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | null {
  if (text === undefined || text === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string') {
      const sortValue: unknown = value[0];
      if (sortValue === null || typeof sortValue === 'string' || typeof sortValue === 'number') {
        return { sortValue, id: value[1] };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/**
 * A cursor that is not one of this list's (a hand-edited link, another list's or another order's
 * cursor): a 400 on querystring.cursor. `detail` says which list or order, when the list knows it.
 */
export function invalidCursor(detail = 'The cursor is not valid; pass back nextCursor from a previous page unchanged'): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field: 'querystring.cursor', message: 'invalid cursor' }] });
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Takes `limit + 1` fetched rows and builds the page and its next cursor. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  toItem: (row: Row) => Item,
): { data: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toItem),
    nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
