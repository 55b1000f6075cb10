import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/** GET /audit filters by a bare entity id or by actor; both need their own index as the log grows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create index audit_log_entity_id on audit_log (entity_id, seq);
    create index audit_log_actor on audit_log (actor_id, seq);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `drop index audit_log_actor; drop index audit_log_entity_id;`);
}
