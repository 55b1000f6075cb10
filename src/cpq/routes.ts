import type { RoutePlugin } from '../shared/http/route-types.ts';
import { registerAcceptanceRoutes } from './acceptance/routes.ts';
import { registerQuoteDocumentRoutes } from './document/routes.ts';
import { registerQuoteActionRoutes } from './routes-actions.ts';
import { registerQuoteRoutes } from './routes-quotes.ts';
import { registerRuleRoutes } from './routes-rules.ts';

/** Quotes, their lines and actions, approvals, the rules admin, documents and acceptance, mounted under /api/v1. */
export const cpqRoutes: RoutePlugin = (app) => {
  registerQuoteRoutes(app);
  registerQuoteActionRoutes(app);
  registerRuleRoutes(app);
  registerQuoteDocumentRoutes(app);
  registerAcceptanceRoutes(app);
};
