import type { Ctx } from '../shared/context.ts';

/**
 * A read model of payments' `account_holds` table: the columns the overdue-invoice rule reads,
 * declared here because cpq comes before payments in the dependency order and may not import it
 * (the same way overdue-invoices.ts reads billing's invoices). Read-only, the one place in cpq that
 * names the table; it follows migrations/202611230142_create_dunning.ts (open = not released).
 */
type AccountHoldReadModel = {
  id: string;
  account_id: string;
  reason: string;
  placed_date: string;
  released_at: Date | null;
};

export type CollectionsHold = { id: string; reason: string; placedDate: string };

/** The account's open collections hold (dunning's hold stage or placed by hand), the oldest if several. */
export async function findOpenCollectionsHold(ctx: Ctx, accountId: string): Promise<CollectionsHold | null> {
  const row = await ctx.db
    .withTables<{ account_holds: AccountHoldReadModel }>()
    .selectFrom('account_holds')
    .select(['id', 'reason', 'placed_date'])
    .where('account_id', '=', accountId)
    .where('released_at', 'is', null)
    .orderBy('placed_date')
    .orderBy('id')
    .executeTakeFirst();
  return row ? { id: row.id, reason: row.reason, placedDate: row.placed_date } : null;
}
