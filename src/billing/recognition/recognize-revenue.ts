import { sql } from 'kysely';
import { LEDGER_ACCOUNTS, postJournalEntry } from '../../ledger/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { money } from '../../shared/money.ts';
import { nowOf } from '../billing-db.ts';
import { checkedDate } from '../invoicing/draft-invoices.ts';
import { invoicingDb, netAmountMinor } from '../invoicing/tables.ts';
import { recognizedThroughMinor } from './recognition-schedule.ts';

export type RecognitionResult = { date: string; invoices: number; entries: number; recognizedMinor: Record<string, string> };

/**
 * The daily job: moves deferred revenue to revenue for every issued (or paid) invoice's deferred
 * lines, ratably by day through `date`. Idempotent per (invoice line, date) by the primary key of
 * revenue_recognitions and per (invoice, date) by the entry's idempotency key; a day skipped is
 * caught up by the next run (amounts are cumulative). One transaction per invoice.
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
    .orderBy('id').execute();
  const result: RecognitionResult = { date, invoices: 0, entries: 0, recognizedMinor: {} };
  for (const { id } of invoices) {
    const posted = await inTransaction(ctx, (tx) => recognizeInvoice(tx, id, date));
    if (posted === null) continue;
    result.invoices += 1;
    if (posted.entry) result.entries += 1;
    result.recognizedMinor[posted.currency] = (BigInt(result.recognizedMinor[posted.currency] ?? '0') + posted.amountMinor).toString();
  }
  return result;
}

async function recognizeInvoice(tx: TxCtx, invoiceId: string, date: string) {
  const db = invoicingDb(tx);
  const invoice = await db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirstOrThrow();
  // Voided in the meantime: the credit note took the deferred balance back.
  if (invoice.status === 'void') return null;
  const done = await db.selectFrom('revenue_recognitions').select('line_number').where('invoice_id', '=', invoiceId).where('recognition_date', '=', date).executeTakeFirst();
  if (done) return null;
  const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).where('recognition', '=', 'deferred').execute();
  const sums = await db.selectFrom('revenue_recognitions').select(['line_number', (eb) => eb.fn.sum<string>('amount_minor').as('amount')])
    .where('invoice_id', '=', invoiceId).groupBy('line_number').execute();
  const before = new Map(sums.map((row) => [row.line_number, BigInt(row.amount)]));
  const deltas = lines.map((line) => {
    const target = line.period_start_date && line.period_end_date
      ? recognizedThroughMinor({ amountMinor: netAmountMinor(line), startDate: line.period_start_date, endDate: line.period_end_date }, date)
      : netAmountMinor(line);
    return { lineNumber: line.line_number, amountMinor: target - (before.get(line.line_number) ?? 0n) };
  }).filter((delta) => delta.amountMinor !== 0n);
  if (deltas.length === 0) return null;
  const total = deltas.reduce((sum, delta) => sum + delta.amountMinor, 0n);
  const entryId = total === 0n ? null : await postRecognition(tx, invoice, date, total);
  await db.insertInto('revenue_recognitions').values(deltas.map((delta) => ({
    invoice_id: invoiceId, line_number: delta.lineNumber, recognition_date: date, currency: invoice.currency,
    amount_minor: delta.amountMinor, journal_entry_id: entryId, created_at: nowOf(tx),
  }))).execute();
  return { currency: invoice.currency, amountMinor: total, entry: entryId !== null };
}

/** Dr deferred revenue / Cr subscription revenue (reversed for a net negative day, e.g. a credit line). */
async function postRecognition(tx: TxCtx, invoice: { id: string; currency: string; account_id: string; number: string | null }, date: string, total: bigint) {
  const amount = money(total > 0n ? total : -total, invoice.currency);
  const refs = { accountId: invoice.account_id, invoiceId: invoice.id };
  const deferred = { accountCode: LEDGER_ACCOUNTS.deferredRevenue, refs };
  const revenue = { accountCode: LEDGER_ACCOUNTS.subscriptionRevenue, refs };
  const entry = await postJournalEntry(tx, {
    entryDate: date, description: `Revenue recognition ${invoice.number ?? invoice.id} through ${date}`,
    source: { type: 'revenue_recognition', id: `${invoice.id}:${date}` }, idempotencyKey: `recognition:${invoice.id}:${date}`,
    lines: total > 0n ? [{ ...deferred, debit: amount }, { ...revenue, credit: amount }] : [{ ...revenue, debit: amount }, { ...deferred, credit: amount }],
  });
  return entry.id;
}
