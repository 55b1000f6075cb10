import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { mergeContacts } from './merge-records.ts';
import { normalizeEmail } from './normalize.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { qualityDb } from './read-model.ts';
import { dedupeContactsSchema, type DedupeContactsInput, type DedupeResult } from './schema.ts';

type EmailRecord = { id: string; email: string | null; created_at: Date };

/**
 * Records grouped by normalizeEmail, only groups of two or more, each oldest first (ties by id),
 * groups in order of their key: one person with several records.
 */
export function groupByMailbox<T extends EmailRecord>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = record.email === null ? null : normalizeEmail(record.email);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const duplicates = [...groups].filter(([, group]) => group.length > 1).sort(([a], [b]) => a.localeCompare(b));
  return new Map(duplicates.map(([key, group]) => [key, group.sort(oldestFirst)]));
}

function oldestFirst(a: EmailRecord, b: EmailRecord): number {
  return a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export async function findDuplicateContacts(ctx: Ctx): Promise<Map<string, EmailRecord[]>> {
  const rows = await qualityDb(ctx)
    .selectFrom('contacts')
    .select(['id', 'email', 'created_at'])
    .where('deleted_at', 'is', null)
    .where('email', 'is not', null)
    .execute();
  return groupByMailbox(rows);
}

/**
 * Merges each group of live contacts sharing a mailbox into its oldest contact, one transaction
 * per pair (a failure is reported and the rest goes on). A pair someone has unmerged before is
 * two people to them and is left alone.
 */
export async function dedupeContacts(ctx: Ctx, input: DedupeContactsInput = {}): Promise<DedupeResult> {
  const { emails } = parseInput(dedupeContactsSchema, input);
  const only = emails === undefined ? null : new Set(emails.map(normalizeEmail));
  const separated = await findUnmergedPairs(ctx);
  const result: DedupeResult = { merged: [], failed: [] };
  for (const [mailbox, [survivor, ...others]] of await findDuplicateContacts(ctx)) {
    if (!survivor || (only !== null && !only.has(mailbox))) continue;
    for (const other of others) {
      if (separated.has(`${survivor.id}|${other.id}`)) continue;
      try {
        const reasons = [{ rule: 'email' as const, value: mailbox, score: 1 }];
        result.merged.push(await mergeContacts(ctx, { survivorId: survivor.id, mergedId: other.id, scoreBps: 10_000, reasons }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.failed.push({ contactIds: [survivor.id, other.id], code: error.code, detail: error.detail ?? error.message });
      }
    }
  }
  return result;
}

async function findUnmergedPairs(ctx: Ctx): Promise<Set<string>> {
  const rows = await qualityDb(ctx)
    .selectFrom('record_merges')
    .select(['survivor_id', 'merged_id'])
    .where('entity_type', '=', 'contact')
    .where('status', '=', 'unmerged')
    .execute();
  return new Set(rows.flatMap((row) => [`${row.survivor_id}|${row.merged_id}`, `${row.merged_id}|${row.survivor_id}`]));
}
