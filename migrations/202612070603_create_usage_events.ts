import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Raw metered events (docs/billing.md "Usage events"): one row per event id, written once — a
 * re-sent event is a duplicate, never a second row, so ingest is idempotent by event id. The
 * feature key is the usage item's key it meters; occurred_on is the UTC calendar day of
 * occurred_at, the day the event counts in for billing periods. Immutable measurements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table usage_events (
      event_id text primary key check (length(event_id) between 1 and 200),
      account_id text not null references accounts(id),
      feature_key text not null check (feature_key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'),
      occurred_at timestamptz not null,
      occurred_on date not null,
      value bigint not null check (value >= 0 and value < 1000000000000000),
      unique_key text check (length(unique_key) between 1 and 200),
      created_at timestamptz not null
    );
    create index usage_events_account_feature_day on usage_events (account_id, feature_key, occurred_on);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table usage_events;
  `);
}
