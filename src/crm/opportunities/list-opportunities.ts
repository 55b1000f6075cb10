import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { toPage } from '../../shared/http/pagination.ts';
import { ownerScope } from '../owner-scope.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { decodePosition } from './keyset.ts';
import { findOpportunityRows, OPPORTUNITY_SORT_KEYS, sortValueOf } from './repo-list.ts';
import { toOpportunity } from './repo.ts';
import { listOpportunitiesQuerySchema, type ListOpportunitiesQuery, type Opportunity } from './schema.ts';

export type OpportunityPage = { data: Opportunity[]; nextCursor: string | null };

/**
 * Keyset pages of the opportunities the actor may see. Pass nextCursor back with the same sort,
 * order and filters. Amounts only compare within one currency, so an amount range or sort by
 * amount needs the currency filter.
 */
export async function listOpportunities(ctx: Ctx, query: ListOpportunitiesQuery = {}): Promise<OpportunityPage> {
  const { limit, cursor, sort, order, ...rawFilter } = parseInput(listOpportunitiesQuerySchema, query, 'querystring');
  const filter = Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined));
  const needsCurrency = sort === 'amount' || rawFilter.amountMinorMin !== undefined || rawFilter.amountMinorMax !== undefined;
  if (needsCurrency && rawFilter.currency === undefined) {
    throw new AppError('validation_failed', 'Amounts compare only within one currency: add currency=…', {
      fieldErrors: [{ field: 'querystring.currency', message: 'required with an amount range or sort=amount' }],
    });
  }
  const direction = order ?? (sort === 'name' || sort === 'closeDate' ? 'asc' : 'desc');
  const after = decodePosition(cursor, OPPORTUNITY_SORT_KEYS[sort].kind);
  const rows = await findOpportunityRows(ctx, await ownerScope(ctx), filter, { sort, direction }, { limit: limit + 1, after });
  return toPage(rows, limit, (row) => ({ sortValue: sortValueOf(sort, row), id: row.id }), toOpportunity);
}
