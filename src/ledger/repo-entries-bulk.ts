import { sql } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { TxCtx } from '../shared/context.ts';
import type { EntryRow, LineRow } from './repo-entries.ts';
import { ledgerDb } from './tables.ts';

// The bulk twins of repo-entries.ts (postJournalEntries): same rows, same locks, same audit rows,
// in a few statements for many entries. Statements stay well below the 65,535 bind parameters of
// the wire protocol (journal_entries has 15 columns, journal_lines 10).
const ENTRY_ROWS_PER_INSERT = 1_000;
const LINE_ROWS_PER_INSERT = 2_000;

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
 * checks run at commit.
 */
export async function insertEntries(tx: TxCtx, entries: EntryRow[], lines: LineRow[]): Promise<void> {
  const db = ledgerDb(tx);
  for (let i = 0; i < entries.length; i += ENTRY_ROWS_PER_INSERT) await db.insertInto('journal_entries').values(entries.slice(i, i + ENTRY_ROWS_PER_INSERT)).execute();
  for (let i = 0; i < lines.length; i += LINE_ROWS_PER_INSERT) await db.insertInto('journal_lines').values(lines.slice(i, i + LINE_ROWS_PER_INSERT)).execute();
  const linesByEntry = new Map<string, LineRow[]>();
  for (const line of lines) {
    const own = linesByEntry.get(line.entry_id);
    if (own) own.push(line);
    else linesByEntry.set(line.entry_id, [line]);
  }
  for (const entry of entries) {
    await recordAudit(tx, { action: 'post', entityType: 'journal_entry', entityId: entry.id, before: null, after: { ...entry, lines: linesByEntry.get(entry.id) ?? [] } });
  }
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
