import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Batches look their keys up by `external_id = any(…)`. While a large import fills import_keys
 * (or import_contributions) the table's statistics lag, and an index starting with
 * (source_system, entity) or (entity, record_id) then looks selective: the planner reads every key
 * of the entity and filters, once per batch, so a 1M-row import slowed from 25k to 5k rows/s as
 * the table grew. With external_id leading the primary key and record_id alone in the second
 * index, the only usable index condition is the per-id one, whatever the statistics say.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table import_keys drop constraint import_keys_pkey;
    alter table import_keys add constraint import_keys_pkey primary key (external_id, entity, source_system);
    drop index import_keys_record;
    create index import_keys_record on import_keys (record_id);
    alter table import_contributions drop constraint import_contributions_pkey;
    alter table import_contributions add constraint import_contributions_pkey primary key (external_id, entity, source_system);
    drop index import_contributions_record;
    create index import_contributions_record on import_contributions (record_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop index import_contributions_record;
    create index import_contributions_record on import_contributions (entity, record_id);
    alter table import_contributions drop constraint import_contributions_pkey;
    alter table import_contributions add constraint import_contributions_pkey primary key (source_system, entity, external_id);
    drop index import_keys_record;
    create index import_keys_record on import_keys (entity, record_id);
    alter table import_keys drop constraint import_keys_pkey;
    alter table import_keys add constraint import_keys_pkey primary key (source_system, entity, external_id);
  `);
}
