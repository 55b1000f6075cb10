import { billingPeriodAt, billingPeriodIndexOn, type BillingPeriod } from './billing-periods.ts';
import { chargeKey, type BilledAmounts, type BillingSubject, type ChargeTarget } from './charge-types.ts';
import { dateOfDayNumber, dayNumber, spanDays } from './day-numbers.ts';
import { currencyExponent, divideRounded, parseDecimal } from '../../shared/money.ts';
import { NO_USAGE, type UsageLookup } from '../usage-rating/usage-lookup.ts';
import { rateUsagePeriod } from '../usage-rating/usage-pricing.ts';
import { proratedAmountMinor, type ProrationInput } from './prorate.ts';

type Version = BillingSubject['itemVersions'][number];
const NEVER = Number.POSITIVE_INFINITY;
/** The fields of a target that are the version's terms. */
type VersionTerms = 'subscriptionItemId' | 'itemKey' | 'description' | 'itemKind' | 'timing' | 'quantity' | 'unitPriceMinor' | 'unitPriceDecimal' | 'discountBps';

/**
 * Every charge of the subscription that can be due by `throughDate`, valued as the subscription
 * stands now (docs/billing.md "How a run decides what to bill"), plus every key billed before
 * (so a shortened or removed service turns into a credit). Usage items are rated on the usage of
 * their days in service in the period, billed at the period end (late usage becomes an adjustment).
 */
export function chargeTargets(subject: BillingSubject, throughDate: string, billed: BilledAmounts, usage: UsageLookup = NO_USAGE): ChargeTarget[] {
  const billedPeriods = billedPeriodStarts(billed);
  const targets: ChargeTarget[] = [];
  for (const version of subject.itemVersions) {
    if (version.kind === 'one_time') targets.push(oneTimeTarget(subject, version));
    if (version.kind !== 'one_time') {
      const periodTargets = recurringTargets(subject, version, throughDate, billedPeriods.get(version.id) ?? []);
      targets.push(...(version.kind === 'usage' ? periodTargets.map((target) => usageTarget(subject, version, target, usage)) : periodTargets));
    }
  }
  return targets;
}

function billedPeriodStarts(billed: BilledAmounts): Map<string, string[]> {
  const byVersion = new Map<string, string[]>();
  for (const key of billed.keys()) {
    const [versionId, periodStart] = key.split('|');
    if (versionId === undefined || periodStart === undefined || periodStart === 'once') continue;
    byVersion.set(versionId, [...(byVersion.get(versionId) ?? []), periodStart]);
  }
  return byVersion;
}

/** A one-time fee is billed in full on the version's first day, if that day is in service. */
function oneTimeTarget(subject: BillingSubject, version: Version): ChargeTarget {
  const inService = version.effectiveFromDate >= subject.startDate && (subject.endDate === null || version.effectiveFromDate < subject.endDate);
  const full = proratedAmountMinor(prorationOf(version, 1, 1));
  return targetOf(version, {
    key: chargeKey(version.id, null), billingPeriodStartDate: null, billingPeriodEndDate: null,
    serviceStartDate: null, serviceEndDate: null, billableDays: inService ? 1 : 0, periodDays: 1,
    targetMinor: inService ? full : 0n, chargeDueDate: version.effectiveFromDate, creditDueDate: version.effectiveFromDate, recognition: 'immediate',
  });
}

function recurringTargets(subject: BillingSubject, version: Version, throughDate: string, billedStarts: string[]): ChargeTarget[] {
  const intervalMonths = version.billingIntervalMonths ?? 1;
  const from = maxDate(version.effectiveFromDate, subject.startDate);
  const lastDay = dateOfDayNumber(Math.min(dayNumber(throughDate), endDay(version.effectiveToDate) - 1, endDay(subject.endDate) - 1));
  const starts = new Set(billedStarts);
  if (lastDay >= from) {
    const first = billingPeriodIndexOn(subject.billingAnchorDate, intervalMonths, from);
    const last = billingPeriodIndexOn(subject.billingAnchorDate, intervalMonths, lastDay);
    for (let index = first; index <= last; index += 1) starts.add(billingPeriodAt(subject.billingAnchorDate, intervalMonths, index).startDate);
  }
  return [...starts].sort().map((start) => periodTarget(subject, version, billingPeriodAt(
    subject.billingAnchorDate, intervalMonths, billingPeriodIndexOn(subject.billingAnchorDate, intervalMonths, start),
  )));
}

