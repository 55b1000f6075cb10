import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import type { UsageGranularity, UsageTables } from './schema.ts';

/** The only module that touches `product_usage_daily` and `account_seats`. */
export function usageDb(ctx: Ctx): Kysely<SharedTables & UsageTables> {
  return ctx.db.withTables<UsageTables>();
}

export type UsageKeyedRow = { account_id: string; usage_date: string; feature_key: string; usage_count: bigint };
const CHUNK = 1000;

/**
 * The stored counts for exactly these keys (absent keys are simply missing), row-locked. The keys
 * travel as three arrays joined through unnest: a row-value IN list of a few hundred tuples made
 * PGlite abort (its WASM stack overflowed planning the expression), and arrays keep the statement
 * the same size whatever the batch.
 */
export async function findUsageRows(ctx: Ctx, keys: readonly Omit<UsageKeyedRow, 'usage_count'>[]): Promise<UsageKeyedRow[]> {
  const found: UsageKeyedRow[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const result = await sql<UsageKeyedRow>`
      select p.account_id, p.usage_date, p.feature_key, p.usage_count
      from product_usage_daily p
      join unnest(${chunk.map((k) => k.account_id)}::text[], ${chunk.map((k) => k.usage_date)}::date[], ${chunk.map((k) => k.feature_key)}::text[])
        as k(account_id, usage_date, feature_key)
        on p.account_id = k.account_id and p.usage_date = k.usage_date and p.feature_key = k.feature_key
      for update of p`.execute(usageDb(ctx));
    found.push(...result.rows);
  }
  return found;
}

/**
 * Writes the given values (insert or replace per key) and one audit entry per account listing the
 * changed keys before and after. Callers pass only rows whose value differs from the stored one.
 */
export async function writeUsageRows(tx: TxCtx, rows: readonly UsageKeyedRow[], previous: ReadonlyMap<string, bigint>, keyOf: (row: UsageKeyedRow) => string): Promise<void> {
  const updatedAt = new Date(tx.clock.now().epochMilliseconds);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await usageDb(tx)
      .insertInto('product_usage_daily')
      .values(rows.slice(i, i + CHUNK).map((row) => ({ ...row, updated_at: updatedAt })))
      .onConflict((oc) => oc.columns(['account_id', 'usage_date', 'feature_key']).doUpdateSet((eb) => ({
        usage_count: eb.ref('excluded.usage_count'),
        updated_at: eb.ref('excluded.updated_at'),
      })))
      .execute();
  }
  for (const accountId of new Set(rows.map((row) => row.account_id))) {
    const mine = rows.filter((row) => row.account_id === accountId);
    const before = mine.map((row) => ({ usage_date: row.usage_date, feature_key: row.feature_key, usage_count: previous.get(keyOf(row)) ?? null }));
    const after = mine.map((row) => ({ usage_date: row.usage_date, feature_key: row.feature_key, usage_count: row.usage_count }));
    await recordAudit(tx, { action: 'upsert_usage', entityType: 'account', entityId: accountId, before, after });
  }
}

// Calendar buckets by date arithmetic only (a date never passes through a time zone): ISO weeks start on Monday.
const BUCKETS: Record<UsageGranularity, ReturnType<typeof sql<string>>> = {
  day: sql<string>`usage_date`,
  week: sql<string>`usage_date - (cast(extract(isodow from usage_date) as integer) - 1)`,
  month: sql<string>`usage_date - (cast(extract(day from usage_date) as integer) - 1)`,
};

export type UsageBucketRow = { period_start_date: string; feature_key: string; usage_count: string };

/** Sums per (bucket, feature) over days in [startDate, endDate); sum(bigint) is numeric, read as exact text. */
export async function sumUsage(
  ctx: Ctx,
  query: { accountId: string; startDate: string; endDate: string; featureKey?: string | undefined; granularity: UsageGranularity },
): Promise<UsageBucketRow[]> {
  const bucket = BUCKETS[query.granularity];
  let select = usageDb(ctx)
    .selectFrom('product_usage_daily')
    .select([bucket.as('period_start_date'), 'feature_key', sql<string>`sum(usage_count)`.as('usage_count')])
    .where('account_id', '=', query.accountId)
    .where('usage_date', '>=', query.startDate)
    .where('usage_date', '<', query.endDate);
  if (query.featureKey !== undefined) select = select.where('feature_key', '=', query.featureKey);
  const rows = await select.groupBy([bucket, 'feature_key']).orderBy(bucket).orderBy('feature_key').execute();
  return rows.map((row) => ({ ...row, usage_count: String(row.usage_count) }));
}
