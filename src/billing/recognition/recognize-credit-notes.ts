import { sql } from 'kysely';
import { postJournalEntries } from '../../ledger/index.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { nowOf } from '../billing-db.ts';
import { invoicingDb, type CreditNoteLineRow } from '../invoicing/tables.ts';
import { recognitionDeltas } from './recognition-schedule.ts';
import { recognitionEntry } from './recognition-entry.ts';

const CHUNK = 1_000;

export type CreditNoteRecognition = { currency: string; amountMinor: bigint; entry: boolean };

/**
 * The daily job's second half (docs/billing.md "Ledger"): an adjustment credit note's deferred lines
 * — credits for unused in-advance time after a cancellation, pause or downgrade — debited deferred
 * revenue when issued, while the invoice line they correct keeps being recognised to its period end.
 * So each such line is recognised too, negatively, ratably by day over the days it credits (Dr revenue
 * / Cr deferred revenue): from then on the two cancel out day by day and deferred revenue ends at zero.
 * Idempotent per (credit note line, date) and per (credit note, date) like the invoices' recognition.
 */
export async function recognizeCreditNotes(ctx: Ctx, date: string): Promise<CreditNoteRecognition[]> {
  const notes = await invoicingDb(ctx).selectFrom('credit_notes').select('id')
    .where('kind', '=', 'adjustment').where('issue_date', '<=', date)
    .where((eb) => eb.exists(eb.selectFrom('credit_note_lines').select(sql`1`.as('one'))
      .whereRef('credit_note_lines.credit_note_id', '=', 'credit_notes.id').where('credit_note_lines.recognition', '=', 'deferred')))
    // Recognised in full already (a run on or after the end of every deferred line) or on this date: nothing to post.
    .where(sql<boolean>`not exists (select 1 from credit_note_recognitions r where r.credit_note_id = credit_notes.id
      and (r.recognition_date = ${date} or r.recognition_date >= (select max(coalesce(l.period_end_date, date '0001-01-01')) from credit_note_lines l
        where l.credit_note_id = credit_notes.id and l.recognition = 'deferred')))`)
    .orderBy('id').execute();
  const results: CreditNoteRecognition[] = [];
  for (let index = 0; index < notes.length; index += CHUNK) {
    const ids = notes.slice(index, index + CHUNK).map((row) => row.id);
    results.push(...(await inTransaction(ctx, (tx) => recognizeNotes(tx, ids, date))));
  }
  return results;
}

async function recognizeNotes(tx: TxCtx, ids: readonly string[], date: string): Promise<CreditNoteRecognition[]> {
  const db = invoicingDb(tx);
  const notes = await db.selectFrom('credit_notes').select(['id', 'number', 'currency', 'account_id']).where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
  const done = new Set((await db.selectFrom('credit_note_recognitions').select('credit_note_id').distinct()
    .where('credit_note_id', 'in', [...ids]).where('recognition_date', '=', date).execute()).map((row) => row.credit_note_id));
  const open = notes.filter((note) => !done.has(note.id));
  if (open.length === 0) return [];
  const openIds = open.map((note) => note.id);
  const lines = await db.selectFrom('credit_note_lines').selectAll().where('credit_note_id', 'in', openIds).where('recognition', '=', 'deferred').orderBy('line_number').execute();
  const sums = await db.selectFrom('credit_note_recognitions').select(['credit_note_id', 'line_number', (eb) => eb.fn.sum<string>('amount_minor').as('amount')])
    .where('credit_note_id', 'in', openIds).groupBy(['credit_note_id', 'line_number']).execute();
  const before = new Map(sums.map((row) => [`${row.credit_note_id}|${row.line_number}`, BigInt(row.amount)]));
  const postings = open.flatMap((note) => {
    const deltas = recognitionDeltas(lines.filter((line) => line.credit_note_id === note.id), date, (lineNumber) => before.get(`${note.id}|${lineNumber}`) ?? 0n);
    return deltas.length === 0 ? [] : [{ note, deltas, total: deltas.reduce((sum, delta) => sum + delta.amountMinor, 0n) }];
  });
  const withEntry = postings.filter((posting) => posting.total !== 0n);
  const refs = await postJournalEntries(tx, withEntry.map(({ note, total }) => recognitionEntry({ id: note.id, number: note.number, currency: note.currency, account_id: note.account_id }, date, total, { accountId: note.account_id })));
  const entryIds = new Map(withEntry.map((posting, index) => [posting.note.id, refs[index]?.id ?? null]));
  const now = nowOf(tx);
  const rows = postings.flatMap(({ note, deltas }) => deltas.map((delta) => ({
    credit_note_id: note.id, line_number: delta.lineNumber, recognition_date: date, currency: note.currency,
    amount_minor: delta.amountMinor, journal_entry_id: entryIds.get(note.id) ?? null, created_at: now,
  })));
  if (rows.length > 0) await db.insertInto('credit_note_recognitions').values(rows).execute();
  return postings.map(({ note, total }) => ({ currency: note.currency, amountMinor: total, entry: (entryIds.get(note.id) ?? null) !== null }));
}

