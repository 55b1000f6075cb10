import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';

/** One kind of record that points at an account: its table, and how many live rows do. */
export type AccountReference = { table: string; column: string; count: number };

/** The review queue names accounts to describe a proposed merge; it is not a record the account owns. */
const NOT_OWNED = new Set(['match_candidates']);

type ForeignKeyRow = { table_schema: string; table_name: string; column_name: string; has_deleted_at: boolean };

/**
 * Live rows of every table with a foreign key to accounts(id), read from pg_catalog (PGlite and
 * PostgreSQL alike), so that records later domains add (quotes, orders, invoices, payments) block
 * a delete without code here; soft-deleted rows (deleted_at set) do not count. Only tables with
 * at least one such row are returned, in table order. This reads other domains' tables, but only
 * to count them through the database's own catalogue of links: it writes nothing and knows no
 * other domain's schema.
 */
export async function findAccountReferences(ctx: Ctx, accountId: string): Promise<AccountReference[]> {
  const keys = await sql<ForeignKeyRow>`
    select n.nspname::text as table_schema, t.relname::text as table_name, a.attname::text as column_name,
      exists (select 1 from pg_attribute d where d.attrelid = c.conrelid and d.attname = 'deleted_at' and not d.attisdropped) as has_deleted_at
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'accounts'::regclass and cardinality(c.conkey) = 1
    order by 2, 3`.execute(ctx.db);
  const counted = keys.rows.filter((key) => !NOT_OWNED.has(key.table_name));
  if (counted.length === 0) return [];
  const counts = counted.map((key) => {
    const live = key.has_deleted_at ? sql` and deleted_at is null` : sql``;
    return sql`select ${key.table_name} as table_name, ${key.column_name} as column_name, count(*)::int as n
      from ${sql.table(`${key.table_schema}.${key.table_name}`)} where ${sql.ref(key.column_name)} = ${accountId}${live}`;
  });
  const result = await sql<{ table_name: string; column_name: string; n: number }>`${sql.join(counts, sql` union all `)}`.execute(ctx.db);
  return result.rows.filter((row) => row.n > 0).map((row) => ({ table: row.table_name, column: row.column_name, count: row.n }));
}
