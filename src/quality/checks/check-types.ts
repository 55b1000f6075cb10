import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../../shared/context.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One data-quality check: the ids of every record it finds, sorted. `today` is the UTC calendar
 * date (clock.today()): "past" close dates are past in UTC.
 */
export type QualityCheck = {
  check: string;
  severity: Severity;
  description: string;
  findIds(ctx: Ctx, today: string): Promise<string[]>;
};

/** Sorted here, not by SQL: PostgreSQL's collation and PGlite's C collation may order text differently. */
export async function selectIds(ctx: Ctx, query: RawBuilder<{ id: string }>): Promise<string[]> {
  const result = await query.execute(ctx.db);
  return sortedIds(result.rows.map((row) => row.id));
}

export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * An account that is gone: deleted, and not merged into another (a merged account's id still
 * resolves to its survivor, so rows kept on it, like issued invoices, have a customer).
 */
export function accountGone(alias: string): RawBuilder<SqlBool> {
  const account = sql.ref(alias);
  return sql<SqlBool>`${account}.deleted_at is not null and not exists (
    select 1 from record_merges m where m.entity_type = 'account' and m.status = 'merged' and m.merged_id = ${account}.id)`;
}
