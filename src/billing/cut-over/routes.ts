import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { moneyJsonSchema } from '../api-json.ts';
import { postOpeningBalances } from './post-opening-balances.ts';
import { cutOverInputSchema, getCutOver, setCutOver, type CutOver } from './set-cut-over.ts';

const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];

const cutOverJsonSchema = z.object({ date: z.string().nullable(), openingPosted: z.boolean() });
const openingJsonSchema = z.object({
  cutOverDate: z.string(),
  entries: z.array(z.object({ journalEntryId: z.string(), amount: moneyJsonSchema, invoices: z.number() })),
});

const cutOverToJson = (value: CutOver) => ({ date: value.date, openingPosted: value.openingPosted });

/** The cut-over from an old billing system (docs/billing.md "Imported subscriptions and cut-over"). */
export function registerCutOverRoutes(app: App): void {
  app.get('/billing/cut-over', { config: { access: READ_ROLES }, schema: { tags, summary: 'The cut-over date (null until set) and whether opening balances were posted', response: { 200: cutOverJsonSchema } } },
    async (request) => cutOverToJson(await getCutOver(request.ctx)));
  app.put('/billing/cut-over', { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set the day Revline starts billing imported subscriptions (409 once billing or opening balances depend on it)', body: cutOverInputSchema, response: { 200: cutOverJsonSchema } } },
    async (request) => cutOverToJson(await setCutOver(request.ctx, request.body)));
  app.post('/billing/cut-over/opening-balances', { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Post the open receivables of imported invoices to the ledger at the cut-over (idempotent)', response: { 200: openingJsonSchema } } },
    async (request) => {
      const result = await postOpeningBalances(request.ctx);
      return {
        cutOverDate: result.cutOverDate,
        entries: result.entries.map((entry) => ({ journalEntryId: entry.journalEntryId, amount: moneyToJson(money(entry.amountMinor, entry.currency)), invoices: entry.invoices })),
      };
    });
}
