import type { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { findActivePriceRow, findPriceRow, findPriceVersionRows, toPrice } from './price-repo.ts';
import type { Price } from './price-schema.ts';

/** Any version by id, superseded or not, in a deleted book or not: quotes hold these ids forever. */
export async function getPrice(ctx: Ctx, id: string): Promise<Price> {
  const row = await findPriceRow(ctx, id);
  if (!row) throw notFound('price', id);
  return toPrice(row);
}

export async function findPrice(ctx: Ctx, id: string): Promise<Price | null> {
  const row = await findPriceRow(ctx, id);
  return row ? toPrice(row) : null;
}

export type FindActivePriceRequest = { priceBookId: string; productId: string; at?: Temporal.Instant | undefined };

/** The version in effect at `at` (default now), or null when the product has no price then. */
export async function findActivePrice(ctx: Ctx, request: FindActivePriceRequest): Promise<Price | null> {
  const at = new Date((request.at ?? ctx.clock.now()).epochMilliseconds);
  const row = await findActivePriceRow(ctx, request.priceBookId, request.productId, at);
  return row ? toPrice(row) : null;
}

/** Every version of a product's price in a book, oldest first (scheduled ones included). */
export async function listPriceVersions(ctx: Ctx, request: { priceBookId: string; productId: string }): Promise<Price[]> {
  return (await findPriceVersionRows(ctx, request.priceBookId, request.productId)).map(toPrice);
}
