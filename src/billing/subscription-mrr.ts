import type { Ctx } from '../shared/context.ts';
import { divideRounded, money, type Money } from '../shared/money.ts';
import { spanContains } from './date-spans.ts';
import { plainDateSchema } from './fields.ts';
import { getSubscription } from './get-subscription.ts';
import type { ItemTerms, ItemVersionTerms } from './item-versions.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import type { SubscriptionPause } from './subscription-schema.ts';
import type { SubscriptionStatus } from './tables.ts';

/** What MRR on a date depends on: the subscription's dates, trial, pauses and item history. */
export type MrrSubject = {
  currency: string;
  status: SubscriptionStatus;
  startDate: string;
  endDate: string | null;
  trialEndDate: string | null;
  pauses: readonly SubscriptionPause[];
  itemVersions: readonly ItemVersionTerms[];
};

/**
 * Metrics rule: "MRR of a subscription item = its recurring price after discounts, normalized to
 * a month (annual ÷ 12, quarterly ÷ 3)". Computed exactly as
 *   unitPriceMinor × quantity × (10 000 − discountBps) ÷ (10 000 × billingIntervalMonths)
 * and rounded half-up once per item to minor units (an item with an exact period amount: amountMinor
 * ÷ billingIntervalMonths). One-time and usage items are not recurring.
 */
export function itemMrrMinor(terms: ItemTerms): bigint {
  if (terms.kind !== 'recurring' || terms.billingIntervalMonths === null) return 0n;
  // An exact period amount (docs/billing.md "Exact amounts") is the price after discounts already.
  if (terms.amountMinor !== undefined && terms.amountMinor !== null) return divideRounded(terms.amountMinor, BigInt(terms.billingIntervalMonths), 'half_up');
  const numerator = terms.unitPriceMinor * terms.quantity * BigInt(10_000 - terms.discountBps);
  return divideRounded(numerator, 10_000n * BigInt(terms.billingIntervalMonths), 'half_up');
}

/** In service on `date`: startDate ≤ date < endDate (half-open). */
export function isInService(subject: Pick<MrrSubject, 'startDate' | 'endDate'>, date: string): boolean {
  return spanContains(subject.startDate, subject.endDate, date);
}

/**
 * A trial runs until trialEndDate (exclusive). Without one, a subscription whose status is
 * 'trialing' is in an open-ended trial (an import that knows only "is trial") until converted.
 */
export function isTrialingOn(subject: Pick<MrrSubject, 'status' | 'trialEndDate'>, date: string): boolean {
  return subject.trialEndDate === null ? subject.status === 'trialing' : date < subject.trialEndDate;
}

export function isPausedOn(subject: Pick<MrrSubject, 'pauses'>, date: string): boolean {
  return subject.pauses.some((pause) => spanContains(pause.startDate, pause.endDate, date));
}

/**
 * The subscription's MRR on `date`: the sum of itemMrrMinor over the versions in effect that day.
 * Nothing outside service, while trialing ("trialing subscriptions contribute no MRR") or paused.
 */
export function mrrOnDate(subject: MrrSubject, date: string): Money {
  if (!isInService(subject, date) || isTrialingOn(subject, date) || isPausedOn(subject, date)) return money(0n, subject.currency);
  const total = subject.itemVersions
    .filter((version) => spanContains(version.effectiveFromDate, version.effectiveToDate, date))
    .reduce((sum, version) => sum + itemMrrMinor(version), 0n);
  return money(total, subject.currency);
}

/** One subscription's MRR on a date; the metrics engine will compute the same in bulk. */
export async function subscriptionMrrOnDate(ctx: Ctx, subscriptionId: string, date: string): Promise<Money> {
  const day = parseInput(plainDateSchema, date, 'date');
  return mrrOnDate(await getSubscription(ctx, subscriptionId), day);
}
