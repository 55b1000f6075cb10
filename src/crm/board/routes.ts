import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { getBoardCard, listBoardCards, listOwnerOptions, summarizeBoard, summarizeLeadFunnel } from './board.ts';
import { boardCardSchema, boardCardsQuerySchema, boardFilterSchema, leadFunnelQuerySchema, leadFunnelSchema, ownerOptionSchema, stageSummarySchema } from './schema.ts';

// The readers of opportunities and leads; each figure is limited to the records the actor may see.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
const tags = ['pipeline'];

export const boardRoutes: RoutePlugin = (app: App) => {
  app.get(
    '/pipeline-board/summary',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Count and value (per currency) of each stage under the board filters', querystring: boardFilterSchema, response: { 200: z.object({ data: z.array(stageSummarySchema) }) } } },
    async (request) => ({ data: await summarizeBoard(request.ctx, request.query) }),
  );
  app.get(
    '/pipeline-board/cards',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Opportunities as GET /opportunities (filters, sorts, keyset pages) with account and owner names', querystring: boardCardsQuerySchema, response: { 200: z.object({ data: z.array(boardCardSchema), nextCursor: z.string().nullable() }) } } },
    async (request) => listBoardCards(request.ctx, request.query),
  );
  app.get(
    '/pipeline-board/cards/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'One opportunity with account and owner names', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: boardCardSchema } } },
    async (request) => getBoardCard(request.ctx, request.params.id),
  );
  app.get(
    '/pipeline-board/owners',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Users an owner filter can name (the team for sales roles)', response: { 200: z.object({ data: z.array(ownerOptionSchema) }) } } },
    async (request) => ({ data: await listOwnerOptions(request.ctx) }),
  );
  app.get(
    '/lead-funnel',
    { config: { access: READ_ROLES }, schema: { tags: ['leads'], summary: 'Lead → MQL → SQL → opportunity → won counts (cumulative) for the visible leads', querystring: leadFunnelQuerySchema, response: { 200: leadFunnelSchema } } },
    async (request) => summarizeLeadFunnel(request.ctx, request.query),
  );
};
