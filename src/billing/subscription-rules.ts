import { findAccount } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { nthPeriod, parsePlainDate, periodIndexContaining, toIsoDate } from '../shared/dates.ts';
import { spanContains } from './date-spans.ts';
import { fieldError, ruleError } from './field-errors.ts';
import { isPausedOn, isTrialingOn, type MrrSubject } from './subscription-mrr.ts';
import type { SubscriptionDetail } from './subscription-schema.ts';
import type { BillingMode, SubscriptionStatus } from './tables.ts';

/**
 * Billing issue: "calendar billing or anniversary billing (billing day = start day, clamped to the
 * month's last day)". Anniversary anchors on the start date; calendar anchors on 1 January of the
 * start year, so periods of 1, 3, 12, 24 or 36 months fall on months, quarters and years. The
 * n-th period is always anchor + n·interval (shared/dates nthPeriod), which does the clamping.
 */
export function resolveAnchorDate(mode: BillingMode, startDate: string, given: string | null, field = 'body.billingAnchorDate'): string {
  if (given === null) return mode === 'anniversary' ? startDate : `${startDate.slice(0, 4)}-01-01`;
  if (mode === 'calendar' && given.slice(5) !== '01-01') throw fieldError(field, 'calendar billing anchors on 1 January');
  return given;
}

export type StatusSubject = Pick<MrrSubject, 'status' | 'startDate' | 'endDate' | 'trialEndDate' | 'pauses'> & { canceledAt: string | null };

/**
 * The status as of `today`. Status is a label for lists and people; date questions (in service,
 * MRR) are answered from the dates, so a status that has gone stale since the last write is
 * never wrong about money. An open-ended trial keeps 'trialing' (see isTrialingOn).
 */
export function deriveStatus(subject: StatusSubject, today: string): SubscriptionStatus {
  if (subject.endDate !== null && subject.endDate <= today) return subject.canceledAt === null ? 'ended' : 'canceled';
  if (isPausedOn(subject, today)) return 'paused';
  if (isTrialingOn(subject, today)) return 'trialing';
  return 'active';
}

/** Field errors for dates that would break the half-open periods (the table CHECKs say the same). */
export function assertSubscriptionDates(dates: { startDate: string; endDate: string | null; trialEndDate: string | null }): void {
  if (dates.endDate !== null && dates.endDate < dates.startDate) throw fieldError('body.endDate', 'before startDate');
  if (dates.trialEndDate !== null && dates.trialEndDate <= dates.startDate) throw fieldError('body.trialEndDate', 'must be after startDate');
}

/** The account must exist and be visible to the actor: missing and invisible give one answer. */
export async function assertAccountUsable(ctx: Ctx, accountId: string, field = 'body.accountId'): Promise<void> {
  if (await findAccount(ctx, accountId)) return;
  throw fieldError(field, 'unknown account', `Account ${accountId} does not exist or is not visible to you`);
}

/** Changes and cancellations happen while the subscription is in service. */
export function assertInService(subscription: Pick<SubscriptionDetail, 'startDate' | 'endDate'>, date: string, field: string): void {
  if (spanContains(subscription.startDate, subscription.endDate, date)) return;
  const until = subscription.endDate === null ? '' : ` until ${subscription.endDate} (exclusive)`;
  throw ruleError(field, `the subscription is in service from ${subscription.startDate}${until}`);
}

/**
 * The end (exclusive) of the billing period containing `date`: "cancel at period end". The period
 * length is the longest interval among the recurring items in effect that day (monthly if none),
 * counted from the billing anchor.
 */
export function periodEndDate(subscription: SubscriptionDetail, date: string): string {
  const intervals = subscription.itemVersions
    .filter((version) => version.kind === 'recurring' && spanContains(version.effectiveFromDate, version.effectiveToDate, date))
    .map((version) => version.billingIntervalMonths ?? 1);
  const intervalMonths = Math.max(1, ...intervals);
  const anchor = parsePlainDate(subscription.billingAnchorDate);
  const index = periodIndexContaining(anchor, intervalMonths, parsePlainDate(date));
  return toIsoDate(nthPeriod(anchor, index, intervalMonths).endDate);
}
