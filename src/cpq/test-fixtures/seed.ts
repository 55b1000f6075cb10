import { createPriceBook, createProduct, setPrice, type CreateProductInput, type SetPriceInput } from '../../catalog/index.ts';
import { createAccount, createOpportunity, type OpportunityType } from '../../crm/index.ts';
import { createUser } from '../../identity/index.ts';
import type { Actor, Role } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';

let sequence = 0;
const next = () => (sequence += 1);

export async function makeBook(ctx: Ctx, overrides: { currency?: string; validToDate?: string | null } = {}): Promise<string> {
  return (await createPriceBook(ctx, { name: `CPQ book ${next()}`, currency: overrides.currency ?? 'EUR', validToDate: overrides.validToDate ?? null })).id;
}

export type PricedProduct = { productId: string; priceId: string; sku: string };

/** A product with one price version in `bookId`: per seat, monthly, 10.00 unless told otherwise. */
export async function makePricedProduct(
  ctx: Ctx,
  bookId: string,
  price: Partial<Omit<SetPriceInput, 'priceBookId' | 'productId'>> = {},
  product: Partial<CreateProductInput> = {},
): Promise<PricedProduct> {
  const n = next();
  const type = product.type ?? (price.billingPeriod === 'one_time' ? 'one_time' : 'subscription');
  const created = await createProduct(ctx, { sku: `CPQ-${n}`, name: `CPQ product ${n}`, type, ...product });
  const set = await setPrice(ctx, { priceBookId: bookId, productId: created.id, pricingModel: 'per_unit', billingPeriod: 'monthly', unitAmount: '10.00', ...price });
  return { productId: created.id, priceId: set.id, sku: created.sku };
}

/** An account and an open opportunity on it (type new unless told), owned by `ownerUserId`. */
export async function makeDeal(ctx: Ctx, options: { type?: OpportunityType; ownerUserId?: string | null; currency?: string } = {}) {
  const n = next();
  const ownerUserId = options.ownerUserId ?? null;
  const account = await createAccount(ctx, { name: `CPQ customer ${n}`, currency: options.currency ?? 'EUR', ownerUserId });
  const opportunity = await createOpportunity(ctx, {
    accountId: account.id, name: `CPQ deal ${n}`, type: options.type ?? 'new', amount: { amountMinor: 1_000_000, currency: options.currency ?? 'EUR' },
    closeDate: '2026-06-30', ownerUserId,
  });
  return { accountId: account.id, opportunityId: opportunity.id };
}

/** A signed-in user as a service actor (tests act as them with withActor). */
export async function makeActor(ctx: Ctx, role: Role, options: { teamId?: string | null } = {}): Promise<Actor> {
  const n = next();
  const user = await createUser(ctx, { email: `cpq-${role}-${n}@example.com`, displayName: `${role} ${n}`, role, teamId: options.teamId ?? null, locale: 'en' });
  return { kind: 'user', id: user.id, role, teamId: user.teamId, displayName: user.displayName };
}

/** The audit trail of one record, oldest first. */
export async function auditTrail(ctx: Ctx, entityType: string, entityId: string) {
  return ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after'])
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('seq').execute();
}
