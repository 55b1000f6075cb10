import { NO_USAGE, type UsageLookup } from '../usage-rating/usage-lookup.ts';
import { chargeTargets } from './charge-targets.ts';
import type { BilledAmounts, BillingSubject, ChargedTax, ChargeTarget, PlannedLine } from './charge-types.ts';
import { lineNoteText, usageNoteText } from './line-note.ts';

/**
 * The lines a billing run must add for one subscription through `throughDate` (inclusive): for
 * every charge, target − billed before, when that difference is due by then. Pure; the preview
 * and the run both call it (docs/billing.md "Preview").
 *
 * `waived` is what voided invoices billed per key. A void waives those charges: the customer got a
 * credit note for all of them, so the charge is never billed again, and a later change may credit
 * only what the customer still owes beyond the waiver — the target counts as at least the waived
 * amount (otherwise a cancellation after a void credits the unused days a second time).
 */
export function planLines(subject: BillingSubject, throughDate: string, billed: BilledAmounts, usage: UsageLookup = NO_USAGE, history: PlanningHistory = {}): PlannedLine[] {
  const waived = history.waived ?? NOTHING_WAIVED;
  const lines: PlannedLine[] = [];
  for (const target of chargeTargets(subject, throughDate, billed, usage)) {
    const billedBeforeMinor = billed.get(target.key) ?? 0n;
    const waivedMinor = waived.get(target.key) ?? 0n;
    const amountMinor = (target.targetMinor > waivedMinor ? target.targetMinor : waivedMinor) - billedBeforeMinor;
    if (amountMinor === 0n) continue;
    const billingDate = amountMinor > 0n ? target.chargeDueDate : target.creditDueDate;
    if (billingDate > throughDate) continue;
    // A credit corrects a charge already invoiced: it carries that charge's VAT treatment (rate, inclusive).
    const chargedTax = amountMinor < 0n ? history.chargedTax?.get(target.key) ?? null : null;
    lines.push({ ...toLine(target, amountMinor, billedBeforeMinor, billingDate), chargedTax });
  }
  return lines.sort((a, b) => (a.billingDate < b.billingDate ? -1 : a.billingDate > b.billingDate ? 1 : 0));
}

const NOTHING_WAIVED: BilledAmounts = new Map();

/** What else the billing history says per charge key: what voids waived, the VAT its latest charge had. */
export type PlanningHistory = { waived?: BilledAmounts | undefined; chargedTax?: ReadonlyMap<string, ChargedTax> | undefined };

function toLine(target: ChargeTarget, amountMinor: bigint, billedBeforeMinor: bigint, billingDate: string): PlannedLine {
  const { chargeDueDate: _charge, creditDueDate, ...rest } = target;
  const line: PlannedLine = { ...rest, lineKind: amountMinor > 0n ? 'charge' : 'credit', amountMinor, billedBeforeMinor, billingDate, note: noteOf(target, amountMinor, billedBeforeMinor) };
  // A credit covers the unused time: from the day the service stopped to the period end.
  if (amountMinor < 0n && target.billingPeriodEndDate !== null && creditDueDate < target.billingPeriodEndDate) {
    return { ...line, serviceStartDate: creditDueDate, serviceEndDate: target.billingPeriodEndDate };
  }
  return line;
}

/** The proration note printed on the line ("prorated 17/31 days"). */
function noteOf(target: ChargeTarget, amountMinor: bigint, billedBeforeMinor: bigint): string | null {
  const days = { billableDays: target.billableDays, periodDays: target.periodDays };
  if (amountMinor < 0n) return lineNoteText({ kind: 'credit', ...days, billedBeforeMinor });
  if (billedBeforeMinor !== 0n) return lineNoteText({ kind: 'adjustment', ...days, billedBeforeMinor });
  if (target.itemKind === 'usage') return usageNote(target);
  if (target.billingPeriodStartDate !== null && target.billableDays < target.periodDays) return lineNoteText({ kind: 'prorated', ...days });
  return null;
}

/** "usage 2 (unique_count) in … (exclusive); rated 800, minimum commitment 2000: true-up 1200" (line-note.ts). */
function usageNote(target: ChargeTarget): string {
  const rating = target.usageRating;
  const trueUp = rating && rating.minimumMinor !== null && rating.minimumMinor > rating.ratedMinor ? { ratedMinor: rating.ratedMinor, minimumMinor: rating.minimumMinor } : null;
  return usageNoteText({ quantity: target.quantity, aggregation: rating ? rating.aggregation : null, startDate: target.serviceStartDate, endDate: target.serviceEndDate, trueUp });
}
