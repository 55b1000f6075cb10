import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { canonicalJson } from '../shared/json.ts';

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,255}$/;
/** Headers worth replaying: the created record's address and version. */
const REPLAYED_HEADERS = ['etag', 'location'] as const;
/** A claim older than this belongs to a request that died (crash, timeout): a retry may take it over. */
export const STALE_CLAIM_MS = 5 * 60_000;

export function requestHashOf(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

function requestHash(request: FastifyRequest): string {
  return requestHashOf(request.method, request.url, request.body);
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
    idempotencyReplayed?: boolean;
  }
}

/**
 * Idempotency-Key on POST (Stripe semantics): the first request claims the key;
 * a replay with the same body gets the stored response and creates nothing;
 * the same key with a different body is a 422; a replay while the first is
 * still running is a 409. Keys are scoped to the actor.
 */
export async function claimIdempotencyKey(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.method !== 'POST' || request.routeOptions.config?.idempotent === false) return;
  const key = request.headers['idempotency-key'];
  if (key === undefined || !request.actor) return;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new AppError('invalid_idempotency_key', 'Idempotency-Key must be 1–255 characters of letters, digits, _-:.');
  }
  const { db, clock } = request.ctx;
  const hash = requestHash(request);
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      actor_id: request.actor.id,
      key,
      method: request.method,
      path: request.url,
      request_hash: hash,
      state: 'in_progress',
      response_status: null,
      response_body: null,
      response_headers: null,
      created_at: new Date(clock.now().epochMilliseconds),
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) {
    request.idempotencyKey = key;
    return;
  }
  const existing = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('actor_id', '=', request.actor.id)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (existing.request_hash !== hash) {
    throw new AppError('idempotency_key_reused', `Idempotency-Key ${key} was first used for a different request`);
  }
  if (existing.state !== 'completed' || existing.response_status === null) {
    const nowMs = clock.now().epochMilliseconds;
    if (nowMs - existing.created_at.getTime() < STALE_CLAIM_MS) {
      throw new AppError('idempotency_key_in_progress', `The first request with Idempotency-Key ${key} has not finished`);
    }
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(nowMs) })
      .where('actor_id', '=', request.actor.id)
      .where('key', '=', key)
      .where('state', '=', 'in_progress')
      .where('created_at', '=', existing.created_at)
      .returning('key')
      .executeTakeFirst();
    if (!taken) throw new AppError('idempotency_key_in_progress', `The first request with Idempotency-Key ${key} has not finished`);
    request.idempotencyKey = key;
    return;
  }
  request.idempotencyReplayed = true;
  const body = existing.response_body as unknown;
  const headers = (existing.response_headers ?? {}) as Record<string, string>;
  for (const name of REPLAYED_HEADERS) if (typeof headers[name] === 'string') void reply.header(name, headers[name]);
  void reply
    .status(existing.response_status)
    .header('idempotent-replayed', 'true')
    .header('content-type', existing.response_status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8');
  await reply.send(JSON.stringify(body));
}

/** Stores the response for the claimed key; a 5xx releases the key so that a retry runs again. */
export async function completeIdempotencyKey(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const key = request.idempotencyKey;
  if (!key || !request.actor || request.idempotencyReplayed) return;
  const { db, clock } = request.ctx;
  const where = db.updateTable('idempotency_keys').where('actor_id', '=', request.actor.id).where('key', '=', key);
  if (reply.statusCode >= 500) {
    await db.deleteFrom('idempotency_keys').where('actor_id', '=', request.actor.id).where('key', '=', key).execute();
    return;
  }
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : 'null';
  await where
    .set({
      state: 'completed',
      response_status: reply.statusCode,
      response_body: text === '' ? 'null' : text,
      response_headers: JSON.stringify(
        Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => {
          const value = reply.getHeader(name);
          return typeof value === 'string' ? [[name, value]] : [];
        })),
      ),
      completed_at: new Date(clock.now().epochMilliseconds),
    })
    .execute();
}
