import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import type { OwnerScope } from '../owner-scope.ts';
import { containsPattern, instantSort, keysetCondition, lowerTextSort, type Direction, type KeysetAfter, type SortKey } from './keyset.ts';
import { contactsDb, contactVisible } from './repo.ts';
import type { ContactRow, ContactSort } from './schema.ts';

// The list query, split from repo.ts for length.

export type ContactFilter = {
  q?: string; ownerUserId?: string; accountId?: string; email?: string; mailingCountry?: string; createdFrom?: Date; createdBefore?: Date;
};

/** name: last name then first name, the expression the contacts_name index is built on. */
export const CONTACT_SORT_KEYS: Record<ContactSort, SortKey<ContactRow>> = {
  name: lowerTextSort(
    sql`coalesce(contacts.last_name, '') || ' ' || coalesce(contacts.first_name, '')`,
    (row) => `${row.last_name ?? ''} ${row.first_name ?? ''}`,
  ),
  createdAt: instantSort('contacts.created_at', (row) => row.created_at),
  updatedAt: instantSort('contacts.updated_at', (row) => row.updated_at),
};

/** One keyset page: rows strictly after `after` in (sort key, id) order. */
export async function findContactRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: ContactFilter,
  order: { sort: ContactSort; direction: Direction },
  page: { limit: number; after: KeysetAfter | null },
): Promise<ContactRow[]> {
  const sortKey = CONTACT_SORT_KEYS[order.sort];
  let query = contactsDb(ctx).selectFrom('contacts').selectAll().where('deleted_at', 'is', null).where(contactVisible(scope));
  if (filter.q !== undefined) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('first_name', 'ilike', pattern),
        eb('last_name', 'ilike', pattern),
        eb('email', 'ilike', pattern),
        eb(sql<string>`coalesce(contacts.first_name, '') || ' ' || coalesce(contacts.last_name, '')`, 'ilike', pattern),
      ]),
    );
  }
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  if (filter.email !== undefined) query = query.where('email', '=', filter.email);
  if (filter.mailingCountry !== undefined) query = query.where('mailing_country', '=', filter.mailingCountry);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  if (page.after) query = query.where(keysetCondition(sortKey, 'contacts.id', order.direction, page.after));
  return query.orderBy(sortKey.key, order.direction).orderBy('contacts.id', order.direction).limit(page.limit).execute();
}
