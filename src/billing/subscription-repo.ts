import type { Insertable } from 'kysely';
import type { OwnerScope } from '../crm/index.ts';
import { recordAudit, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { accountInScope, billingDb, nowOf, withConstraintErrors } from './billing-db.ts';
import type { ItemVersionTerms, VersionPlan } from './item-versions.ts';
import type { Subscription, SubscriptionDetail, SubscriptionItemVersion } from './subscription-schema.ts';
import type { ItemVersionRow, SubscriptionRow, SubscriptionsTable } from './tables.ts';

// The only code writing subscriptions, subscription_items and subscription_pauses (reads for lists
// are in list-subscriptions.ts). Every write path ends in auditSubscription in the same transaction.

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    accountId: row.account_id,
    currency: row.currency,
    status: row.status,
    planLabel: row.plan_label,
    startDate: row.start_date,
    trialEndDate: row.trial_end_date,
    endDate: row.end_date,
    cancelDate: row.cancel_date,
    canceledAt: row.canceled_at?.toISOString() ?? null,
    billingMode: row.billing_mode,
    billingAnchorDate: row.billing_anchor_date,
    autoRenew: row.auto_renew,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toItemVersion(row: ItemVersionRow): SubscriptionItemVersion {
  return {
    id: row.id.toString(),
    itemKey: row.item_key,
    currency: row.currency,
    description: row.description,
    kind: row.kind,
    quantity: row.quantity,
    unitPriceMinor: row.unit_price_minor,
    unitPriceDecimal: row.unit_price_decimal,
    discountBps: row.discount_bps,
    // Present only when set (docs/billing.md "Exact amounts"): absent = quantity × unit price, as before.
    ...(row.amount_minor === null ? {} : { amountMinor: row.amount_minor }),
    // Present only when set, like amountMinor: absent = the sum of events at the unit price.
    ...(row.usage_pricing === null ? {} : { usagePricing: row.usage_pricing }),
    billingIntervalMonths: row.billing_interval_months,
    timing: row.timing,
    effectiveFromDate: row.effective_from_date,
    effectiveToDate: row.effective_to_date,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every column a caller decides; a column added to the table but not here fails to compile. */
export type SubscriptionColumns = Required<Omit<Insertable<SubscriptionsTable>, 'id' | 'created_at' | 'updated_at' | 'version'>>;

/** A subscription inside the actor's scope; `lock` takes the row lock that serialises its writers. */
export async function findSubscriptionRow(ctx: Ctx, scope: OwnerScope, id: string, lock = false) {
  const query = billingDb(ctx).selectFrom('subscriptions').selectAll().where('id', '=', id).where(accountInScope(scope, 'subscriptions.account_id'));
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** 404 whether missing or outside the scope: existence must not leak. */
export async function getSubscriptionRow(ctx: Ctx, scope: OwnerScope, id: string, lock = false) {
  const row = await findSubscriptionRow(ctx, scope, id, lock);
  if (!row) throw notFound('subscription', id);
  return row;
}

export async function findImportedSubscriptionRow(tx: TxCtx, sourceSystem: string, externalId: string) {
  return billingDb(tx).selectFrom('subscriptions').selectAll()
    .where('source_system', '=', sourceSystem).where('external_id', '=', externalId).forUpdate().executeTakeFirst();
}

export async function loadSubscriptionDetail(ctx: Ctx, row: SubscriptionRow): Promise<SubscriptionDetail> {
  const db = billingDb(ctx);
  const items = await db.selectFrom('subscription_items').selectAll().where('subscription_id', '=', row.id)
    .orderBy('item_key').orderBy('effective_from_date').execute();
  const pauses = await db.selectFrom('subscription_pauses').select(['start_date', 'end_date']).where('subscription_id', '=', row.id)
    .orderBy('start_date').execute();
  return {
    ...toSubscription(row),
    itemVersions: items.map(toItemVersion),
    pauses: pauses.map((pause) => ({ startDate: pause.start_date, endDate: pause.end_date })),
  };
}

export async function insertSubscription(tx: TxCtx, columns: SubscriptionColumns & { id: string }) {
  const now = nowOf(tx);
  return withConstraintErrors(
    billingDb(tx).insertInto('subscriptions').values({ ...columns, created_at: now, updated_at: now, version: 1 }).returningAll().executeTakeFirstOrThrow(),
  );
}

/** Compare-and-set on version; the caller holds the row lock, so a miss is a broken contract. */
export async function updateSubscriptionRow(tx: TxCtx, before: SubscriptionRow, changes: Partial<SubscriptionColumns>) {
  const after = await billingDb(tx).updateTable('subscriptions')
    .set({ ...changes, updated_at: nowOf(tx), version: before.version + 1 })
    .where('id', '=', before.id).where('version', '=', before.version)
    .returningAll().executeTakeFirst();
  assert(after, `subscription ${before.id} changed under a row lock; was it read with lock?`);
  return after;
}

/** Closes superseded versions at `date` and inserts the new ones (the trigger allows nothing else). */
export async function writeVersionPlan(tx: TxCtx, subscription: SubscriptionRow, plan: VersionPlan<SubscriptionItemVersion>, date: string) {
  const db = billingDb(tx);
  const now = nowOf(tx);
  if (plan.close.length > 0) {
    const closed = await db.updateTable('subscription_items').set({ effective_to_date: date, updated_at: now })
      .where('id', 'in', plan.close.map((version) => BigInt(version.id))).where('effective_to_date', 'is', null).executeTakeFirst();
    // The plan was made from versions read under the subscription's row lock: all must still be open.
    assert(closed.numUpdatedRows === BigInt(plan.close.length), `subscription ${subscription.id}: item versions closed under the lock`);
  }
  if (plan.open.length > 0) {
    await db.insertInto('subscription_items').values(plan.open.map((version) => toItemColumns(subscription, version, now))).execute();
  }
}

/**
 * A new subscription's first item versions (writeVersionPlan of a plan that closes nothing), and its
 * detail as loadSubscriptionDetail would read it in this transaction: the inserted versions in the
 * database's order (the insert's own answer, sorted by the same statement), no pauses yet.
 */
export async function insertFirstVersions(tx: TxCtx, subscription: SubscriptionRow, plan: VersionPlan<SubscriptionItemVersion>): Promise<SubscriptionDetail> {
  assert(plan.close.length === 0, `subscription ${subscription.id}: a new subscription has no versions to close`);
  const now = nowOf(tx);
  const items = plan.open.length === 0 ? [] : await billingDb(tx)
    .with('inserted', (db) => db.insertInto('subscription_items').values(plan.open.map((version) => toItemColumns(subscription, version, now))).returningAll())
    .selectFrom('inserted').selectAll().orderBy('item_key').orderBy('effective_from_date').execute();
  return { ...toSubscription(subscription), itemVersions: items.map(toItemVersion), pauses: [] };
}

function toItemColumns(subscription: SubscriptionRow, version: ItemVersionTerms, now: Date) {
  return {
    subscription_id: subscription.id,
    currency: subscription.currency,
    item_key: version.itemKey,
    description: version.description,
    kind: version.kind,
    quantity: version.quantity,
    unit_price_minor: version.unitPriceMinor,
    unit_price_decimal: version.unitPriceDecimal,
    discount_bps: version.discountBps,
    amount_minor: version.amountMinor ?? null,
    usage_pricing: version.usagePricing === undefined || version.usagePricing === null ? null : JSON.stringify(version.usagePricing),
    billing_interval_months: version.billingIntervalMonths,
    timing: version.timing,
    effective_from_date: version.effectiveFromDate,
    effective_to_date: version.effectiveToDate,
    created_at: now,
    updated_at: now,
  };
}

export async function insertPause(tx: TxCtx, subscriptionId: string, startDate: string, endDate: string | null): Promise<void> {
  const now = nowOf(tx);
  await billingDb(tx).insertInto('subscription_pauses')
    .values({ subscription_id: subscriptionId, start_date: startDate, end_date: endDate, created_at: now, updated_at: now }).execute();
}

export async function closeOpenPause(tx: TxCtx, subscriptionId: string, endDate: string): Promise<void> {
  await billingDb(tx).updateTable('subscription_pauses').set({ end_date: endDate, updated_at: nowOf(tx) })
    .where('subscription_id', '=', subscriptionId).where('end_date', 'is', null).execute();
}

/** auditSubscription with the detail already in hand (as written in this transaction). */
export async function auditSubscriptionDetail(tx: TxCtx, action: AuditAction, before: SubscriptionDetail | null, after: SubscriptionDetail): Promise<SubscriptionDetail> {
  await recordAudit(tx, { action, entityType: 'subscription', entityId: after.id, before, after });
  return after;
}

/** One audit entry per operation; before/after are the whole subscription with its item history. */
export async function auditSubscription(tx: TxCtx, action: AuditAction, before: SubscriptionDetail | null, after: SubscriptionRow): Promise<SubscriptionDetail> {
  const detail = await loadSubscriptionDetail(tx, after);
  await recordAudit(tx, { action, entityType: 'subscription', entityId: after.id, before, after: detail });
  return detail;
}

export function assertExpectedVersion(row: SubscriptionRow, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === row.version) return;
  throw new AppError('version_conflict', `Subscription ${row.id} is at version ${row.version}, not ${expectedVersion}`, {
    extra: { currentVersion: row.version },
  });
}

/** The subscription imported from the same source, for invoices that reference it by external id. */
export async function findImportedSubscriptionRef(ctx: Ctx, sourceSystem: string, externalId: string) {
  return billingDb(ctx).selectFrom('subscriptions').select(['id', 'account_id'])
    .where('source_system', '=', sourceSystem).where('external_id', '=', externalId).executeTakeFirst();
}
