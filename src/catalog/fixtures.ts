import type { Ctx } from '../shared/context.ts';
import type { CreatePriceBookInput } from './price-book-schema.ts';
import type { SetPriceInput } from './price-schema.ts';
import type { CreateProductInput } from './product-schema.ts';

let sequence = 0;

/** A valid subscription product; SKUs are unique per process so tests find their rows. */
export function makeProductInput(overrides: Partial<CreateProductInput> = {}): CreateProductInput {
  sequence += 1;
  return { sku: `TEST-${sequence}`, name: `Product ${sequence}`, type: 'subscription', family: 'platform', ...overrides };
}

export function makePriceBookInput(overrides: Partial<CreatePriceBookInput> = {}): CreatePriceBookInput {
  sequence += 1;
  return { name: `Book ${sequence}`, currency: 'EUR', channel: 'direct', ...overrides };
}

/** Per-seat monthly at 10.00 unless told otherwise. */
export function makePriceInput(priceBookId: string, productId: string, overrides: Partial<SetPriceInput> = {}): SetPriceInput {
  return { priceBookId, productId, pricingModel: 'per_unit', billingPeriod: 'monthly', unitAmount: '10.00', ...overrides };
}

/** The audit trail of one catalog record, oldest first. */
export async function catalogAuditTrail(ctx: Ctx, entityType: string, entityId: string) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
}
