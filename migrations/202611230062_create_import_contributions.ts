import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * What each imported source row adds to a Revline total. Product usage is stored as one count per
 * (account, day, feature), but exports list usage events, several of which can fall on the same
 * day and feature. Keeping each event's contribution makes the stored count the sum of its events
 * whatever order they arrive in, and re-importing an event leaves the sum as it was.
 * record_id is the total the row adds to (for usage "<accountId>|<day>|<feature>").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table import_contributions (
      source_system text not null check (length(source_system) between 1 and 50),
      entity text not null check (entity ~ '^[a-z][a-z_]{0,49}$'),
      external_id text not null check (length(external_id) between 1 and 200),
      record_id text not null,
      amount bigint not null check (amount >= 0),
      primary key (source_system, entity, external_id)
    );
    create index import_contributions_record on import_contributions (entity, record_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table import_contributions;
  `);
}
