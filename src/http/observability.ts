import { sql } from 'kysely';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseHandle } from '../shared/db/open-database.ts';
import type { App } from '../shared/http/route-types.ts';

/** /healthz (process alive), /readyz (database answers) and Prometheus /metrics. */
export function registerObservability(app: App, database: DatabaseHandle): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'revline_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready', database: database.kind };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', database: database.kind, error: String(error) });
    }
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    // /metrics is also the web app's metrics explorer: a browser opening a link to it
    // (/metrics?metric=arr…) asks for HTML and gets the app; scrapers ask for text and get Prometheus.
    if (asksForHtml(request.headers.accept) && app.hasReplyDecorator('sendFile')) return reply.sendFile('index.html');
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}

/** A browser navigation: Accept names text/html (Prometheus sends text/plain or openmetrics, curl sends *\/*). */
function asksForHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html\b/.test(accept);
}
