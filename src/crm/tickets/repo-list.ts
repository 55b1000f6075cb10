import type { Ctx } from '../../shared/context.ts';
import { accountScopeCondition, afterPosition, escapeLike, sortKeys, type KeysetPosition, type SortKey } from '../opportunities/index.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { ticketDb } from './repo.ts';
import type { TicketChannel, TicketPriority, TicketRow, TicketSort, TicketStatus } from './schema.ts';

export type TicketFilter = {
  q?: string;
  accountId?: string;
  contactId?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  channel?: TicketChannel;
  openedFrom?: string;
  openedBefore?: string;
};

export const TICKET_SORT_KEYS: Record<TicketSort, SortKey> = {
  subject: sortKeys.text('support_tickets.subject'),
  openedAt: sortKeys.instant('support_tickets.opened_at'),
  createdAt: sortKeys.instant('support_tickets.created_at'),
  updatedAt: sortKeys.instant('support_tickets.updated_at'),
};

export function sortValueOf(sort: TicketSort, row: TicketRow): string {
  switch (sort) {
    case 'subject': return row.subject;
    case 'openedAt': return row.opened_at.toISOString();
    case 'createdAt': return row.created_at.toISOString();
    case 'updatedAt': return row.updated_at.toISOString();
  }
}

/** One keyset page of live tickets on accounts in the scope. */
export async function findTicketRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: TicketFilter,
  order: { sort: TicketSort; direction: 'asc' | 'desc' },
  page: { limit: number; after: KeysetPosition | null },
): Promise<TicketRow[]> {
  const sortKey = TICKET_SORT_KEYS[order.sort];
  let query = ticketDb(ctx).selectFrom('support_tickets').selectAll().where('deleted_at', 'is', null).where(accountScopeCondition(scope, 'support_tickets.account_id'));
  if (filter.q !== undefined) query = query.where('subject', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.contactId !== undefined) query = query.where('contact_id', '=', filter.contactId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.priority !== undefined) query = query.where('priority', '=', filter.priority);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  if (filter.openedFrom !== undefined) query = query.where('opened_at', '>=', new Date(filter.openedFrom));
  if (filter.openedBefore !== undefined) query = query.where('opened_at', '<', new Date(filter.openedBefore));
  if (page.after) query = query.where(afterPosition(sortKey, 'support_tickets.id', page.after, order.direction));
  return query.orderBy(sortKey.key, order.direction).orderBy('support_tickets.id', order.direction).limit(page.limit).execute();
}
