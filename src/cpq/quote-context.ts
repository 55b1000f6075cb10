import type { Ctx } from '../shared/context.ts';
import type { QuotePricing } from './price-quote.ts';
import type { ConfiguredLine } from './product-rule-check.ts';
import { findLineRows } from './quote-line-repo.ts';
import { quoteMetrics, type QuoteMetrics } from './quote-metrics.ts';
import { priceSources } from './reprice.ts';
import type { RampSegment } from './quote-line-segments.ts';
import type { QuoteLineRow, QuoteRow } from './tables.ts';

/** A quote with what every rule reads: its lines, its exact pricing and its metrics. */
export type QuoteContext = { quote: QuoteRow; lines: QuoteLineRow[]; pricing: QuotePricing; metrics: QuoteMetrics };

/** Re-prices from the stored price versions (identical to the stored totals, by construction). */
export async function loadQuoteContext(ctx: Ctx, quote: QuoteRow): Promise<QuoteContext> {
  const lines = await findLineRows(ctx, quote.id);
  const pricing = await priceSources(ctx, quote, lines);
  const metrics = quoteMetrics(pricing, { termMonths: quote.term_months, paymentTermsDays: quote.payment_terms_days });
  return { quote, lines, pricing, metrics };
}

export function configuredLines(lines: readonly QuoteLineRow[]): ConfiguredLine[] {
  return lines.map((line) => ({
    lineNumber: line.line_number,
    productId: line.product_id,
    quantities: line.ramp === null
      ? [{ year: null, quantity: line.quantity }]
      : (line.ramp as RampSegment[]).map((segment) => ({ year: segment.year, quantity: BigInt(segment.quantity) })),
  }));
}
