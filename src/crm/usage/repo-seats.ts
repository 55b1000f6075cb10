import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { usageDb } from './repo.ts';

// With repo.ts, the only code touching `account_seats`.

export type SeatRow = { account_id: string; as_of_date: string; licensed_seats: number; active_users: number };

export async function findSeatRows(ctx: Ctx, accountId: string, range: { startDate?: string | undefined; endDate?: string | undefined }, lock?: 'update'): Promise<SeatRow[]> {
  let query = usageDb(ctx)
    .selectFrom('account_seats')
    .select(['account_id', 'as_of_date', 'licensed_seats', 'active_users'])
    .where('account_id', '=', accountId);
  if (range.startDate !== undefined) query = query.where('as_of_date', '>=', range.startDate);
  if (range.endDate !== undefined) query = query.where('as_of_date', '<', range.endDate);
  query = query.orderBy('as_of_date');
  return lock === 'update' ? query.forUpdate().execute() : query.execute();
}

/** The latest snapshot on or before `onOrBefore`. */
export async function findLatestSeatRow(ctx: Ctx, accountId: string, onOrBefore: string): Promise<SeatRow | undefined> {
  return usageDb(ctx)
    .selectFrom('account_seats')
    .select(['account_id', 'as_of_date', 'licensed_seats', 'active_users'])
    .where('account_id', '=', accountId)
    .where('as_of_date', '<=', onOrBefore)
    .orderBy('as_of_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Insert or replace per (account, date); one audit entry with the changed snapshots before and after. */
export async function writeSeatRows(tx: TxCtx, accountId: string, rows: readonly SeatRow[], before: readonly SeatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const updatedAt = new Date(tx.clock.now().epochMilliseconds);
  await usageDb(tx)
    .insertInto('account_seats')
    .values(rows.map((row) => ({ ...row, updated_at: updatedAt })))
    .onConflict((oc) => oc.columns(['account_id', 'as_of_date']).doUpdateSet((eb) => ({
      licensed_seats: eb.ref('excluded.licensed_seats'),
      active_users: eb.ref('excluded.active_users'),
      updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
  await recordAudit(tx, { action: 'upsert_seats', entityType: 'account', entityId: accountId, before, after: rows });
}
