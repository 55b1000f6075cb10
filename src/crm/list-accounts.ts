import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage, type Cursor, invalidCursor } from '../shared/http/pagination.ts';
import { getAccount } from './get-account.ts';
import { ownerScope } from './owner-scope.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findAccountRows, sortValueOf, type AccountKey } from './repo-list.ts';
import { toAccount } from './repo.ts';
import { listAccountsQuerySchema, type Account, type AccountSort, type ListAccountsQuery } from './schema.ts';

export type AccountPage = { data: Account[]; nextCursor: string | null };

/**
 * Keyset pagination over the accounts the actor may see. The cursor is the last row's
 * (sort value, id), so pages neither skip nor repeat rows when sort values tie or rows are added.
 * Pass nextCursor back with the same sort, order and filters.
 */
export async function listAccounts(ctx: Ctx, query: ListAccountsQuery): Promise<AccountPage> {
  const { limit, cursor, sort, order, ...filter } = parseInput(listAccountsQuerySchema, query, 'querystring');
  const direction = order ?? (sort === 'name' ? 'asc' : 'desc');
  const after = toAccountKey(sort, decodeCursor(cursor));
  const rows = await findAccountRows(ctx, await ownerScope(ctx), filter, { sort, direction }, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: sortValueOf(sort, row), id: row.id }), toAccount);
}

/** The direct children of an account the actor can see (404 otherwise), themselves scoped. */
export async function listChildAccounts(ctx: Ctx, request: { id: string } & Omit<ListAccountsQuery, 'parentAccountId'>): Promise<AccountPage> {
  const { id, ...query } = request;
  await getAccount(ctx, id);
  return listAccounts(ctx, { ...query, parentAccountId: id });
}

/** A cursor from another sort would reach SQL as a bad timestamp: reject it as a bad cursor instead. */
function toAccountKey(sort: AccountSort, cursor: Cursor | null): AccountKey | null {
  if (cursor === null) return null;
  const { sortValue, id } = cursor;
  if (typeof sortValue === 'string' && (sort === 'name' || isIsoInstant(sortValue))) return { sortValue, id };
  throw invalidCursor('The cursor does not belong to this sort order; pass back nextCursor unchanged');
}

/** Exactly what Date#toISOString writes (the form sortValueOf uses), and a real instant. */
function isIsoInstant(text: string): boolean {
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text;
}
