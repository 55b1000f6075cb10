import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { DateError, parsePlainDate } from '../../shared/dates.ts';
import { assert, notFound } from '../../shared/errors.ts';
import { fieldError } from '../field-errors.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';
import { loadUsageLookup, NO_USAGE } from '../usage-rating/usage-lookup.ts';
import { resolveTaxContext, type TaxContext } from '../tax/tax-context.ts';
import { loadBillingHistoryFor } from './billed-amounts.ts';
import type { PlannedLine } from './charge-types.ts';
import { documentDateFor } from './document-dates.ts';
import { issueCreditNote } from './issue-credit-note.ts';
import { lineColumns } from './line-columns.ts';
import { renewDueSubscriptions } from '../renew-subscriptions.ts';
import { loadBillingSubjects } from './load-billing-subjects.ts';
import { planLines } from './plan-lines.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow } from './tables.ts';
import { insertNewDrafts, type NewDraft, type WrittenDrafts } from './write-new-drafts.ts';
import { writeInvoiceLines } from './write-invoice-lines.ts';

export type DraftInvoicesInput = { subscriptionId: string; throughDate: string };
export type DraftInvoicesResult = { invoiceIds: string[]; creditNoteIds: string[] };

/**
 * Bills one subscription through `throughDate` (inclusive) as draft invoices — the billing run's
 * unit of work for a chunk of one: the order chain calls it right after creating a subscription,
 * the preview in a rolled-back transaction. Idempotent: it bills only what is due and not yet
 * billed (docs/billing.md), under the subscription's row lock, in the caller's transaction when
 * there is one.
 */
export async function draftInvoicesForSubscription(ctx: Ctx, input: DraftInvoicesInput): Promise<DraftInvoicesResult> {
  const throughDate = checkedDate(input.throughDate, 'throughDate');
  return inTransaction(ctx, async (tx) => {
    const result = (await draftInvoicesForSubscriptions(tx, [input.subscriptionId], throughDate)).get(input.subscriptionId);
    if (!result) throw notFound('subscription', input.subscriptionId);
    return result;
  });
}

/**
 * draftInvoicesForSubscription for a subscription the caller has just created or changed in its
 * transaction (the order chain): `subject` is the subscription as written there, under the row lock
 * its write holds, so it is billed without being read again. An imported subscription (billed from
 * its cut-over, see loadBillingSubjects) is read as usual.
 */
export async function draftInvoicesForWrittenSubscription(tx: TxCtx, subject: SubscriptionDetail, throughDate: string): Promise<DraftInvoicesResult> {
  const known = subject.sourceSystem === null ? new Map([[subject.id, subject]]) : undefined;
  const result = (await draftChunk(tx, [subject.id], checkedDate(throughDate, 'throughDate'), null, known)).results.get(subject.id);
  if (!result) throw notFound('subscription', subject.id);
  return result;
}

type Slot = { kind: 'invoice'; id: string } | { kind: 'credit_note'; id: string } | { kind: 'new'; index: number };

/**
 * The run's unit of work (docs/billing.md "Billing run"): many subscriptions in the caller's
 * transaction, each under its row lock. Subjects, billed amounts and the open invoices of the due
 * dates are read in a few statements; lines are planned in memory by the pure planLines; new drafts
 * (the common case) are written with multi-row inserts. The rare cases — lines added to a draft
 * still open, a net credit issued as a credit note — take the one-document paths. A subscription
 * missing from the map is unknown or outside the actor's scope.
 */
export async function draftInvoicesForSubscriptions(tx: TxCtx, subscriptionIds: readonly string[], throughDate: string): Promise<Map<string, DraftInvoicesResult>> {
  return (await draftChunk(tx, subscriptionIds, throughDate)).results;
}

/**
 * draftInvoicesForSubscriptions, also giving the new drafts as written (the run issues them next
 * without reading them back). With `holdThrough` (the run issuing through that date) the new drafts
 * due by it are not inserted but held for the issue, which writes them once, as issued.
 */
