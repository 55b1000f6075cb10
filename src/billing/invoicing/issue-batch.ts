import { sql } from 'kysely';
import { checkJournalEntries, postCheckedJournalEntries, type PostJournalEntryInput } from '../../ledger/index.ts';
import { recordAuditEntries } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { publishEvents } from '../../shared/events/index.ts';
import { nowOf } from '../billing-db.ts';
import { insertRecognitions, recognitionDescription, recognitionEntry, recognitionsOnIssue } from '../recognition/recognize-revenue.ts';
import { documentDateFor, dueDatesAtIssue } from './document-dates.ts';
import { nextDocumentNumbers } from './document-numbers.ts';
import { documentEntryInput } from './document-posting.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow, type BilledLineRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';
import { insertInvoiceRows, type DraftLineRow } from './write-new-drafts.ts';

export type IssueBatchOptions = {
  /** Also recognise the issued invoices' deferred revenue through this date (the daily job's rows, posted now). */
  recognizeThrough?: string | null;
  /** Lines of drafts the caller has just made, by invoice id (not read back); the others' lines are read. */
  knownLines?: ReadonlyMap<string, readonly IssuedLine[]>;
  /**
   * Drafts the caller has made but not inserted (insertNewDrafts' held ones) and their lines:
   * written here once, as issued, instead of inserted as drafts and updated.
   */
  unwritten?: { ids: ReadonlySet<string>; lines: ReadonlyMap<string, readonly DraftLineRow[]> };
};
/** What issuing needs of a line: its amounts, kind and service span. */
export type IssuedLine = Pick<BilledLineRow, 'line_number' | 'amount_minor' | 'tax_minor' | 'tax_inclusive' | 'recognition' | 'revenue_kind' | 'period_start_date' | 'period_end_date'>;
export type IssueBatchResult = { issued: BilledInvoiceRow[]; recognitionEntries: number };

/**
 * Issues drafts the caller has row-locked (docs/billing.md "Billing run", step 3). Everything that
 * needs no number comes first — issue and due dates, lines, the journal entries built and checked
 * (keys, accounts, open months), the recognition of the day — and the gapless numbers last: the INV
 * series row and then the JE counter are locked from when their block is taken until commit, so
 * what is done before them does not hold up other chunks waiting for the same series. Then the
 * writes: entries, the invoices marked issued, recognitions, audit rows, invoice.issued events.
 */
export async function issueDraftBatch(tx: TxCtx, drafts: readonly BilledInvoiceRow[], options: IssueBatchOptions = {}): Promise<IssueBatchResult> {
  if (drafts.length === 0) return { issued: [], recognitionEntries: 0 };
  for (const draft of drafts) assert(draft.status === 'draft', `invoice ${draft.id} is ${draft.status}, not a locked draft`);
  const issueDates = issueDatesOf(tx, drafts);
  // The account's payment terms at issue (docs/billing.md "Payment terms"), one read for the batch.
  const dueDates = await dueDatesAtIssue(tx, drafts.map((draft, index) => ({ accountId: draft.account_id, issueDate: issueDates[index] ?? '' })));
  const known = options.knownLines ?? new Map<string, readonly IssuedLine[]>();
  const lines = new Map<string, readonly IssuedLine[]>([...known, ...await loadLinesOf(tx, drafts.map((draft) => draft.id).filter((id) => !known.has(id)))]);
  const issueEntries = drafts.map((draft, index) => documentEntryInput({
    lines: (lines.get(draft.id) ?? []).map((line) => ({ amountMinor: netAmountMinor(line), taxMinor: line.tax_minor, recognition: line.recognition, revenueKind: line.revenue_kind })),
    // The description names the number, taken below: the id stands in until then.
    sign: 1n, currency: draft.currency, entryDate: issueDates[index] ?? '', description: `Invoice ${draft.id}`, source: { type: 'invoice', id: draft.id },
    refs: { accountId: draft.account_id, invoiceId: draft.id, ...(draft.subscription_id ? { subscriptionId: draft.subscription_id } : {}) },
  }));
  const through = options.recognizeThrough ?? null;
  const recognitions = through === null ? [] : recognitionsOnIssue(drafts.map((invoice, index) => ({
    invoice, issueDate: issueDates[index] ?? '', lines: lines.get(invoice.id) ?? [],
  })), through);
  const posted = issueEntries.flatMap((entry, index) => (entry === null ? [] : [{ entry, index }]));
  const checked = await checkJournalEntries(tx, [
    ...posted.map(({ entry }) => entry),
    ...recognitions.filter((one) => one.total !== 0n).map((one): PostJournalEntryInput => recognitionEntry(one.invoice, through ?? '', one.total)),
  ]);
  // From here to commit: INV block, then JE block (lock order INV → JE → audit head, as everywhere).
  const numbers = await nextDocumentNumbers(tx, 'INV', issueDates);
  const numberOf = new Map(drafts.map((draft, index) => [draft.id, numbers[index] ?? '']));
  const recognized = recognitions.filter((one) => one.total !== 0n);
  const refs = await postCheckedJournalEntries(tx, checked, [
    ...posted.map(({ index }) => `Invoice ${numbers[index] ?? ''}`),
    ...recognized.map((one) => recognitionDescription({ id: one.invoice.id, number: numberOf.get(one.invoice.id) ?? null }, through ?? '')),
  ]);
  const entryIds = new Array<string | null>(drafts.length).fill(null);
  posted.forEach(({ index }, at) => (entryIds[index] = refs[at]?.id ?? null));
  const issued = await writeIssued(tx, drafts.map((draft, index) => ({
    draft, number: numbers[index] ?? '', issueDate: issueDates[index] ?? '', journalEntryId: entryIds[index] ?? null, dueDate: dueDates[index] ?? '',
  })), options.unwritten ?? { ids: new Set(), lines: new Map() });
  if (through !== null) {
    const recognitionIds = new Map(recognized.map((one, at) => [one.invoice.id, refs[posted.length + at]?.id ?? null]));
    await insertRecognitions(tx, recognitions, through, recognitionIds);
  }
  await recordAuditEntries(tx, issued.map((row, index) => {
    const before = drafts[index];
    assert(before, `invoice ${row.id} has no draft before it`);
    return { action: 'issue', entityType: 'invoice', entityId: row.id, before: summary(before), after: summary(row) };
  }));
  await publishEvents(tx, issued.map((row) => ({
    type: 'invoice.issued', aggregateType: 'invoice', aggregateId: row.id,
    payload: {
      invoiceId: row.id, number: row.number, accountId: row.account_id, subscriptionId: row.subscription_id, currency: row.currency,
      totalMinor: row.total_minor.toString(), issueDate: row.issue_date, dueDate: row.due_date,
    },
  })));
  return { issued, recognitionEntries: recognized.length };
}

