import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { text } from '../shared/validation/field-schemas.ts';
import { pageQuerySchema, pageSchema, toPage, decodeCursor } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { actorNames, MAX_ACTOR_IDS } from './actor-names.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import {
  apiKeySchema, createApiKeyBodySchema, createTeamBodySchema, createUserBodySchema, emailSchema, localeSchema,
  passwordSchema, teamSchema, updateUserBodySchema, userSchema,
} from './schema.ts';
import { findSession, login, logout, SESSION_ABSOLUTE_MS } from './sessions.ts';
import { completeSetup, needsSetup } from './setup.ts';
import { createTeam, listTeams } from './teams.ts';
import { createUser, getUser, listUsers, updateUser } from './users.ts';

export const SESSION_COOKIE = 'revline_session';
const idParams = z.object({ id: z.string().min(1).max(100) });
const sessionBody = z.object({ user: userSchema, csrfToken: z.string() });

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

function registerAuthRoutes(app: App): void {
  app.get('/setup/status', { config: { access: 'public' }, schema: { tags: ['identity'], response: { 200: z.object({ needsSetup: z.boolean() }) } } }, async (request) => ({
    needsSetup: await needsSetup(request.ctx),
  }));
  app.post(
    '/setup',
    {
      config: { access: 'public', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Create the first admin with the one-time set-up token printed at start',
        body: z.object({ token: z.string().min(10).max(200), email: emailSchema, displayName: z.string().trim().min(1).max(200), password: passwordSchema, locale: localeSchema.optional() }).strict(),
        response: { 201: sessionBody },
      },
    },
    async (request, reply) => {
      const user = await completeSetup(request.ctx, request.body);
      const session = await login(request.ctx, { email: user.email, password: request.body.password });
      setSessionCookie(request, reply, session.sessionToken);
      return reply.status(201).send({ user: session.user, csrfToken: session.csrfToken });
    },
  );
  app.post(
    '/auth/login',
    {
      config: { access: 'public', idempotent: false },
      schema: { tags: ['identity'], body: z.object({ email: emailSchema, password: z.string().min(1).max(256) }).strict(), response: { 200: sessionBody } },
    },
    async (request, reply) => {
      const session = await login(request.ctx, request.body);
      setSessionCookie(request, reply, session.sessionToken);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );
  app.post('/auth/logout', { config: { access: 'authenticated', idempotent: false }, schema: { tags: ['identity'] } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(request.ctx, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/auth/me', { config: { access: 'authenticated' }, schema: { tags: ['identity'] } }, async (request) => {
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    const user = actor.kind === 'user' ? await getUser(request.ctx, actor.id) : null;
    // A new tab of a signed-in user needs the session's CSRF token to make changes.
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await findSession(request.ctx, token) : null;
    return { actor, user, ...(session ? { csrfToken: session.csrf_token } : {}) };
  });
}

function registerUserRoutes(app: App): void {
  const admin = { access: ['admin'] as const };
  app.get('/users', { config: admin, schema: { tags: ['identity'], querystring: pageQuerySchema, response: { 200: pageSchema(userSchema) } } }, async (request) => {
    const after = decodeCursor(request.query.cursor);
    const users = await listUsers(request.ctx, { limit: request.query.limit + 1, afterId: after?.id ?? null });
    return toPage(users, request.query.limit, (u) => ({ sortValue: null, id: u.id }), (u) => u);
  });
  app.post('/users', { config: admin, schema: { tags: ['identity'], body: createUserBodySchema, response: { 201: userSchema } } }, async (request, reply) => {
    const user = await createUser(request.ctx, request.body);
    setEtag(reply, user.version);
    return reply.status(201).send(user);
  });
  app.get('/users/:id', { config: admin, schema: { tags: ['identity'], params: idParams, response: { 200: userSchema } } }, async (request, reply) => {
    const user = await getUser(request.ctx, request.params.id);
    setEtag(reply, user.version);
    return user;
  });
  app.patch('/users/:id', { config: admin, schema: { tags: ['identity'], params: idParams, body: updateUserBodySchema, response: { 200: userSchema } } }, async (request, reply) => {
    const version = requireExpectedVersion(request, request.body.version);
    const user = await updateUser(request.ctx, request.params.id, request.body, version);
    setEtag(reply, user.version);
    return user;
  });
}

const actorIdsQuery = z.object({
  ids: text(10_000).transform((text) => [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id !== ''))])
    .refine((ids) => ids.length > 0, 'must name at least one id')
    .refine((ids) => ids.length <= MAX_ACTOR_IDS, `must name at most ${MAX_ACTOR_IDS} ids`)
    .refine((ids) => ids.every((id) => id.length <= 100), 'each id is at most 100 characters'),
});
const actorNameSchema = z.object({ id: z.string(), kind: z.enum(['user', 'api_key']), name: z.string() });

/** Names behind the user and API key ids that records carry, for any signed-in user (actor-names.ts). */
function registerActorRoutes(app: App): void {
  app.get('/actors', {
    config: { access: 'authenticated' },
    schema: { tags: ['identity'], description: 'Names of the users and API keys with these ids (comma-separated, at most 100); unknown ids are left out.', querystring: actorIdsQuery, response: { 200: z.object({ data: z.array(actorNameSchema) }) } },
  }, async (request) => ({ data: await actorNames(request.ctx, request.query.ids) }));
}

function registerKeyAndTeamRoutes(app: App): void {
  const admin = { access: ['admin'] as const };
  app.get('/api-keys', { config: admin, schema: { tags: ['identity'], response: { 200: z.object({ data: z.array(apiKeySchema) }) } } }, async (request) => ({
    data: await listApiKeys(request.ctx),
  }));
  app.post(
    '/api-keys',
    { config: admin, schema: { tags: ['identity'], summary: 'Create an API key; the secret is shown only in this response', body: createApiKeyBodySchema, response: { 201: apiKeySchema.extend({ secret: z.string() }) } } },
    async (request, reply) => {
      const { apiKey, secret } = await createApiKey(request.ctx, request.body);
      return reply.status(201).send({ ...apiKey, secret });
    },
  );
  app.delete('/api-keys/:id', { config: admin, schema: { tags: ['identity'], params: idParams, response: { 200: apiKeySchema } } }, async (request) =>
    revokeApiKey(request.ctx, request.params.id),
  );
  app.get('/teams', { config: { access: ['admin', 'revops', 'sales_manager'] }, schema: { tags: ['identity'], response: { 200: z.object({ data: z.array(teamSchema) }) } } }, async (request) => ({
    data: await listTeams(request.ctx),
  }));
  app.post('/teams', { config: admin, schema: { tags: ['identity'], body: createTeamBodySchema, response: { 201: teamSchema } } }, async (request, reply) =>
    reply.status(201).send(await createTeam(request.ctx, request.body)),
  );
}

export const identityRoutes: RoutePlugin = (app) => {
  registerAuthRoutes(app);
  registerUserRoutes(app);
  registerActorRoutes(app);
  registerKeyAndTeamRoutes(app);
};
