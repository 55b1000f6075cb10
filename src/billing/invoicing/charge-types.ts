import type { ItemVersionTerms } from '../item-versions.ts';

/** What the billing engine needs to know about a subscription (a SubscriptionDetail fits). */
export type BillingSubject = {
  id: string;
  currency: string;
  status: string;
  startDate: string;
  /** Exclusive, like every end here. */
  endDate: string | null;
  trialEndDate: string | null;
  billingAnchorDate: string;
  pauses: ReadonlyArray<{ startDate: string; endDate: string | null }>;
  itemVersions: ReadonlyArray<ItemVersionTerms & { id: string }>;
};

/** Where revenue goes when the invoice is issued: deferred (in-advance recurring) or straight to revenue. */
export type Recognition = 'deferred' | 'immediate';

/**
 * One charge: an item version in one billing period (or, for a one-time item, once). Its target
 * is what that version is worth in that period as the subscription stands now; whatever has been
 * billed for the same key before is subtracted, so the difference is what the next line says.
 */
export type ChargeTarget = {
  key: string;
  subscriptionItemId: string;
  itemKey: string;
  description: string;
  itemKind: ItemVersionTerms['kind'];
  timing: ItemVersionTerms['timing'];
  quantity: bigint;
  unitPriceMinor: bigint;
  /** A usage price below one minor unit, exact ('0.0004'); unitPriceMinor is it rounded. */
  unitPriceDecimal: string | null;
  discountBps: number;
  /** The full billing period [start, end); null for a one-time item. */
  billingPeriodStartDate: string | null;
  billingPeriodEndDate: string | null;
  /** First and exclusive-last billable day inside the period (null when nothing is billable). */
  serviceStartDate: string | null;
  serviceEndDate: string | null;
  billableDays: number;
  periodDays: number;
  targetMinor: bigint;
  /** The day a charge for this key becomes billable (its invoice's billing date). */
  chargeDueDate: string;
  /** The day a credit for this key becomes billable: when the service stopped, else the period end. */
  creditDueDate: string;
  recognition: Recognition;
  /** A priced usage charge: its aggregation, the rated amount and the (prorated) minimum, for the line's note. */
  usageRating?: { aggregation: string; model: string; ratedMinor: bigint; minimumMinor: bigint | null } | undefined;
};

/** The VAT a charge was invoiced with: its rate and whether the price included it. */
export type ChargedTax = { rateBps: number; inclusive: boolean };

/** A line the next invoice (or credit note) must carry: target − already billed. */
export type PlannedLine = Omit<ChargeTarget, 'chargeDueDate' | 'creditDueDate'> & {
  lineKind: 'charge' | 'credit';
  amountMinor: bigint;
  billedBeforeMinor: bigint;
  billingDate: string;
  note: string | null;
  /** A credit: the VAT treatment of the charge it corrects (null: none invoiced, tax as of now). */
  chargedTax?: ChargedTax | null;
};

/** Already billed per charge key (sum of every line with that key, credits negative). */
export type BilledAmounts = ReadonlyMap<string, bigint>;

export function chargeKey(subscriptionItemId: string, billingPeriodStartDate: string | null): string {
  return `${subscriptionItemId}|${billingPeriodStartDate ?? 'once'}`;
}
