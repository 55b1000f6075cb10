import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { RoutePlugin } from '../../shared/http/route-types.ts';
import { buildDealLinks, type LinkRoot } from './build-links.ts';
import { dealLinksJsonSchema, dealLinksToJson } from './links-json.ts';

/** The graph holds audit entries and commissions: the roles that may read both. */
const LINK_ROLES: readonly Role[] = ['admin', 'revops', 'finance'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const PATHS: ReadonlyArray<[LinkRoot, string]> = [['quote', 'quotes'], ['order', 'orders'], ['subscription', 'subscriptions'], ['invoice', 'invoices']];

/** GET /{quotes|orders|subscriptions|invoices}/:id/links — the same deal graph from any of its records. */
export const linkRoutes: RoutePlugin = (app) => {
  for (const [type, path] of PATHS) {
    app.get(`/${path}/:id/links`,
      {
        config: { access: LINK_ROLES },
        schema: {
          tags: ['links'], summary: `Everything linked to a ${type}: quote, order, booking, subscription, invoices, commissions, audit`,
          params: idParams, response: { 200: dealLinksJsonSchema },
        },
      },
      async (request) => dealLinksToJson(await buildDealLinks(request.ctx, type, request.params.id)));
  }
};