function periodTarget(subject: BillingSubject, version: Version, period: BillingPeriod): ChargeTarget {
  const periodStart = dayNumber(period.startDate);
  const periodEnd = dayNumber(period.endDate);
  const stop = Math.min(periodEnd, endDay(version.effectiveToDate), endDay(subject.endDate));
  const start = Math.max(periodStart, dayNumber(version.effectiveFromDate), dayNumber(subject.startDate), firstPaidDay(subject));
  const days = billableDays(subject, start, stop);
  const periodDays = periodEnd - periodStart;
  const inAdvance = version.timing === 'in_advance';
  return targetOf(version, {
    key: chargeKey(version.id, period.startDate),
    billingPeriodStartDate: period.startDate, billingPeriodEndDate: period.endDate,
    serviceStartDate: days > 0 ? dateOfDayNumber(start) : null, serviceEndDate: days > 0 ? dateOfDayNumber(stop) : null,
    billableDays: days, periodDays, targetMinor: proratedAmountMinor(prorationOf(version, days, periodDays)),
    // In advance: due on the first billable day; a credit when the service stopped. In arrears: at the period end.
    chargeDueDate: inAdvance && days > 0 ? dateOfDayNumber(start) : period.endDate,
    creditDueDate: inAdvance ? dateOfDayNumber(Math.max(periodStart, Math.min(stop, periodEnd))) : period.endDate,
    recognition: inAdvance ? 'deferred' : 'immediate',
  });
}

/** Days in [start, stop) that are not paused; trial days were cut off by the caller. */
function billableDays(subject: BillingSubject, start: number, stop: number): number {
  let days = spanDays(start, stop);
  for (const pause of subject.pauses) {
    days -= spanDays(Math.max(start, dayNumber(pause.startDate)), Math.min(stop, endDay(pause.endDate)));
  }
  return days;
}

/** The first day after the trial; an open-ended trial (status trialing, no end) bills nothing. */
function firstPaidDay(subject: BillingSubject): number {
  if (subject.trialEndDate !== null) return dayNumber(subject.trialEndDate);
  return subject.status === 'trialing' ? NEVER : Number.NEGATIVE_INFINITY;
}

/**
 * The target: the version's terms, then the charge's own fields, in this order. Written out field
 * by field rather than spread (`{ ...terms, key, … }`): a spread followed by a dozen fields took
 * V8's slow path, ~27 µs a target against ~0.05 µs (issue #7, the backlog values every contract).
 */
function targetOf(version: Version, charge: Omit<ChargeTarget, VersionTerms>): ChargeTarget {
  return {
    subscriptionItemId: version.id, itemKey: version.itemKey, description: version.description ?? version.itemKey,
    itemKind: version.kind, timing: version.timing, quantity: version.quantity, unitPriceMinor: version.unitPriceMinor, unitPriceDecimal: version.unitPriceDecimal,
    discountBps: version.discountBps, key: charge.key, billingPeriodStartDate: charge.billingPeriodStartDate, billingPeriodEndDate: charge.billingPeriodEndDate,
    serviceStartDate: charge.serviceStartDate, serviceEndDate: charge.serviceEndDate, billableDays: charge.billableDays, periodDays: charge.periodDays,
    targetMinor: charge.targetMinor, chargeDueDate: charge.chargeDueDate, creditDueDate: charge.creditDueDate, recognition: charge.recognition,
  };
}

/** The proration input of a piece of the version's period (its fields named, not spread: see targetOf). */
function prorationOf(version: Version, days: number, periodDays: number): ProrationInput {
  return { unitPriceMinor: version.unitPriceMinor, quantity: version.quantity, discountBps: version.discountBps, amountMinor: version.amountMinor, days, periodDays };
}

function endDay(date: string | null): number {
  return date === null ? NEVER : dayNumber(date);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * A usage charge: the period's metered quantity (days in service only) × the unit price, less the
 * discount, rounded once. With a pricing (docs/billing.md "Usage"): the quantity aggregated by its
 * rule, rated by its model, and at least the minimum commitment prorated by the billable days.
 */
function usageTarget(subject: BillingSubject, version: Version, target: ChargeTarget, usage: UsageLookup): ChargeTarget {
  if (target.serviceStartDate === null || target.serviceEndDate === null) return { ...target, targetMinor: 0n, recognition: 'immediate' };
  const pricing = version.usagePricing ?? null;
  const quantity = usage(version.itemKey, target.serviceStartDate, target.serviceEndDate, pricing?.aggregation ?? 'sum');
  const due = { chargeDueDate: target.billingPeriodEndDate ?? target.chargeDueDate, recognition: 'immediate' as const };
  if (pricing === null) return { ...target, quantity, targetMinor: usageAmountMinor(version, quantity, subject.currency), ...due };
  const rated = rateUsagePeriod(pricing, quantity, subject.currency, {
    discountBps: version.discountBps, perUnitMinor: (units) => usageAmountMinor(version, units, subject.currency), billableDays: target.billableDays, periodDays: target.periodDays,
  });
  return { ...target, quantity, targetMinor: rated.targetMinor, ...due, usageRating: { aggregation: pricing.aggregation, model: pricing.model, ratedMinor: rated.ratedMinor, minimumMinor: rated.minimumMinor } };
}

function usageAmountMinor(version: Version, quantity: bigint, currency: string): bigint {
  const keep = BigInt(10_000 - version.discountBps);
  if (version.unitPriceDecimal === null) return divideRounded(version.unitPriceMinor * quantity * keep, 10_000n, 'half_up');
  const price = parseDecimal(version.unitPriceDecimal);
  const toMinor = 10n ** BigInt(currencyExponent(currency));
  return divideRounded(price.coefficient * quantity * keep * toMinor, 10_000n * 10n ** BigInt(price.scale), 'half_up');
}
