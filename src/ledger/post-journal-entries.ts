import { sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertBalanced, prepareLines, requestHashWithDescription, requestTextAfterDescription, type EntryContent, type PreparedLine } from './entry-rules.ts';
import { entryInSchemaForm, isDescriptionInSchemaForm } from './entry-shape.ts';
import { periodOf } from './period-rules.ts';
import type { EntryRow, LineRow } from './repo-entries.ts';
import { findEntryRowsByKeys, insertEntries, insertEntryLines, lockIdempotencyKeys, takeEntryNumbers } from './repo-entries-bulk.ts';
import { postJournalEntrySchema, type PostJournalEntryInput } from './schema.ts';
import { assertAccountsUsable, assertPeriodOpen, ENTRY_SERIES } from './write-entry.ts';

export type PostedEntryRef = { id: string; number: string };

// The idempotency hash is taken once the description is final (postCheckedJournalEntries).
// requestTail: the idempotency hash's text after the description (requestTextAfterDescription), written once checked.
// lineRows: the rows of its lines once written before the entry (writeCheckedJournalLines).
type Prepared = EntryContent & { lines: PreparedLine[]; idempotencyKey: string | null; requestTail?: string; lineRows?: LineRow[] };
type Final = Prepared & { id: string; requestHash: string | null };

/**
 * Posts many balanced journal entries at once (the billing run's bulk door): every rule of
 * postJournalEntry, checked per entry (shape, balance per currency, accounts, open month,
 * idempotency key), but each check and write is one statement for all of them. Numbers are one
 * gapless block per fiscal year, in input order. Locks in the single path's order: keys → months →
 * counter → audit head. All or nothing, in the caller's transaction when there is one. Returns the
 * entries in input order (a replayed key returns the entry posted before).
 */
export async function postJournalEntries(ctx: Ctx, inputs: readonly PostJournalEntryInput[]): Promise<PostedEntryRef[]> {
  if (inputs.length === 0) return [];
  const prepared = inputs.map(prepareEntry);
  return inTransaction(ctx, async (tx) => postCheckedJournalEntries(tx, await checkPrepared(tx, prepared)));
}

/**
 * Entries checked by checkJournalEntries, not yet numbered nor written (opaque to callers). Each
 * new entry's id is fixed here (`ids`, in input order; a replayed key's the entry posted before),
 * so its lines can be written before its number is taken (writeCheckedJournalLines).
 */
export type CheckedJournalEntries = {
  readonly entries: readonly Prepared[]; readonly replays: ReadonlyMap<string, EntryRow>; readonly ids: readonly string[]; readonly linesWritten: boolean;
};

/**
 * postJournalEntries in two steps, for a caller that must take its own gapless numbers as late as
 * possible (the billing run, docs/billing.md "Billing run"): this first step does every check and
 * takes the keys' and months' locks — shape, balance, accounts, open months, replayed keys — and
 * numbers nothing, so the JE counter is not locked yet. postCheckedJournalEntries then takes the
 * block of numbers and writes, in the same transaction.
 */
export async function checkJournalEntries(tx: TxCtx, inputs: readonly PostJournalEntryInput[]): Promise<CheckedJournalEntries> {
  return checkPrepared(tx, inputs.map(prepareEntry));
}

/**
 * The second step: an entry's description may be given only now (`descriptions`, one per entry, in
 * input order; null keeps the checked one) — the billing run names the invoice number it takes just
 * before. A replacement passes the schema's rule for a description, and the idempotency hash covers
 * the final text. Then a replayed key with other content is refused, numbers are taken, rows written.
 */
