import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/** A replayed response carries the original ETag and Location too. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table idempotency_keys add column response_headers jsonb;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table idempotency_keys drop column response_headers;`);
}
