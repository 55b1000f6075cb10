import type { Kysely } from 'kysely';
import type { TxCtx } from '../context.ts';
import type { SharedTables } from '../db/tables.ts';
import { matchesAnyEventType } from './event-types.ts';

/**
 * Read-only views of webhook_endpoints for publishing and delivery. The
 * shared kernel may not import the webhooks domain, and the table is a
 * shared one (db/tables.ts); every write stays in src/webhooks/repo.ts.
 */

export type WebhookDeliveryEndpoint = { id: string; url: string; secret: string; enabled: boolean };

export function parseEventTypes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

type EnabledEndpoint = { id: string; eventTypes: string[] };

/**
 * The enabled endpoints, read once per transaction: a transaction publishing many events (a run
 * of demo tasks, a payment's received + applied) read the same few rows before each. Keyed by the
 * transaction object, so the memo dies with it; nothing is kept across transactions (several
 * servers share one database). Every write to webhook_endpoints (src/webhooks/repo.ts) calls
 * forgetWebhookTargets, so a transaction sees its own changes. What it gives up: an endpoint
 * another transaction commits after this one's first publish gets none of this one's later events
 * (as under REPEATABLE READ; the events become visible together at commit anyway).
 */
const enabledEndpointsByTransaction = new WeakMap<object, Promise<EnabledEndpoint[]>>();

function enabledEndpoints(tx: TxCtx): Promise<EnabledEndpoint[]> {
  const known = enabledEndpointsByTransaction.get(tx.db);
  if (known) return known;
  const loading = tx.db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('enabled', '=', true).orderBy('id').execute()
    .then((rows) => rows.map((row) => ({ id: row.id, eventTypes: parseEventTypes(row.event_types) })));
  enabledEndpointsByTransaction.set(tx.db, loading);
  // A failed read is not remembered (the transaction is usually aborted anyway).
  loading.catch(() => {
    if (enabledEndpointsByTransaction.get(tx.db) === loading) enabledEndpointsByTransaction.delete(tx.db);
  });
  return loading;
}

/** Call beside every write to webhook_endpoints inside a transaction (see enabledEndpoints). */
export function forgetWebhookTargets(tx: TxCtx): void {
  enabledEndpointsByTransaction.delete(tx.db);
}

/** Ids of enabled endpoints subscribed to `eventType`. Endpoints are few, so matching happens here rather than in SQL. */
export async function findWebhookTargets(tx: TxCtx, eventType: string): Promise<string[]> {
  const endpoints = await enabledEndpoints(tx);
  return endpoints.filter((endpoint) => matchesAnyEventType(endpoint.eventTypes, eventType)).map((endpoint) => endpoint.id);
}

export async function findWebhookDeliveryEndpoint(db: Kysely<SharedTables>, id: string): Promise<WebhookDeliveryEndpoint | undefined> {
  return db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret', 'enabled']).where('id', '=', id).executeTakeFirst();
}
