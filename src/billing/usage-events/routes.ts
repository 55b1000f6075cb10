import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { fieldErrorSchema } from '../../shared/http/problem-schema.ts';
import type { App } from '../../shared/http/route-types.ts';
import { ingestUsageEvents, ingestUsageEventsBodySchema } from './ingest-usage-events.ts';

const INGEST_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success'];
const problemSchema = z.object({ type: z.string(), title: z.string(), status: z.number().int(), code: z.string(), detail: z.string(), errors: z.array(fieldErrorSchema) });
const ingestResponseSchema = z.object({
  counts: z.object({ created: z.number().int(), duplicate: z.number().int(), rejected: z.number().int() }),
  results: z.array(z.object({
    index: z.number().int(), eventId: z.string().nullable(), outcome: z.enum(['created', 'duplicate', 'rejected']),
    problem: problemSchema.nullable().describe('RFC 9457 problem details of a rejected event; fields are events.<index>.<field>'),
  })),
});

/** POST /usage/events: raw metered events in bulk, idempotent by event id (docs/billing.md "Usage events"). */
export function registerUsageEventRoutes(app: App): void {
  app.post(
    '/usage/events',
    { config: { access: INGEST_ROLES }, schema: { tags: ['billing'], summary: 'Ingest metered usage events in a batch (≤ 1000), idempotent by event id; one result per event', body: ingestUsageEventsBodySchema, response: { 200: ingestResponseSchema } } },
    async (request) => ingestUsageEvents(request.ctx, request.body),
  );
}
