import type { Ctx, TxCtx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { assertBalanced, prepareLines, requestHashOf, type EntryContent } from './entry-rules.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findEntryRowByKey, loadEntries, lockIdempotencyKey } from './repo-entries.ts';
import { postJournalEntrySchema, type JournalEntry, type PostJournalEntryInput } from './schema.ts';
import { assertAccountsUsable, writeEntry } from './write-entry.ts';

/**
 * Posts one balanced journal entry (the API the billing engine calls; rules in docs/ledger.md).
 * Checks in order, each error naming its line: shape, balance per currency, accounts known and
 * active, month open. With an idempotencyKey the entry is posted at most once: a replay returns
 * the first entry, and a replay with different content is refused (idempotency_key_reused).
 * Joins the caller's transaction when there is one, so an invoice and its entry commit together.
 */
export async function postJournalEntry(ctx: Ctx, input: PostJournalEntryInput): Promise<JournalEntry> {
  const parsed = parseInput(postJournalEntrySchema, input);
  const lines = prepareLines(parsed.lines);
  assertBalanced(lines);
  const content: EntryContent = { entryDate: parsed.entryDate, description: parsed.description, source: parsed.source ?? null, lines };
  const idempotencyKey = parsed.idempotencyKey ?? null;
  const requestHash = idempotencyKey ? requestHashOf(content) : null;
  return inTransaction(ctx, async (tx) => {
    const replay = idempotencyKey && requestHash ? await findReplay(tx, idempotencyKey, requestHash) : null;
    if (replay) return replay;
    await assertAccountsUsable(tx, lines);
    return writeEntry(tx, { ...content, lines, idempotencyKey, requestHash, reversesEntryId: null }, 'post');
  });
}

async function findReplay(tx: TxCtx, idempotencyKey: string, requestHash: string): Promise<JournalEntry | null> {
  await lockIdempotencyKey(tx, idempotencyKey);
  const row = await findEntryRowByKey(tx, idempotencyKey);
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw new AppError('idempotency_key_reused', `Idempotency key ${idempotencyKey} already posted ${row.number} with different content`, {
      extra: { entryId: row.id, number: row.number },
    });
  }
  const [entry] = await loadEntries(tx, [row]);
  return entry ?? null;
}
