import { findRecordNames, ownerScope } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { decodeCursor, toPage } from '../shared/http/pagination.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { toQuote, toQuoteSummary } from './quote-json.ts';
import { findLineRows } from './quote-line-repo.ts';
import { findQuoteRow, findQuoteRows, getQuoteRow } from './quote-repo.ts';
import { listQuotesQuerySchema, type ListQuotesQuery, type Quote, type QuoteListItem } from './quote-schema.ts';
import type { QuoteRow } from './tables.ts';

/** A quote the actor may see, with its lines; 404 otherwise (missing, deleted and out of scope look alike). */
export async function getQuote(ctx: Ctx, id: string): Promise<Quote> {
  return withLines(ctx, await getQuoteRow(ctx, await ownerScope(ctx), id));
}

export async function findQuote(ctx: Ctx, id: string): Promise<Quote | null> {
  const row = await findQuoteRow(ctx, await ownerScope(ctx), id);
  return row ? withLines(ctx, row) : null;
}

export async function withLines(ctx: Ctx, row: QuoteRow): Promise<Quote> {
  return toQuote(row, await findLineRows(ctx, row.id), ctx.clock.today());
}

export type QuotePage = { data: QuoteListItem[]; nextCursor: string | null };

/** Keyset pages of the quotes the actor may see, newest first (or oldest, `order`), without lines, with their account's and opportunity's names. */
export async function listQuotes(ctx: Ctx, query: ListQuotesQuery): Promise<QuotePage> {
  const { limit, cursor, order, ...filter } = parseInput(listQuotesQuerySchema, query, 'querystring');
  const afterId = decodeCursor(cursor)?.id ?? null;
  const rows = await findQuoteRows(ctx, await ownerScope(ctx), filter, { limit: limit + 1, afterId, order });
  const today = ctx.clock.today();
  const page = toPage(rows, limit, (row) => ({ sortValue: null, id: row.id }), (row) => toQuoteSummary(row, today));
  const names = await findRecordNames(ctx, { accounts: page.data.map((quote) => quote.accountId), opportunities: page.data.map((quote) => quote.opportunityId) });
  return {
    data: page.data.map((quote) => ({ ...quote, accountName: names.accounts.get(quote.accountId) ?? null, opportunityName: names.opportunities.get(quote.opportunityId) ?? null })),
    nextCursor: page.nextCursor,
  };
}
