import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { metricResponseSchema } from './api-schemas.ts';
import { computeMetric } from './metric-catalog.ts';
import { metricQuerySchema } from './report-request.ts';
import { withRequestMemo } from './request-memo.ts';
import { METRIC_READ_ROLES } from './metric-access.ts';

/**
 * POST /metrics/batch: many metric reports in one request (the revenue dashboard asks for about
 * twenty). Each item is exactly GET /metrics/:name with the same query (computed by the same
 * computeMetric, so each figure is the one the single request gives), and each item fails on its
 * own: a bad or unknown item answers its problem+json in its slot, the others still answer.
 * Work is shared only within the request (request-memo.ts: receivables, closed deals, open
 * pipeline, billing documents read once for all the metrics that need them) and through what
 * computeMetric already shares (the MRR store, rebuilt when the data version changes), so a batch
 * never shows figures older than a single request would.
 */

// The same readers as GET /metrics/:name (routes.ts); computeMetric refuses a sales role the
// metrics it cannot have, item by item (a 403 problem in that item's slot).
export const MAX_BATCH_ITEMS = 50;

/** An error of one item as RFC 9457 problem details, or null for a programmer error (the whole batch fails, 500). */
export type ToProblem = (error: unknown, request: FastifyRequest) => ({ status: number } & Record<string, unknown>) | null;

const batchItemSchema = metricQuerySchema.extend({ metric: z.string().min(1).max(100).describe('Metric name, as in GET /metrics/:name') })
  .describe('One report: the metric and the query GET /metrics/:name takes');
const batchBodySchema = z.strictObject({ queries: z.array(batchItemSchema).min(1).max(MAX_BATCH_ITEMS) });
const problemSchema = z.looseObject({ type: z.string(), title: z.string(), status: z.number().int(), code: z.string(), detail: z.string().optional() });
const batchResultSchema = z.union([
  z.object({ metric: z.string(), status: z.literal(200), data: metricResponseSchema }),
  z.object({ metric: z.string(), status: z.number().int().min(400), problem: problemSchema.describe('RFC 9457 problem details of this item; fields are querystring.<field> as for GET /metrics/:name') }),
]);
const batchResponseSchema = z.object({ results: z.array(batchResultSchema).describe('One result per query, in the order asked') });

export function createMetricsBatchRoutes(options: { toProblem: ToProblem }): RoutePlugin {
  return function metricsBatchRoutes(app: App) {
    app.post(
      '/metrics/batch',
      {
        config: { access: METRIC_READ_ROLES, idempotent: false },
        schema: {
          tags: ['metrics'], summary: `Compute up to ${MAX_BATCH_ITEMS} metric reports in one request; each item answers its report or its own problem+json`,
          body: batchBodySchema, response: { 200: batchResponseSchema },
        },
      },
      async (request) => {
        // One context for the batch: loads its metrics share (request-memo.ts) are read once.
        const ctx = withRequestMemo(request.ctx);
        const results = await Promise.all(request.body.queries.map(async ({ metric, ...query }) => {
          try {
            return { metric, status: 200 as const, data: await computeMetric(ctx, metric, query) };
          } catch (error) {
            const problem = options.toProblem(error, request);
            if (problem === null) throw error;
            return { metric, status: problem.status, problem: problem as z.infer<typeof problemSchema> };
          }
        }));
        return { results };
      },
    );
  };
}