/** One date per billing date (documentDateFor reads the clock, a Temporal conversion each time). */
function issueDatesOf(tx: TxCtx, drafts: readonly BilledInvoiceRow[]): string[] {
  const dateByBillingDate = new Map<string | null, string>();
  return drafts.map((draft) => {
    let date = dateByBillingDate.get(draft.billing_date);
    if (date === undefined) dateByBillingDate.set(draft.billing_date, date = documentDateFor(tx, draft.billing_date));
    return date;
  });
}

async function loadLinesOf(tx: TxCtx, invoiceIds: readonly string[]): Promise<Map<string, BilledLineRow[]>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await invoicingDb(tx).selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', [...invoiceIds])
    .orderBy('invoice_id').orderBy('line_number').execute();
  const byInvoice = new Map<string, BilledLineRow[]>();
  for (const row of rows) {
    const own = byInvoice.get(row.invoice_id);
    if (own) own.push(row);
    else byInvoice.set(row.invoice_id, [row]);
  }
  return byInvoice;
}

type IssueColumns = { draft: BilledInvoiceRow; number: string; issueDate: string; dueDate: string; journalEntryId: string | null };
const ROWS_PER_UPDATE = 2_000;

/**
 * The invoices as issued: status, number, dates, entry; amount due = total − paid; the version one
 * up, as one update makes it. Drafts in the table are updated (markIssued); drafts not written yet
 * (`unwritten`) are inserted as issued with their lines (insertInvoiceRows), the same rows.
 */
async function writeIssued(tx: TxCtx, rows: readonly IssueColumns[], unwritten: NonNullable<IssueBatchOptions['unwritten']>): Promise<BilledInvoiceRow[]> {
  const now = nowOf(tx);
  const issued = rows.map(({ draft, number, issueDate, dueDate, journalEntryId }): BilledInvoiceRow => ({
    ...draft, status: 'issued', number, issue_date: issueDate, due_date: dueDate, issued_at: now, amount_due_minor: draft.total_minor - draft.amount_paid_minor,
    journal_entry_id: journalEntryId, updated_at: now, version: draft.version + 1,
  }));
  if (unwritten.ids.size === 0) {
    await markIssued(tx, rows, now);
    return issued;
  }
  await markIssued(tx, rows.filter((row) => !unwritten.ids.has(row.draft.id)), now);
  const inserted = issued.filter((row) => unwritten.ids.has(row.id));
  await insertInvoiceRows(tx, inserted, inserted.flatMap((row) => {
    const own = unwritten.lines.get(row.id);
    assert(own !== undefined, `invoice ${row.id} is not written and its lines are not given`);
    return own;
  }));
  return issued;
}

/**
 * One UPDATE … FROM unnest(arrays) per slice (one parameter a column). The rows as updated are
 * built by the caller rather than sent back (RETURNING would parse every column of every row
 * again); the count of rows updated must be the count of drafts.
 */
async function markIssued(tx: TxCtx, rows: readonly IssueColumns[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_UPDATE) {
    const slice = rows.slice(i, i + ROWS_PER_UPDATE);
    const result = await sql`update invoices as i set status = 'issued', number = v.number, issue_date = v.issue_date::date,
      due_date = v.due_date::date, issued_at = ${now}, amount_due_minor = i.total_minor - i.amount_paid_minor, journal_entry_id = v.journal_entry_id,
      updated_at = ${now}, version = i.version + 1
      from unnest(${slice.map((row) => row.draft.id)}::text[], ${slice.map((row) => row.number)}::text[], ${slice.map((row) => row.issueDate)}::text[],
        ${slice.map((row) => row.dueDate)}::text[], ${slice.map((row) => row.journalEntryId)}::text[]) as v(id, number, issue_date, due_date, journal_entry_id)
      where i.id = v.id and i.status = 'draft'`.execute(tx.db);
    assert(result.numAffectedRows === BigInt(slice.length), `issued ${String(result.numAffectedRows)} of ${slice.length} locked drafts`);
  }
}
