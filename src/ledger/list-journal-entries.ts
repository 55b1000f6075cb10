import type { Ctx } from '../shared/context.ts';
import { decodeCursor, encodeCursor, type Cursor, invalidCursor } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { loadEntries } from './repo-entries.ts';
import { findEntryRows, type EntryKey } from './repo-list.ts';
import { dateTextSchema, listEntriesQuerySchema, type JournalEntry, type ListEntriesQuery } from './schema.ts';

export type JournalEntryPage = { data: JournalEntry[]; nextCursor: string | null };

/**
 * Entries with their lines, newest entry date first unless told otherwise. Keyset pagination on
 * (entry date, id): pages neither skip nor repeat entries while others are posted. Pass nextCursor
 * back with the same filters and order.
 */
export async function listJournalEntries(ctx: Ctx, query: ListEntriesQuery): Promise<JournalEntryPage> {
  const { limit, cursor, order, ...filter } = parseInput(listEntriesQuerySchema, query, 'querystring');
  const rows = await findEntryRows(ctx, filter, { direction: order, limit: limit + 1, after: toEntryKey(decodeCursor(cursor)) });
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    data: await loadEntries(ctx, pageRows),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortValue: last.entry_date, id: last.id }) : null,
  };
}

/** A cursor that is not (date, entry id) would reach SQL as a bad date: refuse it as a bad cursor. */
function toEntryKey(cursor: Cursor | null): EntryKey | null {
  if (cursor === null) return null;
  const { sortValue, id } = cursor;
  if (typeof sortValue === 'string' && dateTextSchema.safeParse(sortValue).success && id.startsWith('je_')) return { entryDate: sortValue, id };
  throw invalidCursor('The cursor is not valid; pass back nextCursor unchanged');
}
