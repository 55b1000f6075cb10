import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, Role } from '../access.ts';
import type { Ctx } from '../context.ts';

/** 'public' routes need no sign-in; every other route names the roles allowed. */
export type RouteAccess = readonly Role[] | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** POSTs that create something accept Idempotency-Key (default true for POST). */
    idempotent?: boolean;
    /**
     * On the GET of an immutable document: why other methods are refused and which correction to
     * use; the detail of the 405 a PATCH, PUT or DELETE on that path gets (src/http/method-not-allowed.ts).
     */
    immutable?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    ctx: Ctx;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Every domain exposes its routes as one of these, registered under /api/v1. */
export type RoutePlugin = (app: App) => Promise<void> | void;

export const ALL_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