export async function postCheckedJournalEntries(tx: TxCtx, checked: CheckedJournalEntries, descriptions?: ReadonlyArray<string | null>): Promise<PostedEntryRef[]> {
  const entries = checked.entries.map((entry, index) => finalEntry(entry, descriptions?.[index] ?? null, index, checked.ids[index] ?? ''));
  for (const entry of entries) {
    const row = entry.idempotencyKey === null ? undefined : checked.replays.get(entry.idempotencyKey);
    if (row && row.request_hash !== entry.requestHash) {
      throw new AppError('idempotency_key_reused', `Idempotency key ${entry.idempotencyKey} already posted ${row.number} with different content`, {
        extra: { entryId: row.id, number: row.number },
      });
    }
  }
  const fresh = entries.filter((entry) => entry.idempotencyKey === null || !checked.replays.has(entry.idempotencyKey));
  const written = await writeEntries(tx, fresh, checked.linesWritten);
  let next = 0;
  return entries.map((entry) => {
    const replay = entry.idempotencyKey === null ? undefined : checked.replays.get(entry.idempotencyKey);
    if (replay) return { id: replay.id, number: replay.number };
    const ref = written[next];
    next += 1;
    if (!ref) throw new Error('postJournalEntries: fewer entries written than prepared');
    return ref;
  });
}

async function checkPrepared(tx: TxCtx, entries: readonly Prepared[]): Promise<CheckedJournalEntries> {
  const replays = await findReplays(tx, entries);
  const fresh = entries.filter((entry) => entry.idempotencyKey === null || !replays.has(entry.idempotencyKey));
  await checkWritable(tx, fresh);
  // The system clock, not ctx.clock: ids order entries of one date by creation (as writeEntry).
  const ids = entries.map((entry) => (entry.idempotencyKey === null ? undefined : replays.get(entry.idempotencyKey))?.id ?? newId('je'));
  // Everything of the idempotency hash but the description, which may still change (postCheckedJournalEntries).
  for (const entry of entries) if (entry.idempotencyKey !== null) entry.requestTail = requestTextAfterDescription(entry);
  return { entries, replays, ids, linesWritten: false };
}

/** The id each checked entry has once posted, in input order (a replayed key's: the entry posted before). */
export function checkedJournalEntryIds(checked: CheckedJournalEntries): readonly string[] {
  return checked.ids;
}

/**
 * Writes the lines of the checked entries that are new, before their entries exist (the billing run
 * writes them before it takes its gapless numbers, so other chunks do not wait for these rows):
 * the lines' key to their entry is deferred to commit (migration 202612111000), and each entry's
 * own check at commit (balanced, complete) covers them as it covers lines written after it.
 * postCheckedJournalEntries then writes the entries without their lines.
 */
export async function writeCheckedJournalLines(tx: TxCtx, checked: CheckedJournalEntries): Promise<CheckedJournalEntries> {
  if (checked.linesWritten) return checked;
  const lines = checked.entries.flatMap((entry, index) => (isReplay(checked, entry) ? [] : (entry.lineRows = lineRowsOf(checked.ids[index] ?? '', entry))));
  if (lines.length > 0) {
    await sql`set constraints journal_lines_entry_id_fkey deferred`.execute(tx.db);
    await insertEntryLines(tx, lines);
  }
  return { ...checked, linesWritten: true };
}

function isReplay(checked: CheckedJournalEntries, entry: Prepared): boolean {
  return entry.idempotencyKey !== null && checked.replays.has(entry.idempotencyKey);
}

function lineRowsOf(entryId: string, entry: Prepared): LineRow[] {
  return entry.lines.map((line) => ({
    entry_id: entryId, line_number: line.lineNumber, account_code: line.accountCode,
    debit_minor: line.side === 'debit' ? line.amount.amountMinor : 0n, credit_minor: line.side === 'credit' ? line.amount.amountMinor : 0n,
    currency: line.amount.currency, account_id: line.refs.accountId, subscription_id: line.refs.subscriptionId, invoice_id: line.refs.invoiceId, memo: line.memo,
  }));
}

function finalEntry(entry: Prepared, replacement: string | null, index: number, id: string): Final {
  const description = replacement ?? entry.description;
  if (replacement !== null && !isDescriptionInSchemaForm(replacement)) {
    throw new AppError('validation_failed', `entries.${index}.description: expected 1 to 500 characters without surrounding spaces`, {
      fieldErrors: [{ field: `entries.${index}.description`, message: 'expected 1 to 500 characters without surrounding spaces' }],
    });
  }
  const content: EntryContent = { entryDate: entry.entryDate, description, source: entry.source, lines: entry.lines };
  const requestHash = entry.idempotencyKey === null ? null : requestHashWithDescription(description, entry.requestTail ?? requestTextAfterDescription(content));
  return { ...content, lines: entry.lines, idempotencyKey: entry.idempotencyKey, id, requestHash, ...(entry.lineRows ? { lineRows: entry.lineRows } : {}) };
}

