import { findPrices, type Price } from '../catalog/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { toJsonText } from '../shared/json.ts';
import { priceQuote, type PricedQuoteLine, type QuotePricing } from './price-quote.ts';
import type { QuoteLineTerms, RampSegment } from './quote-line-segments.ts';
import { QuotePricingError } from './quote-pricing-error.ts';
import type { QuoteLineRow, QuoteRow } from './tables.ts';

/** What pricing reads of a line: its input columns (a stored row, or one about to be written). */
export type LineSource = Pick<
  QuoteLineRow,
  'id' | 'quote_id' | 'currency' | 'line_number' | 'product_id' | 'price_id' | 'description' | 'quantity' | 'ramp' | 'discount_percent_bps' | 'discount_amount_minor' | 'one_time'
>;
export type QuoteTerms = Pick<QuoteRow, 'currency' | 'term_months' | 'discount_percent_bps' | 'discount_amount_minor'>;

/**
 * Prices a quote from its columns and lines, with each line's stored price version (versions are
 * immutable, so a quote re-prices identically forever). Input the engine refuses is the caller's
 * mistake: a 400 naming the line, e.g. `lines.2.termMonths` after a term no longer fits a price.
 */
export async function priceSources(ctx: Ctx, quote: QuoteTerms, sources: readonly LineSource[]): Promise<QuotePricing> {
  // One read for all lines; a version id that does not exist is a 404, as getPrice would say.
  const prices = await findPrices(ctx, sources.map((source) => source.price_id));
  const lines = sources.map((source) => lineTerms(source, prices.get(source.price_id)));
  try {
    return priceQuote({ currency: quote.currency, termMonths: quote.term_months, headerDiscount: discountOf(quote), lines });
  } catch (error) {
    if (!(error instanceof QuotePricingError) || error.code === 'invalid_price_terms') throw error;
    const field = error.lineNumber === null ? `body.${error.field}` : `lines.${error.lineNumber}.${error.field}`;
    throw new AppError('validation_failed', error.message, { fieldErrors: [{ field, message: error.message, code: error.code }], cause: error });
  }
}

function lineTerms(source: LineSource, price: Price | undefined): QuoteLineTerms {
  if (!price) throw notFound('price', source.price_id);
  return {
    lineNumber: source.line_number,
    price,
    quantity: Number(source.quantity),
    discount: discountOf(source),
    ramp: source.ramp === null ? null : (source.ramp as RampSegment[]),
  };
}

function discountOf(row: { discount_percent_bps: number | null; discount_amount_minor: bigint | null }) {
  if (row.discount_percent_bps !== null) return { percentBps: row.discount_percent_bps };
  if (row.discount_amount_minor !== null) return { amountMinor: row.discount_amount_minor };
  return null;
}

export function quoteTotalsColumns(pricing: QuotePricing) {
  return {
    list_minor: pricing.list.amountMinor,
    line_discount_minor: pricing.lineDiscount.amountMinor,
    header_discount_minor: pricing.headerDiscount.amountMinor,
    tcv_minor: pricing.tcv.amountMinor,
    one_time_minor: pricing.oneTime.amountMinor,
    recurring_minor: pricing.recurring.amountMinor,
    acv_minor: pricing.acv.amountMinor,
    first_year_minor: pricing.firstYear.amountMinor,
    mrr_minor: pricing.mrr.amountMinor,
    arr_minor: pricing.arr.amountMinor,
    year_amounts: toJsonText(pricing.years.map((year) => year.amountMinor)),
  };
}

export function lineAmountColumns(line: PricedQuoteLine) {
  return {
    list_minor: line.list.amountMinor,
    discount_minor: line.lineDiscount.amountMinor,
    header_discount_minor: line.headerDiscount.amountMinor,
    net_minor: line.net.amountMinor,
    first_year_minor: line.firstYear.amountMinor,
    mrr_minor: line.mrr.amountMinor,
    period_amounts: toJsonText(line.periods.map((slot) => ({ monthOffset: slot.monthOffset, months: slot.months, amountMinor: slot.amount.amountMinor }))),
    year_amounts: toJsonText(line.years.map((year) => year.amountMinor)),
  };
}

/** The input columns of a line as written (the ramp as JSON text). */
export function lineInputColumns(source: LineSource) {
  return {
    id: source.id,
    quote_id: source.quote_id,
    currency: source.currency,
    line_number: source.line_number,
    product_id: source.product_id,
    price_id: source.price_id,
    description: source.description,
    quantity: source.quantity,
    ramp: source.ramp === null ? null : toJsonText(source.ramp),
    discount_percent_bps: source.discount_percent_bps,
    discount_amount_minor: source.discount_amount_minor,
    one_time: source.one_time,
  };
}
