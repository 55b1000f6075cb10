import { sql, type Selectable } from 'kysely';
import { postJournalEntries } from '../../ledger/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { insertRowsUnnest, type UnnestColumn } from '../../shared/db/insert-unnest.ts';
import { nowOf } from '../billing-db.ts';
import { checkedDate } from '../invoicing/draft-invoices.ts';
import { invoicingDb, type BilledInvoiceRow, type BilledLineRow, type RevenueRecognitionsTable } from '../invoicing/tables.ts';
import { recognitionEntry } from './recognition-entry.ts';
import { recognitionDeltas } from './recognition-schedule.ts';
import { recognizeCreditNotes } from './recognize-credit-notes.ts';


export type RecognitionResult = { date: string; invoices: number; entries: number; recognizedMinor: Record<string, string> };

/** Invoices recognised in one transaction. */
const CHUNK = 1_000;

type RecognitionRow = Selectable<RevenueRecognitionsTable>;
// One array per column (insertRowsUnnest): one parameter a column, not one a cell.
const RECOGNITION_COLUMNS: ReadonlyArray<UnnestColumn<RecognitionRow>> = [
  { name: 'invoice_id', type: 'text', value: (row) => row.invoice_id },
  { name: 'line_number', type: 'integer', value: (row) => row.line_number },
  { name: 'recognition_date', type: 'date', value: (row) => row.recognition_date },
  { name: 'currency', type: 'text', value: (row) => row.currency },
  { name: 'amount_minor', type: 'bigint', value: (row) => row.amount_minor },
  { name: 'journal_entry_id', type: 'text', value: (row) => row.journal_entry_id },
  { name: 'created_at', type: 'timestamptz', value: (row) => row.created_at },
];

/**
 * The daily job: moves deferred revenue to revenue for every issued (or paid) invoice's deferred
 * lines, ratably by day through `date`. Idempotent per (invoice line, date) by the primary key of
 * revenue_recognitions and per (invoice, date) by the entry's idempotency key; a day skipped is
 * caught up by the next run (amounts are cumulative). One transaction per chunk of invoices, each
 * invoice row-locked and re-checked inside it, so a concurrent or repeated run posts nothing twice.
 */
export async function recognizeRevenue(ctx: Ctx, input: { date: string }): Promise<RecognitionResult> {
  const date = checkedDate(input.date, 'date');
  const invoices = await invoicingDb(ctx).selectFrom('invoices').select('id').distinct()
    .where('status', 'in', ['issued', 'paid']).where('issue_date', '<=', date)
    .where((eb) => eb.exists(eb.selectFrom('invoice_lines').select(sql`1`.as('one'))
      .whereRef('invoice_lines.invoice_id', '=', 'invoices.id').where('invoice_lines.recognition', '=', 'deferred')))
    // Skip invoices already recognised in full: a run on or after the end of every deferred line's
    // service period recognised the whole line (lines are immutable once issued), so revisiting it
    // would find nothing to post. Without this the daily job's cost grows with all history.
    .where(sql<boolean>`not exists (select 1 from revenue_recognitions rr where rr.invoice_id = invoices.id
      and rr.recognition_date >= (select max(coalesce(il.period_end_date, date '0001-01-01')) from invoice_lines il
        where il.invoice_id = invoices.id and il.recognition = 'deferred'))`)
    // Skip invoices recognised on this date already (the billing run recognises what it issues in the
    // same transaction): recognizeInvoices would find them done; this only saves locking and reading them.
    .where(sql<boolean>`not exists (select 1 from revenue_recognitions rd where rd.invoice_id = invoices.id and rd.recognition_date = ${date})`)
    .orderBy('id').execute();
  const result: RecognitionResult = { date, invoices: 0, entries: 0, recognizedMinor: {} };
  const tally = (posted: { currency: string; amountMinor: bigint; entry: boolean }) => {
    if (posted.entry) result.entries += 1;
    result.recognizedMinor[posted.currency] = (BigInt(result.recognizedMinor[posted.currency] ?? '0') + posted.amountMinor).toString();
  };
  for (let i = 0; i < invoices.length; i += CHUNK) {
    const ids = invoices.slice(i, i + CHUNK).map((row) => row.id);
    for (const posted of await inTransaction(ctx, (tx) => recognizeInvoices(tx, ids, date))) {
      result.invoices += 1;
      tally(posted);
    }
  }
  // Adjustment credit notes' deferred lines, negatively over the days they credit (recognize-credit-notes.ts).
  for (const posted of await recognizeCreditNotes(ctx, date)) tally(posted);
  return result;
}