function prepareEntry(input: PostJournalEntryInput, index: number): Prepared {
  // Entries built by code are usually in the schema's output form already: a structural check
  // instead of zod for those (entry-shape.ts), zod for the rest and for every field error.
  const parsed = entryInSchemaForm(input) ?? parseInput(postJournalEntrySchema, input, `entries.${index}`);
  const lines = prepareLines(parsed.lines);
  assertBalanced(lines);
  const content: EntryContent = { entryDate: parsed.entryDate, description: parsed.description, source: parsed.source ?? null, lines };
  return { ...content, lines, idempotencyKey: parsed.idempotencyKey ?? null };
}

/** Keys already posted (their content is compared once the descriptions are final, postCheckedJournalEntries). */
async function findReplays(tx: TxCtx, entries: readonly Prepared[]): Promise<Map<string, EntryRow>> {
  const keys = entries.flatMap((entry) => (entry.idempotencyKey === null ? [] : [entry.idempotencyKey]));
  if (new Set(keys).size !== keys.length) throw new AppError('validation_failed', 'postJournalEntries: an idempotency key appears twice in one batch');
  await lockIdempotencyKeys(tx, keys);
  return new Map((await findEntryRowsByKeys(tx, keys)).map((row) => [row.idempotency_key ?? '', row]));
}

/** Accounts usable and months open (each month's shared lock held until commit). */
async function checkWritable(tx: TxCtx, entries: readonly Prepared[]): Promise<void> {
  if (entries.length === 0) return;
  await assertAccountsUsable(tx, entries.flatMap((entry) => entry.lines));
  // periodOf once per distinct date (it builds a Temporal date): a batch has few dates.
  const dates = [...new Set(entries.map((entry) => entry.entryDate))];
  for (const period of [...new Set(dates.map(periodOf))].sort()) await assertPeriodOpen(tx, period);
}

async function writeEntries(tx: TxCtx, entries: readonly Final[], linesWritten: boolean): Promise<PostedEntryRef[]> {
  if (entries.length === 0) return [];
  const countByYear = new Map<number, number>();
  for (const entry of entries) {
    const year = Number(entry.entryDate.slice(0, 4));
    countByYear.set(year, (countByYear.get(year) ?? 0) + 1);
  }
  const numbers = new Map<number, { taken: Array<{ sequence: bigint; number: string }>; next: number }>();
  for (const year of [...countByYear.keys()].sort()) {
    numbers.set(year, { taken: await takeEntryNumbers(tx, ENTRY_SERIES, year, countByYear.get(year) ?? 0), next: 0 });
  }
  const postedAt = new Date(tx.clock.now().epochMilliseconds);
  const rows = entries.map((entry) => {
    const fiscalYear = Number(entry.entryDate.slice(0, 4));
    const block = numbers.get(fiscalYear);
    const taken = block?.taken[block.next];
    if (block) block.next += 1;
    if (!taken) throw new Error(`postJournalEntries: no number left for ${fiscalYear}`);
    const id = entry.id;
    return {
      entry: {
        id, number: taken.number, series: ENTRY_SERIES, fiscal_year: fiscalYear, sequence: taken.sequence, entry_date: entry.entryDate,
        description: entry.description, source_type: entry.source?.type ?? null, source_id: entry.source?.id ?? null,
        idempotency_key: entry.idempotencyKey, request_hash: entry.requestHash, reverses_entry_id: null, line_count: entry.lines.length,
        posted_at: postedAt, posted_by: tx.actor.id,
      },
      lines: entry.lineRows ?? lineRowsOf(id, entry),
    };
  });
  await insertEntries(tx, rows.map((row) => row.entry), rows.flatMap((row) => row.lines), { linesWritten });
  return rows.map(({ entry }) => ({ id: entry.id, number: entry.number }));
}
