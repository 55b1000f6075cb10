import { listQuotes } from '../cpq/index.ts';
import { listOpportunities, listStages } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { canReadQuotes } from './access.ts';
import { sumByCurrency } from './money-totals.ts';
import type { Customer360 } from './schema.ts';

const OPPORTUNITY_LIMIT = 100;
const QUOTE_LIMIT = 200;
/** Quotes still in play: not yet accepted, and not rejected, expired or replaced by a revision. */
const OPEN_QUOTE_STATUSES = new Set(['draft', 'pending_approval', 'approved', 'sent']);

/** Open opportunities (soonest close first) with their pipeline per currency, and open quotes. */
export async function loadSalesSection(ctx: Ctx, accountId: string): Promise<Customer360['sales']> {
  const stages = new Map((await listStages(ctx)).data.map((stage) => [stage.key, stage.label]));
  const opportunities = (await listOpportunities(ctx, { accountId, status: 'open', sort: 'closeDate', limit: OPPORTUNITY_LIMIT })).data;
  const openOpportunities = opportunities.map((opportunity) => ({
    id: opportunity.id, name: opportunity.name, stage: opportunity.stage, stageLabel: stages.get(opportunity.stage) ?? opportunity.stage,
    amount: opportunity.amount, probabilityBps: opportunity.probabilityBps, closeDate: opportunity.closeDate,
  }));
  const openPipeline = sumByCurrency(opportunities.map((opportunity) => ({ amountMinor: BigInt(opportunity.amount.amountMinor), currency: opportunity.amount.currency })));
  if (!canReadQuotes(ctx.actor.role)) return { openOpportunities, openPipeline, openQuotes: null };
  const quotes = (await listQuotes(ctx, { accountId, limit: QUOTE_LIMIT })).data.filter((quote) => OPEN_QUOTE_STATUSES.has(quote.status) && !quote.expired);
  return {
    openOpportunities,
    openPipeline,
    openQuotes: quotes.map((quote) => ({
      id: quote.id, opportunityId: quote.opportunityId, status: quote.status, versionNumber: quote.versionNumber, expiresOnDate: quote.expiresOnDate,
      tcv: quote.totals.tcv, arr: quote.totals.arr, mrr: quote.totals.mrr, createdAt: quote.createdAt,
    })),
  };
}
