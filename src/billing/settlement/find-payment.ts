import type { Ctx } from '../../shared/context.ts';
import { billingDb } from '../billing-db.ts';
import { loadAllocations, toPayment } from '../payment-repo.ts';
import type { Payment } from '../payment-schema.ts';

/** One payment with its allocations; `lock` takes its row lock (inside a transaction). */
export async function findPayment(ctx: Ctx, id: string, options: { lock?: boolean } = {}): Promise<Payment | undefined> {
  let query = billingDb(ctx).selectFrom('payments').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return toPayment(row, (await loadAllocations(ctx, [id])).get(id) ?? []);
}
