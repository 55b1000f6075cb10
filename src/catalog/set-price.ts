import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import { lockCatalogKey, nowOf } from './catalog-db.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { fieldError } from './field-errors.ts';
import { getPriceBookRow } from './price-book-repo.ts';
import { assertPriceFits } from './price-product-rules.ts';
import { findLatestPriceRow, insertPrice, supersedePrice, toPrice, type NewPriceRow } from './price-repo.ts';
import { setPriceSchema, type Price, type SetPriceFields, type SetPriceInput } from './price-schema.ts';
import { periodMonthsOf } from './price-terms-rules.ts';
import { findProductRow } from './product-repo.ts';

/**
 * Sets the price of a product in a book as a new immutable version (n + 1), in effect from
 * `effectiveAt` (default now, never in the past: what was in effect when is never rewritten).
 * The open version is closed at that instant; quotes keep the version id they were priced with.
 */
export async function setPrice(ctx: Ctx, input: SetPriceInput): Promise<Price> {
  const terms = parseInput(setPriceSchema, input);
  const now = nowOf(ctx);
  const effectiveAt = terms.effectiveAt === undefined ? now : new Date(terms.effectiveAt);
  if (effectiveAt < now) throw fieldError('body.effectiveAt', 'cannot be in the past', 'A price version cannot take effect in the past');
  return inTransaction(ctx, async (tx) => {
    // One writer per (book, product): version numbers and the open version stay a single line.
    await lockCatalogKey(tx, `prices.${terms.priceBookId}.${terms.productId}`);
    const book = await getPriceBookRow(tx, terms.priceBookId, 'share');
    const product = await findProductRow(tx, terms.productId, 'share');
    if (!product) throw fieldError('body.productId', 'unknown product', `Product ${terms.productId} does not exist`);
    assertPriceFits(terms, product.type, book.currency);
    const version = await closeLatestVersion(tx, book.id, product.id, effectiveAt);
    const row = await insertPrice(tx, toNewPriceRow(terms, { id: newId('price'), version, currency: book.currency, effectiveAt, now }));
    return toPrice(row);
  });
}

/** Supersedes the open version at `effectiveAt`; returns the next version number. */
async function closeLatestVersion(tx: TxCtx, priceBookId: string, productId: string, effectiveAt: Date): Promise<number> {
  const latest = await findLatestPriceRow(tx, priceBookId, productId);
  if (!latest) return 1;
  if (effectiveAt < latest.effective_at) {
    const message = `must not be before version ${latest.version}'s ${latest.effective_at.toISOString()}`;
    throw new AppError('business_rule_violated', `A price version ${message}`, { fieldErrors: [{ field: 'body.effectiveAt', message }] });
  }
  // Only the newest version is ever open, and this transaction holds the pair's lock.
  assert(latest.superseded_at === null, `price ${latest.id} is the latest version but already superseded`);
  await supersedePrice(tx, latest, effectiveAt);
  return latest.version + 1;
}

type VersionFacts = { id: string; version: number; currency: string; effectiveAt: Date; now: Date };

function toNewPriceRow(terms: SetPriceFields, facts: VersionFacts): NewPriceRow {
  return {
    id: facts.id,
    price_book_id: terms.priceBookId,
    product_id: terms.productId,
    version: facts.version,
    currency: facts.currency,
    pricing_model: terms.pricingModel,
    billing_period: terms.billingPeriod,
    period_months: periodMonthsOf(terms.billingPeriod, terms.periodMonths),
    billing_timing: terms.billingTiming ?? (terms.pricingModel === 'usage' ? 'in_arrears' : 'in_advance'),
    unit_amount: terms.unitAmount ?? null,
    tiers: terms.tiers === undefined ? null : canonicalJson(terms.tiers),
    package_size: terms.packageSize ?? null,
    min_price_minor: terms.minPrice === null ? null : BigInt(terms.minPrice.amountMinor),
    max_discount_bps: terms.maxDiscountBps,
    effective_at: facts.effectiveAt,
    created_at: facts.now,
  };
}
