import { ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { money, moneyToJson } from '../shared/money.ts';
import { findInboxRows, findRequestRows, toApprovalRequest } from './approval-request-repo.ts';
import { getQuoteRow } from './quote-repo.ts';
import type { ApprovalRequest, InboxItem } from './rule-schema.ts';

export type InboxPage = { data: InboxItem[]; nextCursor: string | null };

/** The approvals inbox: what waits for the caller now (by user or role, on an open level), oldest first, with the customer's and deal's names. */
export async function listApprovalInbox(ctx: Ctx, query: { limit?: number | undefined; cursor?: string | undefined }): Promise<InboxPage> {
  const limit = query.limit ?? 50;
  const rows = await findInboxRows(ctx, ctx.actor, { limit: limit + 1, afterId: decodeCursor(query.cursor)?.id ?? null });
  return toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), (row) => ({
    ...toApprovalRequest(row),
    ruleName: row.rule_name,
    quote: {
      id: row.quote_id, opportunityId: row.opportunity_id, accountId: row.account_id, ownerUserId: row.owner_user_id,
      accountName: row.account_name, opportunityName: row.opportunity_name, versionNumber: row.version_number, tcv: moneyToJson(money(row.tcv_minor, row.currency)),
    },
  }));
}

/** Every approval request of a quote the caller can see, open and decided, by level. */
export async function listQuoteApprovals(ctx: Ctx, quoteId: string): Promise<ApprovalRequest[]> {
  const quote = await getQuoteRow(ctx, await ownerScope(ctx), quoteId);
  return (await findRequestRows(ctx, quote.id)).map(toApprovalRequest);
}
