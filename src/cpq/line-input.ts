import { findActivePrice, findPrices, findProducts, type Price, type Product } from '../catalog/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { fieldError } from './cpq-db.ts';
import type { LineChanges, ParsedLineInput } from './quote-schema.ts';
import type { LineSource } from './reprice.ts';
import type { QuoteRow } from './tables.ts';

type Discount = ParsedLineInput['discount'];
/** The quote fields a line depends on (a stored row, or one about to be inserted). */
export type QuoteRef = Pick<QuoteRow, 'id' | 'currency' | 'price_book_id'>;

/** One new line as sent: `path` is where the input sits, e.g. `body` or `body.lines.2`. */
export type NewLineInput = { input: ParsedLineInput; lineNumber: number; path: string };
/** The catalog rows new lines name, read once for all of them. */
type LineCatalog = { products: Map<string, Product>; prices: Map<string, Price> };

/**
 * A new line's columns: the product must be live and active, the price a version in the quote's
 * book for that product (default: the one in effect now). `path` is where the input sits,
 * e.g. `body` or `body.lines.2`, so errors name the field the caller sent.
 */
export async function newLineSource(ctx: Ctx, quote: QuoteRef, input: ParsedLineInput, lineNumber: number, path: string): Promise<LineSource> {
  const [source] = await newLineSources(ctx, quote, [{ input, lineNumber, path }]);
  assert(source, 'one line in, one line out');
  return source;
}

/**
 * Several new lines, checked in the order given (the first bad line is the error), with the
 * products and the named price versions of all of them read in one statement each.
 */
export async function newLineSources(ctx: Ctx, quote: QuoteRef, lines: readonly NewLineInput[]): Promise<LineSource[]> {
  const catalog: LineCatalog = {
    products: await findProducts(ctx, lines.map((line) => line.input.productId)),
    prices: await findPrices(ctx, lines.flatMap((line) => (line.input.priceId === undefined ? [] : [line.input.priceId]))),
  };
  const sources: LineSource[] = [];
  // One after another: a default price is a read, and a transaction runs one query at a time anyway.
  for (const line of lines) sources.push(await lineSource(ctx, quote, catalog, line));
  return sources;
}

async function lineSource(ctx: Ctx, quote: QuoteRef, catalog: LineCatalog, { input, lineNumber, path }: NewLineInput): Promise<LineSource> {
  const product = catalog.products.get(input.productId);
  if (!product) throw fieldError(`${path}.productId`, 'unknown product', `Product ${input.productId} does not exist`);
  if (!product.active) throw fieldError(`${path}.productId`, 'inactive product', `Product ${product.sku} is not active and cannot be quoted`);
  const price = await resolvePrice(ctx, quote, catalog, input, path);
  return {
    id: newId('li'),
    quote_id: quote.id,
    currency: quote.currency,
    line_number: lineNumber,
    product_id: product.id,
    price_id: price.id,
    one_time: price.billingPeriod === 'one_time',
    ...lineInputFields(quote, { ...input, quantity: input.quantity ?? input.ramp?.[0]?.quantity ?? 0 }, path),
  };
}

/** A changed line: only the fields sent change; a ramp given without a quantity sets it to year 1's. */
export function changedLineSource(quote: Pick<QuoteRow, 'currency'>, line: LineSource, changes: LineChanges, path: string): LineSource {
  const quantity = changes.quantity ?? (changes.ramp ? changes.ramp[0]?.quantity : undefined);
  const fields = lineInputFields(quote, {
    quantity: quantity ?? Number(line.quantity),
    description: changes.description === undefined ? line.description : changes.description,
    discount: changes.discount === undefined ? storedDiscount(line) : changes.discount,
    ramp: changes.ramp === undefined ? (line.ramp as ParsedLineInput['ramp']) : changes.ramp,
  }, path);
  return { ...line, ...fields };
}

function lineInputFields(quote: Pick<QuoteRow, 'currency'>, input: { quantity: number; description: string | null; discount: Discount; ramp: ParsedLineInput['ramp'] }, path: string) {
  const discount = discountColumns(quote, input.discount, `${path}.discount`);
  return { quantity: BigInt(input.quantity), description: input.description, ramp: input.ramp, ...discount };
}

async function resolvePrice(ctx: Ctx, quote: QuoteRef, catalog: LineCatalog, input: ParsedLineInput, path: string): Promise<Price> {
  if (input.priceId === undefined) {
    const price = await findActivePrice(ctx, { priceBookId: quote.price_book_id, productId: input.productId });
    if (price) return price;
    throw new AppError('business_rule_violated', `Product ${input.productId} has no price in effect in price book ${quote.price_book_id}`, {
      fieldErrors: [{ field: `${path}.productId`, message: "no price in the quote's price book" }],
    });
  }
  const price = catalog.prices.get(input.priceId);
  if (price && price.priceBookId === quote.price_book_id && price.productId === input.productId) return price;
  throw fieldError(`${path}.priceId`, "not a price of this product in the quote's price book", `Price ${input.priceId} is not a price of ${input.productId} in price book ${quote.price_book_id}`);
}

/** An amount discount is in the quote's currency: 5 USD off a EUR quote is a mistake, not a conversion. */
export function discountColumns(quote: Pick<QuoteRow, 'currency'>, discount: Discount, field: string) {
  if (discount === null) return { discount_percent_bps: null, discount_amount_minor: null };
  if ('percentBps' in discount) return { discount_percent_bps: discount.percentBps, discount_amount_minor: null };
  if (discount.amount.currency !== quote.currency) throw fieldError(`${field}.amount.currency`, `must be the quote's currency, ${quote.currency}`);
  return { discount_percent_bps: null, discount_amount_minor: BigInt(discount.amount.amountMinor) };
}

function storedDiscount(line: LineSource): Discount {
  if (line.discount_percent_bps !== null) return { percentBps: line.discount_percent_bps };
  if (line.discount_amount_minor !== null) return { amount: { amountMinor: line.discount_amount_minor.toString(), currency: line.currency } };
  return null;
}
