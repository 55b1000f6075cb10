import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The metrics engine's MRR store saved as bytes (src/metrics/mrr-store-snapshot.ts), so that a
 * restart loads it instead of rebuilding it from every item version (docs/metrics.md "How it is
 * computed"). A cache, not a record: derived entirely from subscriptions, items, pauses and
 * accounts, stamped with the data version and span rules it was built from, used only when both
 * still match, and safe to delete at any time. In the database (not a file) so that it is as
 * durable, and as shared between processes, as the data it is derived from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table mrr_store_snapshots (
      key text primary key check (key = 'current'),
      data_version text not null,
      rules_stamp text not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      payload bytea not null,
      built_at timestamptz not null
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table mrr_store_snapshots;
  `);
}
