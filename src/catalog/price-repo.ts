import type { Insertable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { assert } from '../shared/errors.ts';
import { moneyToJson, money } from '../shared/money.ts';
import { catalogDb, withConstraintErrors } from './catalog-db.ts';
import type { Price, PriceRow, PricesTable } from './price-schema.ts';
import type { PriceTier } from './pricing-types.ts';

export function toPrice(row: PriceRow): Price {
  return {
    id: row.id,
    priceBookId: row.price_book_id,
    productId: row.product_id,
    version: row.version,
    currency: row.currency,
    pricingModel: row.pricing_model,
    billingPeriod: row.billing_period,
    periodMonths: row.period_months,
    billingTiming: row.billing_timing,
    unitAmount: row.unit_amount,
    tiers: row.tiers as PriceTier[] | null,
    packageSize: row.package_size,
    minPrice: row.min_price_minor === null ? null : moneyToJson(money(row.min_price_minor, row.currency)),
    maxDiscountBps: row.max_discount_bps,
    effectiveAt: row.effective_at.toISOString(),
    supersededAt: row.superseded_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export type NewPriceRow = Required<Omit<Insertable<PricesTable>, 'superseded_at'>>;

export async function insertPrice(tx: TxCtx, row: NewPriceRow): Promise<PriceRow> {
  const inserted = await withConstraintErrors(
    catalogDb(tx).insertInto('prices').values({ ...row, superseded_at: null }).returningAll().executeTakeFirstOrThrow(),
  );
  await recordAudit(tx, { action: 'create', entityType: 'price', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** The one change a version ever takes (the trigger allows nothing else): closing it, once. */
export async function supersedePrice(tx: TxCtx, before: PriceRow, supersededAt: Date): Promise<PriceRow> {
  const after = await catalogDb(tx)
    .updateTable('prices')
    .set({ superseded_at: supersededAt })
    .where('id', '=', before.id)
    .where('superseded_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  assert(after, `price ${before.id} was closed by someone else; was setPrice's lock taken?`);
  await recordAudit(tx, { action: 'supersede', entityType: 'price', entityId: before.id, before, after });
  return after;
}

/** The highest version for (book, product), locked: the one a new version follows. */
export async function findLatestPriceRow(tx: TxCtx, priceBookId: string, productId: string): Promise<PriceRow | undefined> {
  return catalogDb(tx)
    .selectFrom('prices')
    .selectAll()
    .where('price_book_id', '=', priceBookId)
    .where('product_id', '=', productId)
    .orderBy('version', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function findPriceRow(ctx: Ctx, id: string): Promise<PriceRow | undefined> {
  return catalogDb(ctx).selectFrom('prices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Price versions by id (any, as findPriceRow), in one statement; unknown ids are simply absent. */
export async function findPriceRows(ctx: Ctx, ids: readonly string[]): Promise<PriceRow[]> {
  if (ids.length === 0) return [];
  return catalogDb(ctx).selectFrom('prices').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/**
 * The version in effect at `at`: effective_at ≤ at < superseded_at (half-open, so the instant of
 * a change belongs to the new version). Only in a live book for a live product.
 */
export async function findActivePriceRow(ctx: Ctx, priceBookId: string, productId: string, at: Date): Promise<PriceRow | undefined> {
  return catalogDb(ctx)
    .selectFrom('prices')
    .innerJoin('price_books', 'price_books.id', 'prices.price_book_id')
    .innerJoin('products', 'products.id', 'prices.product_id')
    .selectAll('prices')
    .where('prices.price_book_id', '=', priceBookId)
    .where('prices.product_id', '=', productId)
    .where('price_books.deleted_at', 'is', null)
    .where('products.deleted_at', 'is', null)
    .where('prices.effective_at', '<=', at)
    .where((eb) => eb.or([eb('prices.superseded_at', 'is', null), eb('prices.superseded_at', '>', at)]))
    .executeTakeFirst();
}

/** One keyset page of the versions in effect at `at` in a book, for live products, by product id. */
export async function findActivePriceRows(ctx: Ctx, priceBookId: string, at: Date, page: { limit: number; afterProductId: string | null }) {
  let query = catalogDb(ctx)
    .selectFrom('prices')
    .innerJoin('products', 'products.id', 'prices.product_id')
    .selectAll('prices')
    .where('prices.price_book_id', '=', priceBookId)
    .where('products.deleted_at', 'is', null)
    .where('prices.effective_at', '<=', at)
    .where((eb) => eb.or([eb('prices.superseded_at', 'is', null), eb('prices.superseded_at', '>', at)]));
  if (page.afterProductId !== null) query = query.where('prices.product_id', '>', page.afterProductId);
  return query.orderBy('prices.product_id').limit(page.limit).execute();
}

/** Every version for (book, product), oldest first. */
export async function findPriceVersionRows(ctx: Ctx, priceBookId: string, productId: string): Promise<PriceRow[]> {
  return catalogDb(ctx)
    .selectFrom('prices')
    .selectAll()
    .where('price_book_id', '=', priceBookId)
    .where('product_id', '=', productId)
    .orderBy('version')
    .execute();
}
