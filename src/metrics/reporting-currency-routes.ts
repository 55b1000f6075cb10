import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import type { App } from '../shared/http/route-types.ts';
import { findReportingCurrency, reportingCurrencyBodySchema, setReportingCurrency } from './reporting-currency.ts';

// Finance owns the company's reporting view, as it owns the rates it needs (FX_WRITE_ROLES).
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['metrics'];
const settingJson = z.object({ reportingCurrency: z.string().nullable().describe('ISO 4217 code; null: figures per currency') });

/** The company's reporting currency (docs/metrics.md "Reporting currency"). */
export function registerReportingCurrencyRoutes(app: App): void {
  app.get(
    '/settings/reporting-currency',
    // Every signed-in user: the web app needs it to show any money figure the company's way.
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The company reporting currency: what views convert into when they name no currency (null: per currency)', response: { 200: settingJson } } },
    async (request) => ({ reportingCurrency: await findReportingCurrency(request.ctx) }),
  );
  app.put(
    '/settings/reporting-currency',
    {
      config: { access: WRITE_ROLES },
      schema: { tags, summary: 'Set the company reporting currency, or null for figures per currency (audited; 422 for a code Revline does not know)', body: reportingCurrencyBodySchema, response: { 200: settingJson } },
    },
    async (request) => setReportingCurrency(request.ctx, request.body),
  );
}
