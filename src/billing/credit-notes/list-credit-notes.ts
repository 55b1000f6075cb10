import type { Ctx } from '../../shared/context.ts';
import { decodeCursor, toPage, type Cursor, invalidCursor } from '../../shared/http/pagination.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { isPlainDateText } from '../fields.ts';
import { findCreditNoteRows, toCreditNoteSummary, type CreditNoteKey } from './credit-note-rows.ts';
import { listCreditNotesQuerySchema, type CreditNotePage, type ListCreditNotesQuery } from './list-schema.ts';

// Credit notes are read by the roles that read invoices, which see every account (routes.ts), so no owner scope applies.

/**
 * Keyset pages by issue date, then number (newest first unless order=asc); the cursor is the last
 * row's (issue date, number). Pass nextCursor back with the same filters and order.
 */
export async function listCreditNotes(ctx: Ctx, query: ListCreditNotesQuery): Promise<CreditNotePage> {
  const { limit, cursor, order, ...filter } = parseInput(listCreditNotesQuerySchema, query, 'querystring');
  const after = toCreditNoteKey(decodeCursor(cursor));
  const rows = await findCreditNoteRows(ctx, filter, { order, limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: row.issue_date, id: row.number }), toCreditNoteSummary);
}

/** A cursor of another list would reach SQL as a bad date: reject it as a bad cursor instead. */
function toCreditNoteKey(cursor: Cursor | null): CreditNoteKey | null {
  if (cursor === null) return null;
  if (typeof cursor.sortValue === 'string' && isPlainDateText(cursor.sortValue)) return { issueDate: cursor.sortValue, number: cursor.id };
  throw invalidCursor('The cursor does not belong to the credit note list; pass back nextCursor unchanged');
}
