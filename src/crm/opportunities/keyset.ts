import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { parsePlainDate } from '../../shared/dates.ts';
import { decodeCursor, invalidCursor } from '../../shared/http/pagination.ts';

/**
 * Keyset pagination helpers shared by the opportunity and ticket lists (src/crm/README.md "Lists").
 * A sort names its ORDER BY expression and the same expression applied to a cursor value, so the
 * comparison runs through exactly the SQL that ordered the rows.
 */
export type SortValueKind = 'text' | 'instant' | 'date' | 'integer';
export type SortKey = { key: RawBuilder<unknown>; bound(value: string): RawBuilder<unknown>; kind: SortValueKind };
export type KeysetPosition = { sortValue: string; id: string };

export const sortKeys = {
  text: (column: string): SortKey => ({ key: sql`lower(${sql.ref(column)})`, bound: (v) => sql`lower(${v})`, kind: 'text' }),
  instant: (column: string): SortKey => ({ key: sql.ref(column), bound: (v) => sql`cast(${v} as timestamptz)`, kind: 'instant' }),
  date: (column: string): SortKey => ({ key: sql.ref(column), bound: (v) => sql`cast(${v} as date)`, kind: 'date' }),
  integer: (column: string): SortKey => ({ key: sql.ref(column), bound: (v) => sql`cast(${v} as bigint)`, kind: 'integer' }),
};

/** Decodes a cursor and checks its value fits the sort: a cursor from another sort must not reach SQL. */
export function decodePosition(cursor: string | undefined, kind: SortValueKind): KeysetPosition | null {
  const decoded = decodeCursor(cursor);
  if (decoded === null) return null;
  const { sortValue, id } = decoded;
  if (typeof sortValue === 'string' && fitsKind(sortValue, kind)) return { sortValue, id };
  throw invalidCursor('The cursor does not belong to this sort order; pass back nextCursor unchanged');
}

/** Rows strictly after the position in (sort key, id) order. */
export function afterPosition(sort: SortKey, idColumn: string, position: KeysetPosition, direction: 'asc' | 'desc'): RawBuilder<SqlBool> {
  const comparison = sql.raw(direction === 'asc' ? '>' : '<');
  return sql<SqlBool>`(${sort.key}, ${sql.ref(idColumn)}) ${comparison} (${sort.bound(position.sortValue)}, ${position.id})`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function fitsKind(value: string, kind: SortValueKind): boolean {
  switch (kind) {
    case 'text': return true;
    case 'integer': return /^-?\d{1,19}$/.test(value);
    case 'instant': {
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString() === value;
    }
    case 'date':
      try {
        parsePlainDate(value);
        return true;
      } catch {
        return false;
      }
  }
}
