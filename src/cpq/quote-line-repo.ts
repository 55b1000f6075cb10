import type { Insertable } from 'kysely';
import { recordAudit, recordAuditEntries, type AuditAction } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { canonicalJson } from '../shared/json.ts';
import { cpqDb } from './cpq-db.ts';
import type { QuoteLineRow, QuoteLinesTable } from './tables.ts';

/** The only module that touches `quote_lines`; every write here also writes its audit row. */

export type LineColumns = Insertable<QuoteLinesTable>;

export async function findLineRows(ctx: Ctx, quoteId: string): Promise<QuoteLineRow[]> {
  return cpqDb(ctx).selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('line_number').execute();
}

export async function insertLine(tx: TxCtx, row: LineColumns): Promise<QuoteLineRow> {
  const [inserted] = await insertLines(tx, [row]);
  assert(inserted, `quote line ${row.id} was not inserted`);
  return inserted;
}

/** Several lines in one statement; each gets its own audit row, in the order given. */
export async function insertLines(tx: TxCtx, rows: readonly LineColumns[]): Promise<QuoteLineRow[]> {
  if (rows.length === 0) return [];
  const returned = await cpqDb(tx).insertInto('quote_lines').values([...rows]).returningAll().execute();
  // RETURNING promises no order: match the rows back by id.
  const byId = new Map(returned.map((inserted) => [inserted.id, inserted]));
  const lines = rows.map((row) => {
    const inserted = byId.get(row.id);
    assert(inserted, `quote line ${row.id} was not inserted`);
    return inserted;
  });
  await recordAuditEntries(tx, lines.map((line) => ({ action: 'create', entityType: 'quote_line', entityId: line.id, before: null, after: line })));
  return lines;
}

/**
 * Writes the changed columns only, and nothing (no audit row) when nothing changed: a re-price
 * that moves no amount of this line leaves no trace. Returns the row as it now is.
 */
export async function updateLineRow(tx: TxCtx, before: QuoteLineRow, changes: Partial<LineColumns>, action: AuditAction): Promise<QuoteLineRow> {
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => !sameValue(before[key as keyof QuoteLineRow], value)),
  ) as Partial<LineColumns>;
  if (Object.keys(changed).length === 0) return before;
  const after = await cpqDb(tx)
    .updateTable('quote_lines')
    .set({ ...changed, updated_at: new Date(tx.clock.now().epochMilliseconds) })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirst();
  assert(after, `quote line ${before.id} vanished under its quote's row lock`);
  await recordAudit(tx, { action, entityType: 'quote_line', entityId: before.id, before, after });
  return after;
}

export async function deleteLineRow(tx: TxCtx, before: QuoteLineRow): Promise<void> {
  await cpqDb(tx).deleteFrom('quote_lines').where('id', '=', before.id).execute();
  await recordAudit(tx, { action: 'delete', entityType: 'quote_line', entityId: before.id, before, after: null });
}

/** JSON columns are written as text and read as values: compare them canonically. */
function sameValue(current: unknown, next: unknown): boolean {
  const parsed = typeof next === 'string' && typeof current === 'object' && current !== null ? safeParse(next) : next;
  return canonicalJson(current) === canonicalJson(parsed);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
