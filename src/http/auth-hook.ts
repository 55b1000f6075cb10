import { authenticate, SESSION_COOKIE } from '../identity/index.ts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../shared/access.ts';
import { AppError } from '../shared/errors.ts';
import type { RouteAccess } from '../shared/http/route-types.ts';


const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the actor (API key bearer token or session cookie), then enforces
 * the route's declared access. Runs in onRequest, before the body is parsed or
 * validated, so a forbidden caller learns nothing about the payload rules.
 */
export async function authorizeRequest(request: FastifyRequest): Promise<void> {
  const access: RouteAccess | undefined = request.routeOptions.config?.access;
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  const sessionToken = request.cookies?.[SESSION_COOKIE];
  const result =
    bearer || sessionToken
      ? await authenticate(request.ctx, { ...(bearer ? { bearerToken: bearer } : {}), ...(sessionToken ? { sessionToken } : {}) })
      : null;
  if (bearer && !result) throw new AppError('unauthenticated', 'The API key is not valid or has been revoked');
  if (result) {
    request.actor = result.actor;
    request.ctx = { ...request.ctx, actor: result.actor };
    // Cookie sessions must prove same-origin intent on writes (double submit of the session's CSRF token).
    if (result.via === 'session' && UNSAFE_METHODS.has(request.method) && access !== 'public') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== result.csrfToken) {
        throw new AppError('csrf_failed', 'Send the X-CSRF-Token header returned at sign-in');
      }
    }
  }
  // Unknown routes answer 404 whoever asks (the route list is public in /docs anyway).
  if (request.is404) return;
  enforceAccess(access, request.actor, request.url);
}

function enforceAccess(access: RouteAccess | undefined, actor: Actor | null, url: string): void {
  if (access === 'public') return;
  if (access === undefined) {
    // Routes outside /api/v1 (docs, static files) without a declaration are public; API routes never are.
    if (!url.startsWith('/api/')) return;
    throw new AppError('forbidden', 'This route declares no access rule');
  }
  if (!actor) throw new AppError('unauthenticated', 'Sign in, or send an API key as "Authorization: Bearer <key>"');
  if (access === 'authenticated') return;
  if (!access.includes(actor.role)) {
    throw new AppError('forbidden', `Role ${actor.role} may not do this; allowed: ${access.join(', ')}`);
  }
}