export type RecognitionPosting = { invoice: Pick<BilledInvoiceRow, 'id' | 'currency' | 'account_id' | 'number'>; deltas: Array<{ lineNumber: number; amountMinor: bigint }>; total: bigint };
type Posting = RecognitionPosting;
type RecognizedLine = Pick<BilledLineRow, 'line_number' | 'amount_minor' | 'tax_minor' | 'tax_inclusive' | 'recognition' | 'period_start_date' | 'period_end_date'>;

async function recognizeInvoices(tx: TxCtx, invoiceIds: readonly string[], date: string) {
  const db = invoicingDb(tx);
  const invoices = await db.selectFrom('invoices').selectAll().where('id', 'in', [...invoiceIds]).orderBy('id').forUpdate().execute();
  // Voided in the meantime: the credit note took the deferred balance back.
  const live = invoices.filter((invoice) => invoice.status !== 'void').map((invoice) => invoice.id);
  if (live.length === 0) return [];
  const done = new Set((await db.selectFrom('revenue_recognitions').select('invoice_id').distinct().where('invoice_id', 'in', live)
    .where('recognition_date', '=', date).execute()).map((row) => row.invoice_id));
  const open = live.filter((id) => !done.has(id));
  if (open.length === 0) return [];
  const lines = groupBy(await db.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', open).where('recognition', '=', 'deferred')
    .orderBy('invoice_id').orderBy('line_number').execute(), (line) => line.invoice_id);
  const sums = await db.selectFrom('revenue_recognitions').select(['invoice_id', 'line_number', (eb) => eb.fn.sum<string>('amount_minor').as('amount')])
    .where('invoice_id', 'in', open).groupBy(['invoice_id', 'line_number']).execute();
  const before = new Map(sums.map((row) => [`${row.invoice_id}|${row.line_number}`, BigInt(row.amount)]));
  const openIds = new Set(open);
  const postings: Posting[] = invoices.filter((invoice) => openIds.has(invoice.id)).flatMap((invoice) => {
    const deltas = recognitionDeltas(lines.get(invoice.id) ?? [], date, (line) => before.get(`${invoice.id}|${line}`) ?? 0n);
    return deltas.length === 0 ? [] : [{ invoice, deltas, total: deltas.reduce((sum, delta) => sum + delta.amountMinor, 0n) }];
  });
  const withEntry = postings.filter((posting) => posting.total !== 0n);
  const refs = await postJournalEntries(tx, withEntry.map((posting) => recognitionEntry(posting.invoice, date, posting.total)));
  const entryIds = new Map(withEntry.map((posting, index) => [posting.invoice.id, refs[index]?.id ?? null]));
  await insertRecognitions(tx, postings, date, entryIds);
  return postings.map(({ invoice, total }) => ({ currency: invoice.currency, amountMinor: total, entry: (entryIds.get(invoice.id) ?? null) !== null }));
}

/**
 * The recognition of invoices being issued in this transaction (the billing run issues and
 * recognises a chunk at once, docs/billing.md "Billing run"): nothing of theirs is recognised yet, so
 * the deltas are the recognised-through amounts themselves — what recognizeInvoices would post for
 * them right after the issue. Only invoices dated on or before the date, as the daily job selects.
 */
export function recognitionsOnIssue(invoices: ReadonlyArray<{ invoice: RecognitionPosting['invoice']; issueDate: string; lines: readonly RecognizedLine[] }>, date: string): RecognitionPosting[] {
  return invoices.flatMap(({ invoice, issueDate, lines }) => {
    if (issueDate > date) return [];
    const deltas = recognitionDeltas(lines.filter((line) => line.recognition === 'deferred'), date, () => 0n);
    return deltas.length === 0 ? [] : [{ invoice, deltas, total: deltas.reduce((sum, delta) => sum + delta.amountMinor, 0n) }];
  });
}

/** The recognition rows of the postings (one per line and day), each naming its entry. */
export async function insertRecognitions(tx: TxCtx, postings: readonly RecognitionPosting[], date: string, entryIds: ReadonlyMap<string, string | null>): Promise<void> {
  const now = nowOf(tx);
  const rows = postings.flatMap(({ invoice, deltas }) => deltas.map((delta): RecognitionRow => ({
    invoice_id: invoice.id, line_number: delta.lineNumber, recognition_date: date, currency: invoice.currency,
    amount_minor: delta.amountMinor, journal_entry_id: entryIds.get(invoice.id) ?? null, created_at: now,
  })));
  await insertRowsUnnest(tx.db, 'revenue_recognitions', RECOGNITION_COLUMNS, rows);
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
