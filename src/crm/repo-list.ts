import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { ownerCondition, type OwnerScope } from './owner-scope.ts';
import { crmDb } from './repo.ts';
import type { AccountRow, AccountSort } from './schema.ts';

// The list query, split from repo.ts for length: together they are the only code reading `accounts`.

export type AccountFilter = { q?: string; ownerUserId?: string; segment?: string; country?: string; parentAccountId?: string };
export type AccountOrder = { sort: AccountSort; direction: 'asc' | 'desc' };
/** The last row of the previous page: its sort value (as sortValueOf gives it) and id. */
export type AccountKey = { sortValue: string; id: string };

// Each sort: the ORDER BY key and the same expression applied to a cursor value, so that the
// keyset comparison runs through exactly the SQL that ordered the rows (lower() and collation
// included; JavaScript's toLowerCase would disagree on some letters).
const SORT_KEYS: Record<AccountSort, { key: RawBuilder<unknown>; bound(value: string): RawBuilder<unknown> }> = {
  name: { key: sql`lower(accounts.name)`, bound: (value) => sql`lower(${value})` },
  createdAt: { key: sql`accounts.created_at`, bound: (value) => sql`cast(${value} as timestamptz)` },
  updatedAt: { key: sql`accounts.updated_at`, bound: (value) => sql`cast(${value} as timestamptz)` },
};

/** Timestamps are written from the clock in whole milliseconds, so ISO text round-trips them exactly. */
export function sortValueOf(sort: AccountSort, row: AccountRow): string {
  if (sort === 'name') return row.name;
  return (sort === 'createdAt' ? row.created_at : row.updated_at).toISOString();
}

/** One keyset page: rows strictly after `after` in (sort key, id) order, ties broken by id. */
export async function findAccountRows(
  ctx: Ctx,
  scope: OwnerScope,
  filter: AccountFilter,
  order: AccountOrder,
  page: { limit: number; after: AccountKey | null },
): Promise<AccountRow[]> {
  const { key, bound } = SORT_KEYS[order.sort];
  let query = crmDb(ctx)
    .selectFrom('accounts')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where(ownerCondition(scope, 'accounts.owner_user_id'));
  if (filter.q !== undefined) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('domain', 'ilike', pattern)]));
  }
  if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.segment !== undefined) query = query.where('segment', '=', filter.segment);
  if (filter.country !== undefined) query = query.where('country', '=', filter.country);
  if (filter.parentAccountId !== undefined) query = query.where('parent_account_id', '=', filter.parentAccountId);
  if (page.after) {
    const comparison = sql.raw(order.direction === 'asc' ? '>' : '<');
    query = query.where(sql<SqlBool>`(${key}, accounts.id) ${comparison} (${bound(page.after.sortValue)}, ${page.after.id})`);
  }
  return query.orderBy(key, order.direction).orderBy('accounts.id', order.direction).limit(page.limit).execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
