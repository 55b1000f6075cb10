import type { TxCtx } from '../shared/context.ts';
import { addMonthsFromAnchor, parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { assert } from '../shared/errors.ts';
import { publishEvent } from '../shared/events/index.ts';
import { billingDb } from './billing-db.ts';
import { auditSubscription, updateSubscriptionRow } from './subscription-repo.ts';
import { deriveStatus } from './subscription-rules.ts';
import type { SubscriptionDetail } from './subscription-schema.ts';

/**
 * Renews, before they are billed, the fixed-term subscriptions whose term has ended by `throughDate`
 * and that renew by themselves (issue #5 "renew"; `autoRenew`, the default): the end date moves on by
 * whole terms of the original length until it is after the date, each end computed from the start
 * (a one-month term from Jan 31 ends Feb 28, Mar 31, Apr 30 — never chained). Only Revline's own
 * subscriptions: an imported one renews in its source system (its end date there is when it ended),
 * and a cancelled one has autoRenew off. The caller holds the subscriptions' row locks (the billing
 * chunk); each renewal is audited (`renew`) and announced (`subscription.renewed`).
 */
export async function renewDueSubscriptions(tx: TxCtx, subjects: Map<string, SubscriptionDetail>, throughDate: string): Promise<void> {
  for (const [id, subject] of subjects) {
    if (!subject.autoRenew || subject.sourceSystem !== null || subject.canceledAt !== null || subject.endDate === null || subject.endDate > throughDate) continue;
    const endDate = renewedEndDate(subject.startDate, subject.endDate, throughDate);
    if (endDate === null) continue;
    const row = await billingDb(tx).selectFrom('subscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    assert(row, `subscription ${id} vanished under its row lock`);
    const status = deriveStatus({ ...subject, endDate }, toIsoDate(tx.clock.today()));
    const after = await auditSubscription(tx, 'renew', subject, await updateSubscriptionRow(tx, row, { end_date: endDate, status }));
    await publishEvent(tx, {
      type: 'subscription.renewed', aggregateType: 'subscription', aggregateId: id,
      payload: { subscriptionId: id, accountId: subject.accountId, previousEndDate: subject.endDate, endDate },
    });
    subjects.set(id, after);
  }
}

/**
 * The first end of term after `throughDate`: start + k terms. A term of whole months (start + n months
 * = end, the month-end clamp included) renews by n months from the start; any other by its days.
 */
export function renewedEndDate(startDate: string, endDate: string, throughDate: string): string | null {
  const start = parsePlainDate(startDate);
  const end = parsePlainDate(endDate);
  const days = start.until(end, { largestUnit: 'days' }).days;
  if (days <= 0) return null;
  const months = start.until(end, { largestUnit: 'months' }).months;
  const wholeMonths = [months, months + 1].find((n) => n > 0 && addMonthsFromAnchor(start, n).equals(end));
  for (let terms = 2; ; terms += 1) {
    const next = toIsoDate(wholeMonths === undefined ? start.add({ days: days * terms }) : addMonthsFromAnchor(start, wholeMonths * terms));
    if (next > throughDate) return next;
  }
}
