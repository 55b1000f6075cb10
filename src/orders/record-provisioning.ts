import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { publishProvisioningOutcome, publishProvisioningRequested } from './order-events.ts';
import { toOrder } from './order-json.ts';
import { findBookingRow, findOrderLineRows, getOrderRow, updateOrderRow } from './repo.ts';
import { provisioningCallbackSchema, type Order, type ProvisioningCallback } from './schema.ts';

/**
 * POST /orders/:id/provisioning: the provisioning system reports back. requested → fulfilled or
 * failed; failed → fulfilled (a late success). A fulfilled order stays fulfilled (409). Repeating
 * the same report changes nothing and publishes nothing (callbacks are retried by their senders).
 */
export async function recordProvisioning(ctx: Ctx, request: { orderId: string; callback: ProvisioningCallback }): Promise<Order> {
  const callback = parseInput(provisioningCallbackSchema, request.callback);
  return inTransaction(ctx, async (tx) => {
    const before = await getOrderRow(tx, null, request.orderId, 'update');
    const message = callback.message ?? null;
    if (before.provisioning_status === callback.status && before.provisioning_message === message) return orderOf(tx, before);
    if (before.provisioning_status === 'fulfilled') {
      throw new AppError('conflict', `Order ${before.id} is already provisioned; a fulfilled order cannot become ${callback.status}`, { extra: { provisioningStatus: before.provisioning_status } });
    }
    const after = await updateOrderRow(tx, before, {
      provisioning_status: callback.status, provisioning_message: message, provisioning_updated_at: new Date(tx.clock.now().epochMilliseconds),
    }, `provisioning_${callback.status}`);
    await publishProvisioningOutcome(tx, after);
    return orderOf(tx, after);
  });
}

/** POST /orders/:id/provisioning/retry: a failed provisioning is requested again (provisioning.requested republished). */
export async function retryProvisioning(ctx: Ctx, request: { orderId: string }): Promise<Order> {
  return inTransaction(ctx, async (tx) => {
    const before = await getOrderRow(tx, null, request.orderId, 'update');
    if (before.provisioning_status !== 'failed') {
      throw new AppError('conflict', `Order ${before.id} provisioning is ${before.provisioning_status}; only a failed provisioning is retried`, { extra: { provisioningStatus: before.provisioning_status } });
    }
    const after = await updateOrderRow(tx, before, {
      provisioning_status: 'requested', provisioning_message: null, provisioning_requests: before.provisioning_requests + 1,
      provisioning_updated_at: new Date(tx.clock.now().epochMilliseconds),
    }, 'provisioning_retry');
    await publishProvisioningRequested(tx, after, await findOrderLineRows(tx, after.id));
    return orderOf(tx, after);
  });
}

async function orderOf(ctx: Ctx, row: Parameters<typeof toOrder>[0]): Promise<Order> {
  return toOrder(row, await findOrderLineRows(ctx, row.id), await findBookingRow(ctx, row.id));
}
