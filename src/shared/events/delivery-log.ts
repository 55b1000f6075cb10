import type { Ctx, TxCtx } from '../context.ts';
import { signalAfterCommit } from './outbox-signal.ts';

/** The delivery log as other modules see it (e.g. GET /webhooks/:id/deliveries). */

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export type DeliveryLogEntry = {
  id: string;
  eventId: string;
  eventType: string;
  targetKind: 'subscriber' | 'webhook';
  target: string;
  status: DeliveryStatus;
  attempts: number;
  /** Only while pending. */
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export type DeliveryTargetRef = { targetKind: 'subscriber' | 'webhook'; target: string };

function baseQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('event_deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .select([
      'd.id', 'd.event_id', 'e.type', 'd.target_kind', 'd.target', 'd.status', 'd.attempts', 'd.next_attempt_at',
      'd.last_status_code', 'd.last_error', 'd.delivered_at', 'd.created_at',
    ]);
}

type LogRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toEntry(row: LogRow): DeliveryLogEntry {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.type,
    targetKind: row.target_kind,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

/** Newest first. Delivery ids are ULIDs, so id order is creation order and a keyset on id pages stably. */
export async function listDeliveries(
  ctx: Ctx,
  input: DeliveryTargetRef & { limit: number; beforeId: string | null },
): Promise<DeliveryLogEntry[]> {
  let query = baseQuery(ctx).where('d.target_kind', '=', input.targetKind).where('d.target', '=', input.target);
  if (input.beforeId !== null) query = query.where('d.id', '<', input.beforeId);
  const rows = await query.orderBy('d.id', 'desc').limit(input.limit).execute();
  return rows.map(toEntry);
}

export async function findDelivery(ctx: Ctx, ref: DeliveryTargetRef & { id: string }): Promise<DeliveryLogEntry | undefined> {
  const row = await baseQuery(ctx)
    .where('d.id', '=', ref.id)
    .where('d.target_kind', '=', ref.targetKind)
    .where('d.target', '=', ref.target)
    .executeTakeFirst();
  return row && toEntry(row);
}

/**
 * Makes a pending or dead delivery due now. Attempts are kept: the log stays
 * true, and a dead delivery gets one more attempt before it is dead again.
 */
export async function requeueDelivery(tx: TxCtx, ref: DeliveryTargetRef & { id: string }): Promise<void> {
  await tx.db
    .updateTable('event_deliveries')
    // The lease is left alone: a dispatcher working on this row right now still settles it, and nobody else takes it meanwhile.
    .set({ status: 'pending', next_attempt_at: new Date(tx.clock.now().epochMilliseconds) })
    .where('id', '=', ref.id)
    .where('target_kind', '=', ref.targetKind)
    .where('target', '=', ref.target)
    .where('status', 'in', ['pending', 'dead'])
    .execute();
  await signalAfterCommit(tx);
}

/** Gives up every pending delivery to a target, e.g. when a webhook endpoint is deleted. Returns how many. */
export async function abandonPendingDeliveries(tx: TxCtx, ref: DeliveryTargetRef & { reason: string }): Promise<number> {
  const result = await tx.db
    .updateTable('event_deliveries')
    .set({ status: 'dead', locked_until: null, last_error: ref.reason })
    .where('target_kind', '=', ref.targetKind)
    .where('target', '=', ref.target)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
