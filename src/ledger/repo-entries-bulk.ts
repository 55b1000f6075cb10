import { sql } from 'kysely';
import { recordAuditEntries } from '../shared/audit.ts';
import type { TxCtx } from '../shared/context.ts';
import { insertRowsUnnest, type UnnestColumn } from '../shared/db/insert-unnest.ts';
import type { EntryRow, LineRow } from './repo-entries.ts';
import { ledgerDb } from './tables.ts';

// The bulk twins of repo-entries.ts (postJournalEntries): same rows, same locks, same audit rows,
// in a few statements for many entries; rows travel as one array per column (insertRowsUnnest).
const ENTRY_COLUMNS: ReadonlyArray<UnnestColumn<EntryRow>> = [
  { name: 'id', type: 'text', value: (row) => row.id },
  { name: 'number', type: 'text', value: (row) => row.number },
  { name: 'series', type: 'text', value: (row) => row.series },
  { name: 'fiscal_year', type: 'integer', value: (row) => row.fiscal_year },
  { name: 'sequence', type: 'bigint', value: (row) => row.sequence },
  { name: 'entry_date', type: 'date', value: (row) => row.entry_date },
  { name: 'description', type: 'text', value: (row) => row.description },
  { name: 'source_type', type: 'text', value: (row) => row.source_type },
  { name: 'source_id', type: 'text', value: (row) => row.source_id },
  { name: 'idempotency_key', type: 'text', value: (row) => row.idempotency_key },
  { name: 'request_hash', type: 'text', value: (row) => row.request_hash },
  { name: 'reverses_entry_id', type: 'text', value: (row) => row.reverses_entry_id },
  { name: 'line_count', type: 'integer', value: (row) => row.line_count },
  { name: 'posted_at', type: 'timestamptz', value: (row) => row.posted_at },
  { name: 'posted_by', type: 'text', value: (row) => row.posted_by },
];
const LINE_COLUMNS: ReadonlyArray<UnnestColumn<LineRow>> = [
  { name: 'entry_id', type: 'text', value: (row) => row.entry_id },
  { name: 'line_number', type: 'integer', value: (row) => row.line_number },
  { name: 'account_code', type: 'text', value: (row) => row.account_code },
  { name: 'debit_minor', type: 'bigint', value: (row) => row.debit_minor },
  { name: 'credit_minor', type: 'bigint', value: (row) => row.credit_minor },
  { name: 'currency', type: 'text', value: (row) => row.currency },
  { name: 'account_id', type: 'text', value: (row) => row.account_id },
  { name: 'subscription_id', type: 'text', value: (row) => row.subscription_id },
  { name: 'invoice_id', type: 'text', value: (row) => row.invoice_id },
  { name: 'memo', type: 'text', value: (row) => row.memo },
];

/**
 * `count` consecutive numbers of a series and year in one statement: the counter row is raised by
 * `count` and locked until commit (as takeEntryNumber does for one), so the block is gapless and a
 * rollback gives the whole block back.
 */
export async function takeEntryNumbers(tx: TxCtx, series: string, fiscalYear: number, count: number): Promise<Array<{ sequence: bigint; number: string }>> {
  const row = await ledgerDb(tx)
    .insertInto('journal_entry_counters')
    .values({ series, fiscal_year: fiscalYear, last_sequence: BigInt(count) })
    .onConflict((oc) => oc.columns(['series', 'fiscal_year']).doUpdateSet({ last_sequence: sql`journal_entry_counters.last_sequence + ${BigInt(count)}` }))
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  const first = row.last_sequence - BigInt(count) + 1n;
  return Array.from({ length: count }, (_, index) => {
    const sequence = first + BigInt(index);
    return { sequence, number: `${series}-${fiscalYear}-${sequence.toString().padStart(6, '0')}` };
  });
}

/**
 * Writes the entries, their lines and one audit row per entry (the rows as written: every column
 * is given, none has a default, so no RETURNING is needed to know them); the deferred database
 * checks run at commit. With `linesWritten` the lines are in the table already (insertEntryLines,
 * written before their entries): they are only audited.
 */
export async function insertEntries(tx: TxCtx, entries: EntryRow[], lines: LineRow[], options: { linesWritten?: boolean } = {}): Promise<void> {
  await insertRowsUnnest(tx.db, 'journal_entries', ENTRY_COLUMNS, entries);
  if (options.linesWritten !== true) await insertEntryLines(tx, lines);
  // The audit rows carry the rows as written with bigints as decimal text — the JSON text the
  // audit log writes for them anyway, without the failed first JSON.stringify a bigint costs there.
  const linesByEntry = new Map<string, unknown[]>();
  for (const line of lines) {
    const audited = { ...line, debit_minor: line.debit_minor.toString(), credit_minor: line.credit_minor.toString() };
    const own = linesByEntry.get(line.entry_id);
    if (own) own.push(audited);
    else linesByEntry.set(line.entry_id, [audited]);
  }
  await recordAuditEntries(tx, entries.map((entry) => ({
    action: 'post', entityType: 'journal_entry', entityId: entry.id, before: null,
    after: { ...entry, sequence: entry.sequence.toString(), lines: linesByEntry.get(entry.id) ?? [] },
  })));
}

/** Journal lines, one array per column (their entries' check runs at commit). */
export async function insertEntryLines(tx: TxCtx, lines: readonly LineRow[]): Promise<void> {
  await insertRowsUnnest(tx.db, 'journal_lines', LINE_COLUMNS, lines);
}

/** The entries already posted under any of these keys. */
export async function findEntryRowsByKeys(tx: TxCtx, idempotencyKeys: readonly string[]): Promise<EntryRow[]> {
  if (idempotencyKeys.length === 0) return [];
  return ledgerDb(tx).selectFrom('journal_entries').selectAll().where('idempotency_key', 'in', [...idempotencyKeys]).execute();
}

/**
 * lockIdempotencyKey for many keys in one statement, in key order (two bulk posters sharing keys
 * take them in the same order, so they queue instead of deadlocking).
 */
export async function lockIdempotencyKeys(tx: TxCtx, idempotencyKeys: readonly string[]): Promise<void> {
  const keys = [...new Set(idempotencyKeys)].sort();
  if (keys.length === 0) return;
  await sql`select count(pg_advisory_xact_lock(hashtext('revline.ledger.key'), hashtext(k.key)))
    from (select key from (values ${sql.join(keys.map((key) => sql`(${key}::text)`))}) as v(key) order by key) as k`.execute(tx.db);
}
