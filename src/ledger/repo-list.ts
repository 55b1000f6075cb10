import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { EntryRow } from './repo-entries.ts';
import { ledgerDb } from './tables.ts';

// The list query, split from repo-entries.ts for length: together they are the only code reading entries.

export type EntryFilter = {
  startDate?: string; endDate?: string; accountCode?: string; accountId?: string; sourceType?: string; sourceId?: string;
};
/** The last row of the previous page. */
export type EntryKey = { entryDate: string; id: string };

/** One keyset page in (entry_date, id) order; an entry matches a line filter when any of its lines does. */
export async function findEntryRows(
  ctx: Ctx,
  filter: EntryFilter,
  page: { direction: 'asc' | 'desc'; limit: number; after: EntryKey | null },
): Promise<EntryRow[]> {
  let query = ledgerDb(ctx).selectFrom('journal_entries as e').selectAll('e');
  if (filter.startDate !== undefined) query = query.where('e.entry_date', '>=', filter.startDate);
  if (filter.endDate !== undefined) query = query.where('e.entry_date', '<', filter.endDate);
  if (filter.sourceType !== undefined) query = query.where('e.source_type', '=', filter.sourceType);
  if (filter.sourceId !== undefined) query = query.where('e.source_id', '=', filter.sourceId);
  const { accountCode, accountId } = filter;
  if (accountCode !== undefined || accountId !== undefined) {
    query = query.where(({ exists, selectFrom }) => {
      let lines = selectFrom('journal_lines as l').select('l.entry_id').whereRef('l.entry_id', '=', 'e.id');
      if (accountCode !== undefined) lines = lines.where('l.account_code', '=', accountCode);
      if (accountId !== undefined) lines = lines.where('l.account_id', '=', accountId);
      return exists(lines);
    });
  }
  if (page.after) {
    const comparison = sql.raw(page.direction === 'asc' ? '>' : '<');
    query = query.where(sql<SqlBool>`(e.entry_date, e.id) ${comparison} (cast(${page.after.entryDate} as date), ${page.after.id})`);
  }
  return query.orderBy('e.entry_date', page.direction).orderBy('e.id', page.direction).limit(page.limit).execute();
}
