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

/** Ids of enabled endpoints subscribed to `eventType`. Endpoints are few, so matching happens here rather than in SQL. */
export async function findWebhookTargets(tx: TxCtx, eventType: string): Promise<string[]> {
  const rows = await tx.db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('enabled', '=', true).orderBy('id').execute();
  return rows.filter((row) => matchesAnyEventType(parseEventTypes(row.event_types), eventType)).map((row) => row.id);
}

export async function findWebhookDeliveryEndpoint(db: Kysely<SharedTables>, id: string): Promise<WebhookDeliveryEndpoint | undefined> {
  return db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret', 'enabled']).where('id', '=', id).executeTakeFirst();
}
