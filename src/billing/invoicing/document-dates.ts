import type { Ctx } from '../../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { assert } from '../../shared/errors.ts';
import type { PaymentTerms } from '../payment-terms/payment-terms.ts';
import { findPaymentTermsFor } from '../payment-terms/terms-repo.ts';

/** Documents are dated today, or on their billing date when the run looks ahead (never before it). */
export function documentDateFor(ctx: Ctx, billingDate: string | null): string {
  const today = toIsoDate(ctx.clock.today());
  return billingDate !== null && billingDate > today ? billingDate : today;
}

/**
 * The due date of a document issued on `issueDate` under `terms` (docs/billing.md "Payment terms"):
 * net N = issue + N days; due on receipt = the issue date; end of month + N = the last day of the
 * issue month + N days (Jan 15, EOM + 10 → Feb 10; Feb 20 2028, EOM + 0 → Feb 29).
 */
export function dueDateFor(issueDate: string, terms: PaymentTerms): string {
  const issued = parsePlainDate(issueDate);
  if (terms.kind === 'due_on_receipt') return toIsoDate(issued);
  const from = terms.kind === 'end_of_month' ? issued.with({ day: issued.daysInMonth }) : issued;
  return toIsoDate(from.add({ days: terms.days }));
}

/**
 * Due dates for a batch of documents at issue, from each account's payment terms (its own, else the
 * default setting, else net 30). Terms apply at issue only: an issued invoice keeps its due date.
 */
export async function dueDatesAtIssue(ctx: Ctx, documents: ReadonlyArray<{ accountId: string; issueDate: string }>): Promise<string[]> {
  const terms = await findPaymentTermsFor(ctx, documents.map((document) => document.accountId));
  // A batch has few distinct (issue date, terms): each due date is worked out once (Temporal is slow).
  const known = new Map<string, string>();
  return documents.map((document) => {
    const accountTerms = terms.get(document.accountId);
    assert(accountTerms, `no payment terms resolved for account ${document.accountId}`);
    const key = `${document.issueDate}|${accountTerms.kind}|${accountTerms.days}`;
    let due = known.get(key);
    if (due === undefined) known.set(key, due = dueDateFor(document.issueDate, accountTerms));
    return due;
  });
}
