import type { Ctx } from '../../shared/context.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { toInstantDate } from '../shared-fields.ts';
import { decodeKeyset, keysetPage } from './keyset.ts';
import { CONTACT_SORT_KEYS, findContactRows } from './repo-list.ts';
import { toContact } from './repo.ts';
import { listContactsQuerySchema, type Contact, type ListContactsQuery } from './schema.ts';

export type ContactPage = { data: Contact[]; nextCursor: string | null };

/**
 * Keyset pagination over the contacts the actor may see; the cursor is the last row's
 * (sort value, id). Pass nextCursor back with the same sort, order and filters.
 */
export async function listContacts(ctx: Ctx, query: ListContactsQuery): Promise<ContactPage> {
  const { limit, cursor, sort, order, createdFrom, createdBefore, ...filter } = parseInput(listContactsQuerySchema, query, 'querystring');
  const direction = order ?? (sort === 'name' ? 'asc' : 'desc');
  const sortKey = CONTACT_SORT_KEYS[sort];
  const after = decodeKeyset(sortKey, cursor);
  const range = {
    ...(createdFrom !== undefined ? { createdFrom: toInstantDate(createdFrom) } : {}),
    ...(createdBefore !== undefined ? { createdBefore: toInstantDate(createdBefore) } : {}),
  };
  const rows = await findContactRows(ctx, await ownerScope(ctx), { ...filter, ...range }, { sort, direction }, { limit: limit + 1, after });
  return keysetPage(rows, limit, sortKey, toContact);
}
