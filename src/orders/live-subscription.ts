import type { Ctx } from '../shared/context.ts';
import { divideRounded } from '../shared/money.ts';

/**
 * A read model of billing's `subscriptions` and `subscription_items` (migrations/202611230050):
 * the columns an order needs to name the subscription an expansion amends or a renewal renews,
 * and that subscription's ARR. Declared here because orders come before billing in the dependency
 * order (docs/architecture.md) and may not import it. Read-only.
 */
type SubscriptionReadModel = { id: string; account_id: string; currency: string; status: string; start_date: string };
type SubscriptionItemReadModel = {
  subscription_id: string;
  kind: string;
  quantity: bigint;
  unit_price_minor: bigint;
  discount_bps: number;
  /** Exact net amount per billing period (migration 202612060700); null = quantity × unit price × (1 − discount). */
  amount_minor: bigint | null;
  billing_interval_months: number | null;
  effective_from_date: string;
  effective_to_date: string | null;
};
type ReadTables = { subscriptions: SubscriptionReadModel; subscription_items: SubscriptionItemReadModel };

export type LiveSubscription = { id: string; arrMinor: bigint };

const LIVE_STATUSES = ['active', 'trialing', 'paused'];

/**
 * The account's live subscription in the currency (the latest started, then the highest id), with
 * its ARR on `onDate`: Σ recurring items in effect × (their exact period amount, else quantity ×
 * unit price × (1 − discount)) × 12 ÷ interval, rounded half-up once (all intervals over a common
 * denominator of 72 months).
 */
export async function findLiveSubscription(ctx: Ctx, request: { accountId: string; currency: string; onDate: string }): Promise<LiveSubscription | null> {
  const db = ctx.db.withTables<ReadTables>();
  const subscription = await db.selectFrom('subscriptions').select(['id'])
    .where('account_id', '=', request.accountId).where('currency', '=', request.currency).where('status', 'in', LIVE_STATUSES)
    .orderBy('start_date', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!subscription) return null;
  const items = await db.selectFrom('subscription_items').selectAll()
    .where('subscription_id', '=', subscription.id).where('kind', '=', 'recurring')
    .where('effective_from_date', '<=', request.onDate)
    .where((eb) => eb.or([eb('effective_to_date', 'is', null), eb('effective_to_date', '>', request.onDate)]))
    .execute();
  let numerator = 0n;
  for (const item of items) {
    const interval = BigInt(item.billing_interval_months ?? 12);
    const periodTimes10k = item.amount_minor === null
      ? BigInt(item.quantity) * BigInt(item.unit_price_minor) * BigInt(10_000 - item.discount_bps)
      : BigInt(item.amount_minor) * 10_000n;
    numerator += periodTimes10k * 12n * (72n / interval);
  }
  return { id: subscription.id, arrMinor: divideRounded(numerator, 10_000n * 72n, 'half_up') };
}
