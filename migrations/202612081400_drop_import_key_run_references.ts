import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * import_keys.import_run_id and last_run_id name the run that made and last read a key. As
 * foreign keys they cost two lookups of import_runs per key written (a per-row trigger each: about
 * 7 µs of PostgreSQL CPU per imported row of the ~20 the engine's own statements take, and again
 * on every re-import, which moves last_run_id), to guard values only the engine writes: it records
 * the run in import_runs before the first batch and never deletes runs. The columns stay, not null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table import_keys drop constraint import_keys_import_run_id_fkey;
    alter table import_keys drop constraint import_keys_last_run_id_fkey;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table import_keys add constraint import_keys_import_run_id_fkey foreign key (import_run_id) references import_runs(id);
    alter table import_keys add constraint import_keys_last_run_id_fkey foreign key (last_run_id) references import_runs(id);
  `);
}
