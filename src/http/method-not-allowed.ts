import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { buildProblem, sendProblem } from './problem.ts';

export type CatalogRoute = { method: string; url: string; immutable?: string | undefined };
export type AllowedMethods = { methods: string[]; immutable: string | undefined };

const patterns = new Map<string, RegExp>();

/** A route pattern as a regular expression over a path: `:param` is one segment. */
function patternOf(url: string): RegExp {
  let pattern = patterns.get(url);
  if (!pattern) {
    const segments = url.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
    pattern = new RegExp(`^${segments.join('/')}/?$`);
    patterns.set(url, pattern);
  }
  return pattern;
}

/**
 * The methods the routes matching `path` answer (HEAD with GET, as Fastify serves it), and the
 * immutability note one of them declares. Wildcard routes (the web app's `/*`) are left out: they
 * would make every unknown path "exist".
 */
export function allowedMethods(catalog: readonly CatalogRoute[], path: string): AllowedMethods {
  const bare = path.split('?')[0] ?? '';
  const matches = catalog.filter((route) => !route.url.includes('*') && patternOf(route.url).test(bare));
  const methods = new Set(matches.map((route) => route.method));
  if (methods.has('GET')) methods.add('HEAD');
  return { methods: [...methods].sort(), immutable: matches.find((route) => route.immutable !== undefined)?.immutable };
}

/**
 * Not-found handler: a path that exists with other methods answers RFC 9110 405 with `Allow`
 * (problem+json; for issued documents the detail names the correction), anything else 404.
 */
export function answerUnrouted(catalog: readonly CatalogRoute[], request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  const allowed = allowedMethods(catalog, path);
  if (allowed.methods.length === 0 || allowed.methods.includes(request.method)) {
    return sendProblem(reply, buildProblem(new AppError('not_found', `No route ${request.method} ${request.url}`), request));
  }
  const detail = `${request.method} is not allowed on ${path}; allowed: ${allowed.methods.join(', ')}.${allowed.immutable ? ` ${allowed.immutable}` : ''}`;
  void reply.header('allow', allowed.methods.join(', '));
  return sendProblem(reply, buildProblem(new AppError('method_not_allowed', detail, { extra: { allow: allowed.methods } }), request));
}
