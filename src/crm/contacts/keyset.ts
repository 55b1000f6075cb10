import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { decodeCursor, toPage, invalidCursor } from '../../shared/http/pagination.ts';

/**
 * Keyset pagination shared by the CRM lists, after accounts' repo-list.ts: the ORDER BY key, the
 * same SQL applied to a cursor value (so the comparison runs through exactly the expression that
 * ordered the rows, lower() and collation included), the value a row contributes to the cursor,
 * and which cursor values the sort can have produced.
 */
export type SortKey<Row> = {
  key: RawBuilder<unknown>;
  bound(value: string): RawBuilder<unknown>;
  valueOf(row: Row): string;
  accepts(value: string): boolean;
};
export type Direction = 'asc' | 'desc';
export type KeysetAfter = { sortValue: string; id: string };

/** Case-insensitive text order on an SQL text expression. */
export function lowerTextSort<Row>(expression: RawBuilder<unknown>, valueOf: (row: Row) => string): SortKey<Row> {
  return { key: sql`lower(${expression})`, bound: (value) => sql`lower(${value})`, valueOf, accepts: () => true };
}

/** Order on a timestamptz column; timestamps are whole milliseconds, so ISO text round-trips. */
export function instantSort<Row>(column: string, valueOf: (row: Row) => Date): SortKey<Row> {
  return {
    key: sql`${sql.ref(column)}`,
    bound: (value) => sql`cast(${value} as timestamptz)`,
    valueOf: (row) => valueOf(row).toISOString(),
    accepts: isIsoInstant,
  };
}

/** Rows strictly after the cursor row in (sort key, id) order. */
export function keysetCondition<Row>(sort: SortKey<Row>, idColumn: string, direction: Direction, after: KeysetAfter): RawBuilder<SqlBool> {
  const comparison = sql.raw(direction === 'asc' ? '>' : '<');
  return sql<SqlBool>`(${sort.key}, ${sql.ref(idColumn)}) ${comparison} (${sort.bound(after.sortValue)}, ${after.id})`;
}

/** A cursor from another sort would reach SQL as a bad timestamp: reject it as a bad cursor instead. */
export function decodeKeyset<Row>(sort: SortKey<Row>, text: string | undefined): KeysetAfter | null {
  const cursor = decodeCursor(text);
  if (cursor === null) return null;
  const { sortValue, id } = cursor;
  if (typeof sortValue === 'string' && sort.accepts(sortValue)) return { sortValue, id };
  throw invalidCursor('The cursor does not belong to this sort order; pass back nextCursor unchanged');
}

/** Builds the page from `limit + 1` rows; the cursor is the last row's (sort value, id). */
export function keysetPage<Row extends { id: string }, Item>(rows: Row[], limit: number, sort: SortKey<Row>, toItem: (row: Row) => Item) {
  return toPage(rows, limit, (row) => ({ sortValue: sort.valueOf(row), id: row.id }), toItem);
}

/** Exactly what Date#toISOString writes, and a real instant. */
export function isIsoInstant(text: string): boolean {
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text;
}

/** `%q%` for ILIKE with the wildcards in q taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
