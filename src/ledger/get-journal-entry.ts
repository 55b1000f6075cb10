import type { Ctx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { findEntryRow, getEntryRow, loadEntries } from './repo-entries.ts';
import type { JournalEntry } from './schema.ts';

/** An entry with its lines and, when reversed, the reversing entry's id; 404 when missing. */
export async function getJournalEntry(ctx: Ctx, id: string): Promise<JournalEntry> {
  const [entry] = await loadEntries(ctx, [await getEntryRow(ctx, id)]);
  assert(entry, `journal entry ${id} was read but not loaded`);
  return entry;
}

export async function findJournalEntry(ctx: Ctx, id: string): Promise<JournalEntry | null> {
  const row = await findEntryRow(ctx, id);
  if (!row) return null;
  const [entry] = await loadEntries(ctx, [row]);
  return entry ?? null;
}
