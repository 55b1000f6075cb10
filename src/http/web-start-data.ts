import type { FastifyRequest } from 'fastify';
import { authenticate, SESSION_COOKIE, type AuthResult, type User } from '../identity/index.ts';
import { findReportingCurrency, listReadableMetrics, type ReportingCurrencySetting } from '../metrics/index.ts';
import { withActor } from '../shared/context.ts';
import type { Role } from '../shared/access.ts';
import type { App, RouteAccess } from '../shared/http/route-types.ts';

/** The id of index.html's JSON block; web/src/lib/start-data.ts reads it. */
export const START_DATA_ELEMENT_ID = 'revline-start-data';

/**
 * What the web app would ask for before it can send its first data requests (issue #7): the
 * answer of GET /api/v1/auth/me (the user and the session's CSRF token, which writes such as the
 * dashboard's POST /metrics/batch need), for the roles that may read it, of GET
 * /api/v1/metrics (the metric catalogue: static per role, it changes only with a deploy), and of GET
 * /api/v1/settings/reporting-currency (the currency the dashboard's reports are asked in when the
 * URL names none: without it here, they would wait for that answer).
 */
export type StartData = {
  me: { actor: AuthResult['actor']; user: User; csrfToken: string };
  metrics?: { data: unknown[] };
  reportingCurrency?: ReportingCurrencySetting;
};

/**
 * The start data of the request's session cookie, or null: nobody is signed in (or the session
 * ended), so the page carries nothing of anyone's. Only a live cookie session counts, as for
 * GET /auth/me; the catalogue and the reporting currency only when the route catalogue lets the
 * user's role GET them.
 */
export async function findStartData(app: App, request: FastifyRequest): Promise<StartData | null> {
  const sessionToken = request.cookies?.[SESSION_COOKIE];
  if (!sessionToken || !request.ctx) return null;
  const session = await authenticate(request.ctx, { sessionToken });
  if (session?.via !== 'session' || session.csrfToken === undefined || session.user === undefined) return null;
  const me = { actor: session.actor, user: session.user, csrfToken: session.csrfToken };
  const role = session.actor.role;
  // The same bodies as GET /api/v1/settings/reporting-currency and GET /api/v1/metrics (src/metrics/).
  const reportingCurrency = mayCall(app, 'GET', '/api/v1/settings/reporting-currency', role) ? { reportingCurrency: await findReportingCurrency(request.ctx) } : undefined;
  // The catalogue is the user's: a sales role's lists only its team's metrics (docs/metrics.md "Who sees what").
  const metrics = mayCall(app, 'GET', '/api/v1/metrics', role) ? { data: await listReadableMetrics(withActor(request.ctx, session.actor)) } : undefined;
  return { me, ...(metrics ? { metrics } : {}), ...(reportingCurrency ? { reportingCurrency } : {}) };
}

/** Whether the route's declared access admits the role (a route not registered admits nobody). */
function mayCall(app: App, method: string, url: string, role: Role): boolean {
  const access: RouteAccess | undefined = app.routeCatalog?.find((route) => route.method === method && route.url === url)?.access;
  if (access === undefined) return false;
  return access === 'public' || access === 'authenticated' || access.includes(role);
}
