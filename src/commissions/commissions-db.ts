import type { Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { SharedTables } from '../shared/db/tables.ts';
import type { CommissionTables } from './tables.ts';

export type CommissionsDb = Kysely<SharedTables & CommissionTables>;

/** Commissions' view of the database (users are read to check and lock assigned reps). */
export function commissionsDb(ctx: Ctx): CommissionsDb {
  return ctx.db.withTables<CommissionTables>();
}

export function nowOf(ctx: Ctx): Date {
  return new Date(ctx.clock.now().epochMilliseconds);
}
