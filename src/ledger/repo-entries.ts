import { sql, type Insertable, type Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { money } from '../shared/money.ts';
import type { JournalEntry, JournalLine } from './schema.ts';
import { ledgerDb, type JournalEntriesTable, type JournalLinesTable } from './tables.ts';

// The only code touching journal_entries, journal_lines and journal_entry_counters.

export type EntryRow = Selectable<JournalEntriesTable>;
export type LineRow = Selectable<JournalLinesTable>;

export function toJournalLine(row: LineRow): JournalLine {
  const debit = row.debit_minor > 0n ? money(row.debit_minor, row.currency) : null;
  const credit = row.credit_minor > 0n ? money(row.credit_minor, row.currency) : null;
  return {
    lineNumber: row.line_number,
    accountCode: row.account_code,
    debit,
    credit,
    memo: row.memo,
    refs: { accountId: row.account_id, subscriptionId: row.subscription_id, invoiceId: row.invoice_id },
  };
}

export function toJournalEntry(row: EntryRow, lines: readonly LineRow[], reversedByEntryId: string | null): JournalEntry {
  return {
    id: row.id,
    number: row.number,
    entryDate: row.entry_date,
    description: row.description,
    source: row.source_type !== null && row.source_id !== null ? { type: row.source_type, id: row.source_id } : null,
    idempotencyKey: row.idempotency_key,
    reversesEntryId: row.reverses_entry_id,
    reversedByEntryId,
    postedAt: row.posted_at.toISOString(),
    postedBy: row.posted_by,
    lines: [...lines].sort((a, b) => a.line_number - b.line_number).map(toJournalLine),
  };
}

/**
 * The next number of a series and year, gapless: the upsert takes the counter row's lock (the
 * strength of SELECT … FOR UPDATE) until commit, so concurrent postings number one after another
 * and a rolled-back posting gives its number back. Take it late: it serializes the series.
 */
export async function takeEntryNumber(tx: TxCtx, series: string, fiscalYear: number): Promise<{ sequence: bigint; number: string }> {
  const row = await ledgerDb(tx)
    .insertInto('journal_entry_counters')
    .values({ series, fiscal_year: fiscalYear, last_sequence: 1n })
    .onConflict((oc) => oc.columns(['series', 'fiscal_year']).doUpdateSet({ last_sequence: sql`journal_entry_counters.last_sequence + 1` }))
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  const sequence = row.last_sequence;
  return { sequence, number: `${series}-${fiscalYear}-${sequence.toString().padStart(6, '0')}` };
}

/** Writes the entry, its lines and one audit row; the deferred database check runs at commit. */
export async function insertEntry(
  tx: TxCtx,
  entry: Insertable<JournalEntriesTable>,
  lines: Insertable<JournalLinesTable>[],
  action: 'post' | 'reverse',
): Promise<{ entry: EntryRow; lines: LineRow[] }> {
  const db = ledgerDb(tx);
  const written = await withConstraintErrors(db.insertInto('journal_entries').values(entry).returningAll().executeTakeFirstOrThrow());
  const writtenLines = await db.insertInto('journal_lines').values(lines).returningAll().execute();
  await recordAudit(tx, { action, entityType: 'journal_entry', entityId: written.id, before: null, after: { ...written, lines: writtenLines } });
  return { entry: written, lines: writtenLines };
}

export async function findEntryRow(ctx: Ctx, id: string, lock?: 'update'): Promise<EntryRow | undefined> {
  const query = ledgerDb(ctx).selectFrom('journal_entries').selectAll().where('id', '=', id);
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getEntryRow(ctx: Ctx, id: string, lock?: 'update'): Promise<EntryRow> {
  const row = await findEntryRow(ctx, id, lock);
  if (!row) throw notFound('journal entry', id);
  return row;
}

export async function findEntryRowByKey(ctx: Ctx, idempotencyKey: string): Promise<EntryRow | undefined> {
  return ledgerDb(ctx).selectFrom('journal_entries').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export async function findLineRows(ctx: Ctx, entryIds: readonly string[]): Promise<LineRow[]> {
  if (entryIds.length === 0) return [];
  return ledgerDb(ctx).selectFrom('journal_lines').selectAll().where('entry_id', 'in', entryIds).orderBy('entry_id').orderBy('line_number').execute();
}

/** entry id → the id of the entry reversing it. */
export async function findReversals(ctx: Ctx, entryIds: readonly string[]): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await ledgerDb(ctx).selectFrom('journal_entries').select(['id', 'reverses_entry_id']).where('reverses_entry_id', 'in', entryIds).execute();
  return new Map(rows.flatMap((row) => (row.reverses_entry_id ? [[row.reverses_entry_id, row.id] as const] : [])));
}

/** Entries with their lines and reversals, in the order given. */
export async function loadEntries(ctx: Ctx, rows: readonly EntryRow[]): Promise<JournalEntry[]> {
  const ids = rows.map((row) => row.id);
  // One after the other: ctx may be a transaction, which runs one statement at a time anyway.
  const lines = await findLineRows(ctx, ids);
  const reversals = await findReversals(ctx, ids);
  return rows.map((row) => toJournalEntry(row, lines.filter((line) => line.entry_id === row.id), reversals.get(row.id) ?? null));
}

/**
 * Serializes postings that carry the same idempotency key, so the second waits for the first to
 * commit and then finds its entry (STYLE.md: an operation with a key takes effect at most once).
 * A hash collision only makes two unrelated keys wait for each other.
 */
export async function lockIdempotencyKey(tx: TxCtx, idempotencyKey: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('revline.ledger.key'), hashtext(${idempotencyKey}))`.execute(tx.db);
}

/** The locks above make these unreachable in practice; if they fire, answer 409 rather than 500. */
async function withConstraintErrors<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (code === '23505' && (constraint === 'journal_entries_idempotency_key_key' || constraint === 'journal_entries_reverses_entry_id_key')) {
      throw new AppError('conflict', 'Another transaction posted this entry first; retry to read it', { cause: error });
    }
    throw error;
  }
}
