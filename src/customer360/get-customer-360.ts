import { getAccount } from '../crm/index.ts';
import type { Ctx } from '../shared/context.ts';
import { toIsoDate } from '../shared/dates.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { canReadFinance, canReadQuotes } from './access.ts';
import { loadAccountSection, loadContacts } from './account-section.ts';
import { loadFinanceSection } from './finance-section.ts';
import { timelinePage } from './list-timeline.ts';
import { loadMarketingSection } from './marketing-section.ts';
import { loadSalesSection } from './sales-section.ts';
import { customer360QuerySchema, type Customer360, type Customer360Query } from './schema.ts';
import { loadSuccessSection } from './success-section.ts';

/**
 * Everything about one account on one page (issue #7): hierarchy, contacts, marketing, sales,
 * finance, success and the first page of the merged timeline. The account check comes first and
 * is crm's (a rep gets 404 for an account outside their team, like GET /accounts/:id); sections
 * the actor's role does not read elsewhere are left out and named in `restricted`.
 * Lists are bounded (newest first); totals (open, overdue, CSAT) are over all records.
 */
export async function getCustomer360(ctx: Ctx, accountId: string, query: Customer360Query = {}): Promise<Customer360> {
  const { timelineLimit } = parseInput(customer360QuerySchema, query, 'querystring');
  const account = await getAccount(ctx, accountId);
  const today = toIsoDate(ctx.clock.today());
  const finance = canReadFinance(ctx.actor.role);
  return {
    asOfDate: today,
    account: await loadAccountSection(ctx, account),
    contacts: await loadContacts(ctx, accountId),
    marketing: await loadMarketingSection(ctx, accountId),
    sales: await loadSalesSection(ctx, accountId),
    finance: finance ? await loadFinanceSection(ctx, accountId, today) : null,
    success: await loadSuccessSection(ctx, accountId, today),
    timeline: await timelinePage(ctx, accountId, timelineLimit, undefined),
    restricted: [...(finance ? [] : ['finance' as const]), ...(canReadQuotes(ctx.actor.role) ? [] : ['quotes' as const])],
  };
}
