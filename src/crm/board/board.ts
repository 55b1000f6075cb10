import type { Ctx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { parseInput } from '../../shared/validation/parse-input.ts';
import { getOpportunity } from '../opportunities/get-opportunity.ts';
import { listOpportunities } from '../opportunities/list-opportunities.ts';
import type { Opportunity } from '../opportunities/schema.ts';
import { ownerScope } from '../owner-scope.ts';
import { toInstantDate } from '../shared-fields.ts';
import { countLeadFunnel, findAccountNames, findOwnerOptions, findUserNames, sumOpportunitiesByStage } from './repo.ts';
import {
  boardFilterSchema, leadFunnelQuerySchema,
  type BoardCard, type BoardCardsQuery, type BoardFilterInput, type LeadFunnel, type LeadFunnelQuery, type OwnerOption, type StageSummary,
} from './schema.ts';

const MAX_OWNER_OPTIONS = 500;

/**
 * Count and value of each stage's column under the board's filters. The database sums per
 * currency and the totals stay per currency: adding EUR to USD would need a rate and a date.
 */
export async function summarizeBoard(ctx: Ctx, query: BoardFilterInput = {}): Promise<StageSummary[]> {
  const filter = parseInput(boardFilterSchema, query, 'querystring');
  const rows = await sumOpportunitiesByStage(ctx, await ownerScope(ctx), filter);
  const byStage = new Map<string, StageSummary>();
  for (const row of rows) {
    const summary = byStage.get(row.stage_key) ?? { stage: row.stage_key, count: 0, totals: [] };
    summary.count += Number(row.count);
    summary.totals.push(moneyToJson(money(BigInt(row.total_minor), row.currency.trim())));
    byStage.set(row.stage_key, summary);
  }
  return [...byStage.values()];
}

/** A page of GET /opportunities (same filters, sorts, cursor) with the account's and the owner's names. */
export async function listBoardCards(ctx: Ctx, query: BoardCardsQuery): Promise<{ data: BoardCard[]; nextCursor: string | null }> {
  const page = await listOpportunities(ctx, query);
  return { data: await withNames(ctx, page.data), nextCursor: page.nextCursor };
}

/** One visible opportunity as a card (404 otherwise, as GET /opportunities/:id). */
export async function getBoardCard(ctx: Ctx, id: string): Promise<BoardCard> {
  const [card] = await withNames(ctx, [await getOpportunity(ctx, id)]);
  assert(card, `getBoardCard: no card for ${id}`);
  return card;
}

async function withNames(ctx: Ctx, opportunities: Opportunity[]): Promise<BoardCard[]> {
  const accounts = await findAccountNames(ctx, [...new Set(opportunities.map((o) => o.accountId))]);
  const owners = await findUserNames(ctx, [...new Set(opportunities.flatMap((o) => (o.ownerUserId ? [o.ownerUserId] : [])))]);
  return opportunities.map((o) => ({ ...o, accountName: accounts.get(o.accountId) ?? null, ownerName: o.ownerUserId ? (owners.get(o.ownerUserId) ?? null) : null }));
}

/** The people an owner filter can name: everyone for org-wide roles, the team for sales roles. */
export async function listOwnerOptions(ctx: Ctx): Promise<OwnerOption[]> {
  const rows = await findOwnerOptions(ctx, await ownerScope(ctx), MAX_OWNER_OPTIONS);
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

/** Lead → MQL → SQL → opportunity → won for the leads the actor may see (cumulative steps). */
export async function summarizeLeadFunnel(ctx: Ctx, query: LeadFunnelQuery = {}): Promise<LeadFunnel> {
  const { ownerUserId, createdFrom, createdBefore } = parseInput(leadFunnelQuerySchema, query, 'querystring');
  const row = await countLeadFunnel(ctx, await ownerScope(ctx), {
    ...(ownerUserId !== undefined ? { ownerUserId } : {}),
    ...(createdFrom !== undefined ? { createdFrom: toInstantDate(createdFrom) } : {}),
    ...(createdBefore !== undefined ? { createdBefore: toInstantDate(createdBefore) } : {}),
  });
  return { leads: Number(row.leads), mqls: Number(row.mqls), sqls: Number(row.sqls), opportunities: Number(row.opportunities), won: Number(row.won) };
}
