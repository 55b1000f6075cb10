import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { decodeCursor, pageSchema, toPage, invalidCursor } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { isPlainDateText } from '../shared/validation/field-schemas.ts';
import {
  fxImportBodySchema, fxImportResultSchema, fxRateQuerySchema, fxRateSchema, metricDefinitionSchema, metricResponseSchema, planImportBodySchema, planImportResultSchema,
} from './api-schemas.ts';
import { importSalesTargetsCsv, importSpendCsv } from './import-plan-data.ts';
import { listFxRates, type FxRateListAfter } from './fx-rate-repo.ts';
import { importEcbRatesCsv } from './import-fx-rates.ts';
import { METRIC_READ_ROLES } from './metric-access.ts';
import { computeMetric, listReadableMetrics } from './metric-catalog.ts';
import { metricQuerySchema } from './report-request.ts';
import { registerReportingCurrencyRoutes } from './reporting-currency-routes.ts';

// Exchange rates are the company's reference data, read by the roles that see company-wide figures. Rates are written by finance.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const FX_WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
// Spend is a finance figure; sales targets are set by revops or finance.
const SPEND_WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const TARGET_WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'finance'];
const tags = ['metrics'];

export const metricsRoutes: RoutePlugin = (app: App) => {
  app.get(
    '/metrics',
    {
      config: { access: METRIC_READ_ROLES },
      schema: { tags, summary: 'List the metrics the caller may ask for, with their unit, formula and breakdowns (the sales roles: their team\'s opportunity and lead metrics)', response: { 200: z.object({ data: z.array(metricDefinitionSchema) }) } },
    },
    async (request) => ({ data: await listReadableMetrics(request.ctx) }),
  );
  app.get(
    '/metrics/:name',
    {
      config: { access: METRIC_READ_ROLES },
      schema: {
        tags, summary: 'Compute a metric per period (and breakdown, currency); explain=true adds formula, settings and contributing records',
        params: z.object({ name: z.string().min(1).max(100) }), querystring: metricQuerySchema, response: { 200: metricResponseSchema },
      },
    },
    async (request) => computeMetric(request.ctx, request.params.name, request.query),
  );
  app.get(
    '/fx-rates',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Stored exchange rates, newest first; cursor-paged (nextCursor)', querystring: fxRateQuerySchema, response: { 200: pageSchema(fxRateSchema) } } },
    async (request) => {
      const { cursor, ...query } = request.query;
      const rates = await listFxRates(request.ctx, { ...query, limit: query.limit + 1, after: fxCursorAfter(cursor) });
      return toPage(rates, query.limit, (rate) => ({ sortValue: rate.rateDate, id: `${rate.base}${rate.quote}` }), (rate) => rate);
    },
  );
  app.post(
    '/fx-rates/import',
    { config: { access: FX_WRITE_ROLES }, schema: { tags, summary: 'Import ECB-style reference rates (idempotent: unchanged rates are not rewritten)', body: fxImportBodySchema, response: { 200: fxImportResultSchema } } },
    async (request) => importEcbRatesCsv(request.ctx, request.body.csv, { source: request.body.source, base: request.body.base }),
  );
  app.post(
    '/metrics/spend/import',
    { config: { access: SPEND_WRITE_ROLES }, schema: { tags, summary: 'Import sales and marketing spend (CSV; re-importing replaces amounts, bad rows are reported and skipped)', body: planImportBodySchema, response: { 200: planImportResultSchema } } },
    async (request) => importSpendCsv(request.ctx, request.body.csv, { source: request.body.source }),
  );
  app.post(
    '/metrics/targets/import',
    { config: { access: TARGET_WRITE_ROLES }, schema: { tags, summary: 'Import monthly sales targets for pipeline coverage (CSV; re-importing replaces amounts)', body: planImportBodySchema, response: { 200: planImportResultSchema } } },
    async (request) => importSalesTargetsCsv(request.ctx, request.body.csv, { source: request.body.source }),
  );
  registerReportingCurrencyRoutes(app);
};

/** The fx-rates cursor: sortValue is the rate date, id the pair ("EURUSD"), both of the last row sent. */
function fxCursorAfter(cursor: string | undefined): FxRateListAfter | null {
  const decoded = decodeCursor(cursor);
  if (decoded === null) return null;
  if (typeof decoded.sortValue !== 'string' || !isPlainDateText(decoded.sortValue) || !/^[A-Z]{6}$/.test(decoded.id)) {
    throw invalidCursor();
  }
  return { rateDate: decoded.sortValue, base: decoded.id.slice(0, 3), quote: decoded.id.slice(3) };
}