export async function draftChunk(
  tx: TxCtx, subscriptionIds: readonly string[], throughDate: string, holdThrough: string | null = null, known?: Map<string, SubscriptionDetail>,
): Promise<{ results: Map<string, DraftInvoicesResult>; written: WrittenDrafts }> {
  const subjects = known ?? await loadBillingSubjects(tx, subscriptionIds);
  // A term that ended by the date renews first (autoRenew), so its next period is billed like any other.
  await renewDueSubscriptions(tx, subjects, throughDate);
  const histories = await loadBillingHistoryFor(tx, [...subjects.keys()]);
  const taxes = new Map<string, TaxContext>();
  const plans: Array<{ subject: SubscriptionDetail; tax: TaxContext; groups: Map<string, PlannedLine[]> }> = [];
  for (const subject of subjects.values()) {
    const usageVersions = subject.itemVersions.filter((version) => version.kind === 'usage');
    const usageKeys = usageVersions.map((version) => version.itemKey);
    // Keys aggregated otherwise than by sum are read as raw events (count, max, unique count, latest).
    const rawKeys = usageVersions.filter((version) => (version.usagePricing?.aggregation ?? 'sum') !== 'sum').map((version) => version.itemKey);
    const usage = usageKeys.length === 0 ? NO_USAGE : await loadUsageLookup(tx, subject.accountId, usageKeys, throughDate, rawKeys);
    const history = histories.get(subject.id);
    const lines = planLines(subject, throughDate, history?.billed ?? new Map(), usage, { waived: history?.waived, chargedTax: history?.chargedTax });
    if (lines.length === 0) continue;
    const tax = taxes.get(subject.accountId) ?? await resolveTaxContext(tx, subject.accountId);
    taxes.set(subject.accountId, tax);
    plans.push({ subject, tax, groups: groupByBillingDate(lines) });
  }
  const latest = await lockLatestInvoices(tx, plans.flatMap(({ subject, groups }) => [...groups.keys()].map((date) => ({ subscriptionId: subject.id, billingDate: date }))));
  const fresh: NewDraft[] = [];
  const slots = new Map<string, Slot[]>();
  for (const { subject, tax, groups } of plans) {
    const own: Slot[] = [];
    for (const [billingDate, group] of groups) {
      const columns = group.map((line) => lineColumns(line, subject.currency, tax));
      const added = columns.reduce((sum, line) => sum + netAmountMinor(line) + line.tax_minor, 0n);
      const prior = latest.get(`${subject.id}|${billingDate}`);
      if (prior?.status === 'draft' && prior.total_minor + added >= 0n) {
        // Drafts stay editable: the open draft of that date takes the lines (one-document path).
        const invoiceId = await writeInvoiceLines(tx, subject, billingDate, group, tax);
        assert(invoiceId !== null, `subscription ${subject.id}: the open draft of ${billingDate} refused lines it can absorb`);
        own.push({ kind: 'invoice', id: invoiceId });
      } else if (added < 0n) {
        own.push({ kind: 'credit_note', id: (await issueAdjustmentCredit(tx, subject, billingDate, group, tax)).id });
      } else {
        own.push({ kind: 'new', index: fresh.length });
        fresh.push({ subject, billingDate, sequence: (prior?.billing_sequence ?? 0) + 1, taxNote: tax.note, lines: columns });
      }
    }
    slots.set(subject.id, own);
  }
  const written = await insertNewDrafts(tx, fresh, holdThrough);
  const freshIds = written.invoices.map((invoice) => invoice.id);
  return { results: new Map([...subjects.keys()].map((id) => [id, resultOf(slots.get(id) ?? [], freshIds)])), written };
}

function resultOf(slots: readonly Slot[], freshIds: readonly string[]): DraftInvoicesResult {
  const result: DraftInvoicesResult = { invoiceIds: [], creditNoteIds: [] };
  for (const slot of slots) {
    if (slot.kind === 'credit_note') result.creditNoteIds.push(slot.id);
    else {
      const id = slot.kind === 'invoice' ? slot.id : freshIds[slot.index] ?? '';
      if (!result.invoiceIds.includes(id)) result.invoiceIds.push(id);
    }
  }
  return result;
}

/**
 * The latest invoice (highest sequence) of each (subscription, billing date), row-locked so a
 * draft about to take lines cannot be issued meanwhile. In id order, like every bulk lock here.
 */
async function lockLatestInvoices(tx: TxCtx, keys: ReadonlyArray<{ subscriptionId: string; billingDate: string }>): Promise<Map<string, BilledInvoiceRow>> {
  const latest = new Map<string, BilledInvoiceRow>();
  if (keys.length === 0) return latest;
  const rows = await invoicingDb(tx).selectFrom('invoices').selectAll()
    .where('subscription_id', 'in', [...new Set(keys.map((key) => key.subscriptionId))])
    .where('billing_date', 'in', [...new Set(keys.map((key) => key.billingDate))])
    .orderBy('id').forUpdate().execute();
  for (const row of rows) {
    const key = `${row.subscription_id ?? ''}|${row.billing_date ?? ''}`;
    const current = latest.get(key);
    if (!current || (row.billing_sequence ?? 0) > (current.billing_sequence ?? 0)) latest.set(key, row);
  }
  return latest;
}

/** A net credit (a cancellation, an immediate downgrade) is issued at once as a credit note. */
async function issueAdjustmentCredit(tx: TxCtx, subject: { id: string; accountId: string; currency: string }, billingDate: string, lines: PlannedLine[], tax: TaxContext) {
  return issueCreditNote(tx, {
    kind: 'adjustment', accountId: subject.accountId, subscriptionId: subject.id, invoiceId: null, currency: subject.currency,
    issueDate: documentDateFor(tx, billingDate), billingDate, reason: `Credit for unused time (subscription change on ${billingDate})`, taxNote: tax.note,
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
