import { sql } from 'kysely';
import type { SubscriptionPause } from '../billing/index.ts';
import { assert } from '../shared/errors.ts';
import { tableAsOf } from './as-of-tables.ts';
import type { ItemRow, OnlySubscriptions, SubscriptionRow } from './load-mrr-rows.ts';
import { monthOfDate, OPEN_MONTH } from './month-numbers.ts';
import { paidWindow, versionSpans, type PaidWindow } from './mrr-spans.ts';
import { createStoreBuilder, type AccountAttributes, type MrrStore } from './mrr-store.ts';
import type { MetricsDb } from './read-model.ts';

/** A span as months and an amount, with the item version that made it. */
export type ItemSpan = { itemId: number; fromMonth: number; toMonth: number; mrrMinor: number };

/**
 * The store builder with the store's sources (mrr-store.ts MrrStoreSources) recorded beside it:
 * the full build (load-mrr-store.ts) and the incremental refresh (refresh-mrr-store.ts) both feed
 * one, in the same order, so that a refreshed store is the store a full build makes.
 */
export function createSourcedBuilder() {
  const builder = createStoreBuilder();
  const subscriptionVersions: number[] = [];
  const accountVersions: number[] = [];
  const spanItemIds: number[] = [];
  return {
    addSubscription(id: string, accountId: string, attributes: AccountAttributes, accountVersion: number, currency: string, plan: string | null, version: number): number {
      const account = builder.addAccount(accountId, attributes);
      if (account === accountVersions.length) accountVersions.push(accountVersion);
      subscriptionVersions.push(version);
      return builder.addSubscription(id, account, currency, plan);
    },
    addSpan(subscription: number, itemId: number, fromMonth: number, toMonth: number, mrrMinor: number): void {
      builder.addSpan(subscription, fromMonth, toMonth, mrrMinor);
      spanItemIds.push(itemId);
    },
    finish(dataVersion: string): MrrStore {
      const store = builder.finish(dataVersion);
      store.sources = { subscriptionVersions: Int32Array.from(subscriptionVersions), accountVersions: Int32Array.from(accountVersions), spanItemIds: Float64Array.from(spanItemIds) };
      return store;
    },
  };
}

export type SourcedBuilder = ReturnType<typeof createSourcedBuilder>;

/** A subscription row's paid window (trial and pauses applied), as mrr-spans.ts defines it. */
export function windowOf(row: SubscriptionRow, pauses: Map<string, SubscriptionPause[]>): PaidWindow | null {
  return paidWindow({ status: row.status, startDate: row.start_date, endDate: row.end_date, trialEndDate: row.trial_end_date, pauses: pauses.get(row.id) ?? [] });
}

/** Adds a subscription row (with its account's attributes and versions) to the builder. */
export function addSubscriptionRow(builder: SourcedBuilder, row: SubscriptionRow): number {
  const attributes = { segment: row.segment, country: row.country, industry: row.industry };
  return builder.addSubscription(row.id, row.account_id, attributes, row.account_version, row.currency, row.plan_label, row.version);
}

/** The spans of one recurring item version inside its subscription's paid window, in versionSpans order. */
export function spansOfItem(window: PaidWindow | null, row: ItemRow): ItemSpan[] {
  // Guard: the span's item id is held as a double (MrrStoreSources.spanItemIds).
  assert(row.id <= BigInt(Number.MAX_SAFE_INTEGER), `item ${row.id}: id beyond exact float arithmetic`);
  const terms = {
    description: null, kind: 'recurring' as const, quantity: row.quantity, unitPriceMinor: row.unit_price_minor, unitPriceDecimal: null,
    discountBps: row.discount_bps, amountMinor: row.amount_minor, billingIntervalMonths: row.billing_interval_months as 1 | 3 | 12 | 24 | 36 | null, timing: 'in_advance' as const,
    effectiveFromDate: row.effective_from_date, effectiveToDate: row.effective_to_date,
  };
  return versionSpans(window, terms).map((span) => {
    // Guard: an amount beyond 2^53 minor units cannot be held exactly in the Float64 columns.
    assert(span.mrrMinor <= BigInt(Number.MAX_SAFE_INTEGER), `item ${row.id}: MRR ${span.mrrMinor} is beyond exact float arithmetic`);
    return { itemId: Number(row.id), fromMonth: monthOfDate(span.fromDate), toMonth: span.toDate === null ? OPEN_MONTH : monthOfDate(span.toDate), mrrMinor: Number(span.mrrMinor) };
  });
}

/** Pauses by subscription (all, or only those of `only`); with asOf, as they stood then. */
export async function loadPauses(db: MetricsDb, asOf: Date | null, only: OnlySubscriptions = null): Promise<Map<string, SubscriptionPause[]>> {
  let query = db.selectFrom(tableAsOf('subscription_pauses', asOf).as('p')).select(['p.subscription_id', 'p.start_date', 'p.end_date']).orderBy('p.start_date').orderBy('p.id');
  if (only !== null) query = query.where(sql<boolean>`p.subscription_id = any(${only}::text[])`);
  const pauses = new Map<string, SubscriptionPause[]>();
  for (const row of await query.execute()) {
    const list = pauses.get(row.subscription_id) ?? [];
    list.push({ startDate: row.start_date, endDate: row.end_date });
    pauses.set(row.subscription_id, list);
  }
  return pauses;
}
