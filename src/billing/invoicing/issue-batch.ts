import { sql } from 'kysely';
import { checkedJournalEntryIds, checkJournalEntries, postCheckedJournalEntries, writeCheckedJournalLines, type PostJournalEntryInput } from '../../ledger/index.ts';
import { prepareAuditEntries, recordAuditEntries } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { publishEvents } from '../../shared/events/index.ts';
import { nowOf } from '../billing-db.ts';
import { recognitionDescription, recognitionEntry } from '../recognition/recognition-entry.ts';
import { insertRecognitions, recognitionsOnIssue } from '../recognition/recognize-revenue.ts';
import { documentDateFor, dueDatesAtIssue } from './document-dates.ts';
import { nextDocumentNumbers } from './document-numbers.ts';
import { documentEntryInput } from './document-posting.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow, type BilledLineRow } from './tables.ts';
import { customerColumns, readCustomersAtIssue, type CustomerAtIssue } from './customer-at-issue.ts';
import { summary } from './write-invoice-lines.ts';
import { insertInvoiceLines, insertInvoiceRows, type DraftLineRow } from './write-new-drafts.ts';

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
  // The customer as it is at issue, copied onto the invoice (migrations 202612131000, 202612140300), one read for the batch.
  const customers = await readCustomersAtIssue(tx, drafts.map((draft) => draft.account_id));
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
  const recognized = recognitions.filter((one) => one.total !== 0n);
  const checked = await checkJournalEntries(tx, [
    ...posted.map(({ entry }) => entry),
    ...recognized.map((one): PostJournalEntryInput => recognitionEntry(one.invoice, through ?? '', one.total)),
  ]);
  // The entries' ids are known now (their numbers are not): the rows that need no number — the
  // held invoices' lines, the entries' lines, the recognitions — are written before the numbers are
  // taken, so other chunks do not wait on the series row for them (each key deferred to commit).
  const checkedIds = checkedJournalEntryIds(checked);
  const entryIds = new Array<string | null>(drafts.length).fill(null);
  posted.forEach(({ index }, at) => (entryIds[index] = checkedIds[at] ?? null));
  const unwritten = options.unwritten ?? { ids: new Set<string>(), lines: new Map<string, readonly DraftLineRow[]>() };
  await insertHeldLines(tx, drafts, unwritten);
  const linesWritten = await writeCheckedJournalLines(tx, checked);
  if (through !== null) {
    const recognitionIds = new Map(recognized.map((one, at) => [one.invoice.id, checkedIds[posted.length + at] ?? null]));
    await insertRecognitions(tx, recognitions, through, recognitionIds);
  }
  // From here to commit: INV block, then JE block (lock order INV → JE → audit head, as everywhere).
  const numbers = await nextDocumentNumbers(tx, 'INV', issueDates);
  const numberOf = new Map(drafts.map((draft, index) => [draft.id, numbers[index] ?? '']));
  // Every other chunk waits for this one's commit from here on, so this process and the database
  // work side by side: the writes are started one after another without waiting for each (the
  // transaction's connection runs them in order), each built while the ones before it run, and the
  // audit entries are written out while the last ones run (prepareAuditEntries). The audit chain
  // keeps its order: the entries' `post` rows (recorded by postCheckedJournalEntries once its
  // insert is done) before the invoices' `issue` rows.
  const writes = new InFlight();
  try {
    const posting = writes.start(postCheckedJournalEntries(tx, linesWritten, [
      ...posted.map(({ index }) => `Invoice ${numbers[index] ?? ''}`),
      ...recognized.map((one) => recognitionDescription({ id: one.invoice.id, number: numberOf.get(one.invoice.id) ?? null }, through ?? '')),
    ]));
    const issued = issuedRows(tx, drafts.map((draft, index) => {
      const customer = customers.get(draft.account_id);
      assert(customer, `invoice ${draft.id}: account ${draft.account_id} not found at issue`);
      return { draft, number: numbers[index] ?? '', issueDate: issueDates[index] ?? '', journalEntryId: entryIds[index] ?? null, dueDate: dueDates[index] ?? '', customer };
    }));
    writes.start(writeIssued(tx, issued, unwritten));
    writes.start(publishEvents(tx, issued.map(({ row }) => ({
      type: 'invoice.issued', aggregateType: 'invoice', aggregateId: row.id,
      payload: {
        invoiceId: row.id, number: row.number, accountId: row.account_id, subscriptionId: row.subscription_id, currency: row.currency,
        totalMinor: row.total_minor.toString(), issueDate: row.issue_date, dueDate: row.due_date,
      },
    }))));
    const refs = await posting;
    refs.forEach((ref, at) => assert(ref.id === checkedIds[at], `journal entry ${at} posted as ${ref.id}, checked as ${checkedIds[at] ?? ''}`));
    await recordAuditEntries(tx, issued.map(({ row }, index) => {
      const before = drafts[index];
      assert(before, `invoice ${row.id} has no draft before it`);
      return { action: 'issue', entityType: 'invoice', entityId: row.id, before: summary(before), after: summary(row) };
    }));
    prepareAuditEntries(tx);
    await writes.done();
    return { issued: issued.map((row) => row.row), recognitionEntries: recognized.length };
  } catch (error) {
    // Nothing may run on the connection after the caller's rollback: every write started is waited for first.
    await writes.settled();
    throw error;
  }
}

