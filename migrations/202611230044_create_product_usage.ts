import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Product usage as daily counts per (account, date, feature), and seat snapshots per
 * (account, date). The natural keys are the primary keys: an upsert replaces the value for its
 * key, so sending the same data twice changes nothing. No soft delete: these are measurements,
 * corrected by sending the right value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table product_usage_daily (
      account_id text not null references accounts(id),
      usage_date date not null,
      feature_key text not null check (feature_key ~ '^[a-z0-9][a-z0-9_.:-]{0,99}$'),
      usage_count bigint not null check (usage_count >= 0),
      updated_at timestamptz not null,
      primary key (account_id, usage_date, feature_key)
    );
    create table account_seats (
      account_id text not null references accounts(id),
      as_of_date date not null,
      licensed_seats integer not null check (licensed_seats >= 0),
      active_users integer not null check (active_users >= 0),
      updated_at timestamptz not null,
      primary key (account_id, as_of_date)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table account_seats;
    drop table product_usage_daily;
  `);
}
