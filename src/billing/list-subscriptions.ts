import { sql, type SqlBool } from 'kysely';
import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { accountInScope, billingDb } from './billing-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { toSubscription } from './subscription-repo.ts';
import { listSubscriptionsQuerySchema, type ListSubscriptionsQuery, type SubscriptionPage } from './subscription-schema.ts';

/**
 * Keyset pages, newest first. Ids are ULIDs, so id order is creation order and the cursor is the
 * last id alone: pages neither skip nor repeat rows when rows are added between calls.
 */
export async function listSubscriptions(ctx: Ctx, query: ListSubscriptionsQuery): Promise<SubscriptionPage> {
  const { limit, cursor, accountId, status, activeOnDate } = parseInput(listSubscriptionsQuerySchema, query, 'querystring');
  const after = decodeCursor(cursor);
  let select = billingDb(ctx).selectFrom('subscriptions').selectAll().where(accountInScope(await ownerScope(ctx), 'subscriptions.account_id'));
  if (accountId !== undefined) select = select.where('account_id', '=', accountId);
  if (status !== undefined) select = select.where('status', '=', status);
  if (activeOnDate !== undefined) {
    // Half-open [start_date, end_date): in service on the day itself, gone on end_date.
    select = select.where('start_date', '<=', activeOnDate)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', activeOnDate)]));
  }
  if (after) select = select.where(sql<SqlBool>`subscriptions.id < ${after.id}`);
  const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), toSubscription);
}
