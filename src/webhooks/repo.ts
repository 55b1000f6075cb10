import type { Selectable } from 'kysely';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { WebhookEndpointsTable } from '../shared/db/tables.ts';
import { forgetWebhookTargets } from '../shared/events/index.ts';
import type { WebhookEndpoint } from './schema.ts';

/**
 * The only code writing webhook_endpoints. The secret goes in here and never
 * comes back out: every shape returned is a WebhookEndpoint, which has none.
 * Each write forgets the transaction's memo of publish targets (forgetWebhookTargets), so an
 * event published later in the same transaction sees the change.
 */

type Row = Selectable<WebhookEndpointsTable>;

function parseEventTypes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function toEndpoint(row: Row): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: parseEventTypes(row.event_types),
    description: row.description,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function insertEndpoint(
  tx: TxCtx,
  values: { id: string; url: string; secret: string; eventTypes: string[]; description: string; enabled: boolean; now: Date },
): Promise<WebhookEndpoint> {
  const row = await tx.db
    .insertInto('webhook_endpoints')
    .values({
      id: values.id,
      url: values.url,
      secret: values.secret,
      event_types: JSON.stringify(values.eventTypes),
      description: values.description,
      enabled: values.enabled,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  forgetWebhookTargets(tx);
  return toEndpoint(row);
}

export async function findEndpoint(ctx: Ctx, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookEndpoint | undefined> {
  let query = ctx.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toEndpoint(row);
}

/** Oldest first; ids are ULIDs, so id order is creation order. */
export async function listEndpoints(ctx: Ctx, input: { limit: number; afterId: string | null }): Promise<WebhookEndpoint[]> {
  let query = ctx.db.selectFrom('webhook_endpoints').selectAll();
  if (input.afterId !== null) query = query.where('id', '>', input.afterId);
  const rows = await query.orderBy('id').limit(input.limit).execute();
  return rows.map(toEndpoint);
}

/** Applies `changes` if the row is still at `expectedVersion`; undefined when it is not (or is gone). */
export async function updateEndpoint(
  tx: TxCtx,
  id: string,
  expectedVersion: number,
  changes: { url?: string; eventTypes?: string[]; description?: string; enabled?: boolean; now: Date },
): Promise<WebhookEndpoint | undefined> {
  const row = await tx.db
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.eventTypes === undefined ? {} : { event_types: JSON.stringify(changes.eventTypes) }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
      updated_at: changes.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  forgetWebhookTargets(tx);
  return row && toEndpoint(row);
}

export async function deleteEndpoint(tx: TxCtx, id: string): Promise<void> {
  await tx.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  forgetWebhookTargets(tx);
}
