import type { Ctx } from '../../shared/context.ts';
import { toPage } from '../../shared/http/pagination.ts';
import { decodePosition } from '../opportunities/index.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { findTicketRows, sortValueOf, TICKET_SORT_KEYS } from './repo-list.ts';
import { toTicket } from './repo.ts';
import { listTicketsQuerySchema, type ListTicketsQuery, type Ticket } from './schema.ts';

export type TicketPage = { data: Ticket[]; nextCursor: string | null };

/** Keyset pages of tickets on accounts the actor may see; pass nextCursor back with the same query. */
export async function listTickets(ctx: Ctx, query: ListTicketsQuery = {}): Promise<TicketPage> {
  const { limit, cursor, sort, order, ...rawFilter } = parseInput(listTicketsQuerySchema, query, 'querystring');
  const filter = Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined));
  const direction = order ?? (sort === 'subject' ? 'asc' : 'desc');
  const after = decodePosition(cursor, TICKET_SORT_KEYS[sort].kind);
  const rows = await findTicketRows(ctx, await ownerScope(ctx), filter, { sort, direction }, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: sortValueOf(sort, row), id: row.id }), toTicket);
}
