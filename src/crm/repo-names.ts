import type { Ctx } from '../shared/context.ts';
import { opportunityDb } from './opportunities/repo.ts';
import { crmDb } from './repo.ts';

export type RecordNames = { accounts: ReadonlyMap<string, string>; opportunities: ReadonlyMap<string, string> };

/**
 * The names of accounts and opportunities by id, for lists of other records that carry only their
 * ids (quotes): one query each. Deleted records keep their name (a quote still shows whose it was);
 * an unknown id is absent.
 */
export async function findRecordNames(ctx: Ctx, ids: { accounts: readonly string[]; opportunities: readonly string[] }): Promise<RecordNames> {
  const accountIds = [...new Set(ids.accounts)];
  const opportunityIds = [...new Set(ids.opportunities)];
  const [accounts, opportunities] = await Promise.all([
    accountIds.length === 0 ? [] : crmDb(ctx).selectFrom('accounts').select(['id', 'name']).where('id', 'in', accountIds).execute(),
    opportunityIds.length === 0 ? [] : opportunityDb(ctx).selectFrom('opportunities').select(['id', 'name']).where('id', 'in', opportunityIds).execute(),
  ]);
  return { accounts: new Map(accounts.map((row) => [row.id, row.name])), opportunities: new Map(opportunities.map((row) => [row.id, row.name])) };
}