/**
 * Statements started on one transaction's connection and not waited for yet. done() waits for all
 * and throws the first failure in start order (a failed statement aborts the transaction, so the
 * ones after it fail only with that); settled() waits for all, whatever the outcome.
 */
class InFlight {
  readonly #started: Array<Promise<unknown>> = [];

  start<T>(promise: Promise<T>): Promise<T> {
    this.#started.push(promise);
    promise.catch(() => undefined);
    return promise;
  }

  async done(): Promise<void> {
    const outcomes = await Promise.allSettled(this.#started);
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async settled(): Promise<void> {
    await Promise.allSettled(this.#started);
  }
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

type IssueColumns = { draft: BilledInvoiceRow; number: string; issueDate: string; dueDate: string; journalEntryId: string | null; customer: CustomerAtIssue };

const ROWS_PER_UPDATE = 2_000;

type Issued = { row: BilledInvoiceRow; columns: IssueColumns; now: Date };

/**
 * The invoices as issued: status, number, dates, entry; amount due = total − paid; the version one
 * up, as one update makes it (`row`; with the columns they are issued with).
 */
function issuedRows(tx: TxCtx, rows: readonly IssueColumns[]): Issued[] {
  const now = nowOf(tx);
  return rows.map((columns): Issued => {
    const { draft, number, issueDate, dueDate, journalEntryId, customer } = columns;
    const row: BilledInvoiceRow = {
      ...draft, status: 'issued', number, issue_date: issueDate, due_date: dueDate, issued_at: now, amount_due_minor: draft.total_minor - draft.amount_paid_minor,
      journal_entry_id: journalEntryId, ...customerColumns(customer), updated_at: now, version: draft.version + 1,
    };
    return { row, columns, now };
  });
}

/**
 * Writes the issued invoices: drafts in the table are updated (markIssued); drafts not written yet
 * (`unwritten`) are inserted as issued (insertInvoiceRows), the same rows; their lines are in the
 * table already (insertHeldLines).
 */
async function writeIssued(tx: TxCtx, issued: readonly Issued[], unwritten: NonNullable<IssueBatchOptions['unwritten']>): Promise<void> {
  const now = issued[0]?.now ?? nowOf(tx);
  await markIssued(tx, issued.filter((one) => !unwritten.ids.has(one.row.id)).map((one) => one.columns), now);
  await insertInvoiceRows(tx, issued.filter((one) => unwritten.ids.has(one.row.id)).map((one) => one.row), []);
}

/**
 * The lines of the drafts not written yet (insertNewDrafts' held ones), before their invoices: an
 * issued invoice takes no lines (the trigger of migration 202611230051), so its lines go first, with
 * their key to it deferred to commit (migration 202612091000); writeIssued writes the invoices.
 */
async function insertHeldLines(tx: TxCtx, drafts: readonly BilledInvoiceRow[], unwritten: NonNullable<IssueBatchOptions['unwritten']>): Promise<void> {
  if (unwritten.ids.size === 0) return;
  await insertInvoiceLines(tx, drafts.filter((draft) => unwritten.ids.has(draft.id)).flatMap((draft) => {
    const own = unwritten.lines.get(draft.id);
    assert(own !== undefined, `invoice ${draft.id} is not written and its lines are not given`);
    return own;
  }));
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
      customer_name = v.customer_name, customer_country = v.customer_country, customer_tax_id = v.customer_tax_id,
      customer_address = v.customer_address, updated_at = ${now}, version = i.version + 1
      from unnest(${slice.map((row) => row.draft.id)}::text[], ${slice.map((row) => row.number)}::text[], ${slice.map((row) => row.issueDate)}::text[],
        ${slice.map((row) => row.dueDate)}::text[], ${slice.map((row) => row.journalEntryId)}::text[], ${slice.map((row) => row.customer.name)}::text[],
        ${slice.map((row) => row.customer.country)}::text[], ${slice.map((row) => row.customer.taxId)}::text[],
        ${slice.map((row) => row.customer.address)}::text[])
        as v(id, number, issue_date, due_date, journal_entry_id, customer_name, customer_country, customer_tax_id, customer_address)
      where i.id = v.id and i.status = 'draft'`.execute(tx.db);
    assert(result.numAffectedRows === BigInt(slice.length), `issued ${String(result.numAffectedRows)} of ${slice.length} locked drafts`);
  }
}
