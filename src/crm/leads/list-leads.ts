import type { Ctx } from '../../shared/context.ts';
import { toInstantDate } from '../shared-fields.ts';
import { decodeKeyset, keysetPage } from '../contacts/keyset.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { invalidField } from '../contacts/record-writes.ts';
import { findLeadRows, LEAD_SORT_KEYS } from './repo-list.ts';
import { toLead } from './repo.ts';
import { listLeadsQuerySchema, type Lead, type ListLeadsQuery } from './schema.ts';
import { findLeadStatusRow } from './status-repo.ts';

export type LeadPage = { data: Lead[]; nextCursor: string | null };

/** Keyset pages over the leads the actor may see; pass nextCursor back with the same query. */
export async function listLeads(ctx: Ctx, query: ListLeadsQuery): Promise<LeadPage> {
  const { limit, cursor, sort, order, createdFrom, createdBefore, ...filter } = parseInput(listLeadsQuerySchema, query, 'querystring');
  // A status that does not exist is a mistake (a typo, a renamed key), not a filter that matches nothing.
  if (filter.status !== undefined && !(await findLeadStatusRow(ctx, filter.status))) {
    throw invalidField('querystring.status', 'unknown lead status', `There is no lead status ${filter.status}; see GET /lead-statuses`);
  }
  const direction = order ?? (sort === 'name' || sort === 'company' ? 'asc' : 'desc');
  const sortKey = LEAD_SORT_KEYS[sort];
  const range = {
    ...(createdFrom !== undefined ? { createdFrom: toInstantDate(createdFrom) } : {}),
    ...(createdBefore !== undefined ? { createdBefore: toInstantDate(createdBefore) } : {}),
  };
  const rows = await findLeadRows(ctx, await ownerScope(ctx), { ...filter, ...range }, { sort, direction }, { limit: limit + 1, after: decodeKeyset(sortKey, cursor) });
  return keysetPage(rows, limit, sortKey, toLead);
}
