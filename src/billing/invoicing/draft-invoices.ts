import { ownerScope } from '../../crm/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { DateError, parsePlainDate } from '../../shared/dates.ts';
import { fieldError } from '../field-errors.ts';
import { getSubscriptionRow, loadSubscriptionDetail } from '../subscription-repo.ts';
import { loadBilledAmounts } from './billed-amounts.ts';
import type { PlannedLine } from './charge-types.ts';
import { documentDateFor } from './document-dates.ts';
import { issueCreditNote } from './issue-credit-note.ts';
import { lineColumns } from './line-columns.ts';
import { planLines } from './plan-lines.ts';
import { loadUsageLookup } from '../usage-rating/usage-lookup.ts';
import { writeInvoiceLines } from './write-invoice-lines.ts';
import { NO_TAX, resolveTaxContext, type TaxContext } from '../tax/tax-context.ts';

export type DraftInvoicesInput = { subscriptionId: string; throughDate: string };
export type DraftInvoicesResult = { invoiceIds: string[]; creditNoteIds: string[] };

/**
 * Bills one subscription through `throughDate` (inclusive) as draft invoices — the billing run's
 * unit of work, also called by the order chain right after creating a subscription. Idempotent:
 * it bills only what is due and not yet billed (docs/billing.md), under the subscription's row
 * lock, in the caller's transaction when there is one.
 */
export async function draftInvoicesForSubscription(ctx: Ctx, input: DraftInvoicesInput): Promise<DraftInvoicesResult> {
  const throughDate = checkedDate(input.throughDate, 'throughDate');
  return inTransaction(ctx, async (tx) => {
    const row = await getSubscriptionRow(tx, await ownerScope(tx), input.subscriptionId, true);
    const subject = await loadSubscriptionDetail(tx, row);
    const usageKeys = subject.itemVersions.filter((version) => version.kind === 'usage').map((version) => version.itemKey);
    const usage = await loadUsageLookup(tx, subject.accountId, usageKeys, throughDate);
    const lines = planLines(subject, throughDate, await loadBilledAmounts(tx, subject.id), usage);
    const tax = lines.length === 0 ? NO_TAX : await resolveTaxContext(tx, subject.accountId);
    const result: DraftInvoicesResult = { invoiceIds: [], creditNoteIds: [] };
    for (const [billingDate, group] of groupByBillingDate(lines)) {
      const invoiceId = await writeInvoiceLines(tx, subject, billingDate, group, tax);
      if (invoiceId !== null) {
        if (!result.invoiceIds.includes(invoiceId)) result.invoiceIds.push(invoiceId);
        continue;
      }
      result.creditNoteIds.push((await issueAdjustmentCredit(tx, subject, billingDate, group, tax)).id);
    }
    return result;
  });
}

/** A net credit (a cancellation, an immediate downgrade) is issued at once as a credit note. */
async function issueAdjustmentCredit(tx: TxCtx, subject: { id: string; accountId: string; currency: string }, billingDate: string, lines: PlannedLine[], tax: TaxContext) {
  return issueCreditNote(tx, {
    kind: 'adjustment', accountId: subject.accountId, subscriptionId: subject.id, invoiceId: null, currency: subject.currency,
    issueDate: documentDateFor(tx, billingDate), billingDate, reason: `Credit for unused time (subscription change on ${billingDate})`,
    lines: lines.map((line) => lineColumns(line, subject.currency, tax)),
  });
}

export function groupByBillingDate(lines: readonly PlannedLine[]): Map<string, PlannedLine[]> {
  const groups = new Map<string, PlannedLine[]>();
  for (const line of lines) groups.set(line.billingDate, [...(groups.get(line.billingDate) ?? []), line]);
  return groups;
}

export function checkedDate(value: string, field: string): string {
  try {
    parsePlainDate(value);
    return value;
  } catch (error) {
    if (error instanceof DateError) throw fieldError(field, 'expected a calendar date as YYYY-MM-DD');
    throw error;
  }
}
