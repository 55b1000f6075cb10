import type { RoutePlugin } from '../shared/http/route-types.ts';
import { registerQuoteActionRoutes } from './routes-actions.ts';
import { registerQuoteRoutes } from './routes-quotes.ts';
import { registerRuleRoutes } from './routes-rules.ts';

/** Quotes, their lines and actions, approvals, and the rules admin, mounted under /api/v1. */
export const cpqRoutes: RoutePlugin = (app) => {
  registerQuoteRoutes(app);
  registerQuoteActionRoutes(app);
  registerRuleRoutes(app);
};
