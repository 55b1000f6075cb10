import { ownerScope } from '../../crm/index.ts';
import type { TxCtx } from '../../shared/context.ts';
import { accountInScope, billingDb } from '../billing-db.ts';
import { billedFromCutOver, readCutOverForBilling } from '../cut-over/billed-from-cut-over.ts';
import { toItemVersion, toSubscription } from '../subscription-repo.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';

/**
 * Many subscriptions as loadSubscriptionDetail builds one, in three statements, each row-locked
 * (FOR UPDATE, in id order, so two runs over the same ids queue instead of deadlocking) and inside
 * the actor's scope. A subscription missing from the map is unknown or outside the scope. Imported
 * subscriptions are billed from the cut-over on (billedFromCutOver; the date is read only when the
 * chunk holds one).
 */
export async function loadBillingSubjects(tx: TxCtx, subscriptionIds: readonly string[]): Promise<Map<string, SubscriptionDetail>> {
  if (subscriptionIds.length === 0) return new Map();
  const db = billingDb(tx);
  const rows = await db.selectFrom('subscriptions').selectAll().where('id', 'in', [...subscriptionIds])
    .where(accountInScope(await ownerScope(tx), 'subscriptions.account_id')).orderBy('id').forUpdate().execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return new Map();
  const items = await db.selectFrom('subscription_items').selectAll().where('subscription_id', 'in', ids)
    .orderBy('subscription_id').orderBy('item_key').orderBy('effective_from_date').execute();
  const pauses = await db.selectFrom('subscription_pauses').select(['subscription_id', 'start_date', 'end_date']).where('subscription_id', 'in', ids)
    .orderBy('subscription_id').orderBy('start_date').execute();
  const subjects = new Map<string, SubscriptionDetail>(rows.map((row) => [row.id, { ...toSubscription(row), itemVersions: [], pauses: [] }]));
  for (const item of items) subjects.get(item.subscription_id)?.itemVersions.push(toItemVersion(item));
  for (const pause of pauses) subjects.get(pause.subscription_id)?.pauses.push({ startDate: pause.start_date, endDate: pause.end_date });
  if (!rows.some((row) => row.source_system !== null)) return subjects;
  const cutOverDate = await readCutOverForBilling(tx);
  for (const [id, subject] of subjects) subjects.set(id, billedFromCutOver(subject, cutOverDate));
  return subjects;
}
