import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';

/** A single-column foreign key to a merged table's id, and what is needed to move and identify its rows. */
export type ForeignKey = {
  schema: string;
  table: string;
  column: string;
  nullable: boolean;
  /** Primary-key columns: how a moved row is found again on unmerge. */
  keyColumns: string[];
  /** Optimistic-concurrency columns, bumped on a move so open editors see the change (STYLE.md "Writes"). */
  hasVersion: boolean;
  hasUpdatedAt: boolean;
};

/** The review queue points at accounts to describe a proposal, not as a link an account owns: never moved. */
const NOT_LINKS = new Set(['match_candidates']);

type CatalogRow = {
  table_schema: string;
  table_name: string;
  column_name: string;
  not_null: boolean;
  key_columns: string[] | null;
  has_version: boolean;
  has_updated_at: boolean;
};

/**
 * Every column referencing `table`(id), read from pg_catalog (PGlite and PostgreSQL alike), so a
 * table another domain adds later is moved by a merge without code here. Composite foreign keys
 * are not moved; none reference accounts or contacts.
 */
export async function findForeignKeys(ctx: Ctx, table: 'accounts' | 'contacts'): Promise<ForeignKey[]> {
  const result = await sql<CatalogRow>`
    select n.nspname::text as table_schema, t.relname::text as table_name, a.attname::text as column_name,
      a.attnotnull as not_null,
      (select json_agg(pa.attname::text order by pa.attnum)
         from pg_constraint pk join pg_attribute pa on pa.attrelid = pk.conrelid and pa.attnum = any(pk.conkey)
        where pk.conrelid = c.conrelid and pk.contype = 'p') as key_columns,
      exists (select 1 from pg_attribute v where v.attrelid = c.conrelid and v.attname = 'version' and not v.attisdropped) as has_version,
      exists (select 1 from pg_attribute u where u.attrelid = c.conrelid and u.attname = 'updated_at' and not u.attisdropped) as has_updated_at
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = ${table}::regclass and cardinality(c.conkey) = 1
    order by 1, 2, 3`.execute(ctx.db);
  return result.rows.filter((row) => !NOT_LINKS.has(row.table_name)).map(toForeignKey);
}

function toForeignKey(row: CatalogRow): ForeignKey {
  // A row without a primary key could not be found again to undo its move: such a table is a bug to fix there.
  assert(row.key_columns !== null && row.key_columns.length > 0, `${row.table_name}.${row.column_name} is a link to merge but its table has no primary key`);
  return {
    schema: row.table_schema,
    table: row.table_name,
    column: row.column_name,
    nullable: !row.not_null,
    keyColumns: row.key_columns,
    hasVersion: row.has_version,
    hasUpdatedAt: row.has_updated_at,
  };
}
