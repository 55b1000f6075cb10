import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { findSubscriptionRow, getSubscriptionRow, loadSubscriptionDetail } from './subscription-repo.ts';
import type { SubscriptionDetail } from './subscription-schema.ts';

/** A subscription with its whole item history; 404 when missing or outside the actor's scope. */
export async function getSubscription(ctx: Ctx, id: string): Promise<SubscriptionDetail> {
  return loadSubscriptionDetail(ctx, await getSubscriptionRow(ctx, await ownerScope(ctx), id));
}

export async function findSubscription(ctx: Ctx, id: string): Promise<SubscriptionDetail | null> {
  const row = await findSubscriptionRow(ctx, await ownerScope(ctx), id);
  return row ? loadSubscriptionDetail(ctx, row) : null;
}
