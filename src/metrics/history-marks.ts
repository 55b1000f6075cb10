import { sql } from 'kysely';
import { assert } from '../shared/errors.ts';
import type { HistoryMarks } from './mrr-store.ts';
import type { MetricsDb } from './read-model.ts';

/**
 * The highest history ids of subscriptions and accounts (migrations/202612060800_create_row_history.ts:
 * a row per UPDATE or DELETE) in the caller's snapshot: a store stamped with them finds what changed
 * since from the rows above them (patch-mrr-store.ts), without listing every version. Two index reads.
 */
export async function readHistoryMarks(db: MetricsDb): Promise<HistoryMarks> {
  const { rows } = await sql<{ subscriptions: string; accounts: string }>`
    select (select coalesce(max(history_id), 0) from subscriptions_history)::text as subscriptions,
      (select coalesce(max(history_id), 0) from accounts_history)::text as accounts`.execute(db);
  const row = rows[0];
  assert(row, 'the history-marks query returned no row');
  return { subscriptions: BigInt(row.subscriptions), accounts: BigInt(row.accounts) };
}
