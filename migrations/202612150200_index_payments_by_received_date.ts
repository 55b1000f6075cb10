import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * GET /api/v1/payments pages payments by the day they were received (the UTC day of received_at), then
 * id, newest first (keyset), as finance reads them ("what came in last week"): this index serves that
 * order and the received-date range without sorting every payment for each page. The expression is the
 * one src/payments/list-payments.ts orders by, character for character, so the planner matches it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `create index payments_received_date on payments (((received_at at time zone 'UTC')::date), id);`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `drop index payments_received_date;`);
}
