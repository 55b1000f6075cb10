import type { BillingPeriod, BillingTiming, PricingModel, ProductType } from '../catalog/index.ts';
import type { Quote, QuoteLine } from '../cpq/index.ts';
import { divideRounded } from '../shared/money.ts';

/** What the catalog says about a quote line's product and exact price version. */
export type LineCatalog = {
  sku: string;
  productName: string;
  productFamily: string | null;
  productType: ProductType;
  pricingModel: PricingModel;
  billingPeriod: BillingPeriod;
  periodMonths: number | null;
  billingTiming: BillingTiming;
};

export type Period = { startDate: string; endDate: string | null; amountMinor: bigint };

export type NewOrderLine = LineCatalog & {
  lineNumber: number;
  quoteLineId: string;
  productId: string;
  priceId: string;
  description: string | null;
  quantity: bigint;
  startDate: string;
  endDate: string | null;
  netMinor: bigint;
  unitPriceMinor: bigint;
  discountBps: number;
  periods: Period[];
};

/**
 * The order's lines from the accepted quote, in quote order: an unramped line becomes one order
 * line over the term; a ramped line one per contract year (its own quantity, the year's periods),
 * so billing can effective-date each year. Amounts are the quote's final period amounts, which
 * sum to each line's net and, over all lines, to the TCV (docs/cpq.md) — nothing is re-priced.
 */
export function buildOrderLines(quote: Quote, catalog: ReadonlyMap<string, LineCatalog>): NewOrderLine[] {
  const lines: NewOrderLine[] = [];
  for (const line of quote.lines) {
    const info = catalog.get(line.id);
    if (!info) throw new Error(`no catalog data for quote line ${line.id}`);
    const discountBps = lineDiscountBps(line);
    for (const segment of segmentsOf(quote, line)) {
      const netMinor = segment.periods.reduce((total, period) => total + period.amountMinor, 0n);
      const first = segment.periods[0];
      lines.push({
        ...info,
        lineNumber: lines.length + 1,
        quoteLineId: line.id,
        productId: line.productId,
        priceId: line.priceId,
        description: line.description,
        quantity: segment.quantity,
        startDate: first?.startDate ?? quote.startDate,
        endDate: segment.periods.at(-1)?.endDate ?? null,
        netMinor,
        // Indicative per-unit price of a full period, half-up, for display. Never billed: billing charges the
        // periods' exact amounts (docs/billing.md "Exact amounts"), which a rounded unit price × quantity misses.
        unitPriceMinor: first && segment.quantity > 0n ? divideRounded(first.amountMinor, segment.quantity, 'half_up') : 0n,
        discountBps,
        periods: segment.periods,
      });
    }
  }
  return lines;
}

type Segment = { quantity: bigint; periods: Period[] };

function segmentsOf(quote: Quote, line: QuoteLine): Segment[] {
  const periods: Period[] = line.periods.map((p) => ({ startDate: p.startDate, endDate: p.endDate, amountMinor: BigInt(p.amount.amountMinor) }));
  if (line.ramp === null) return [{ quantity: BigInt(line.quantity), periods }];
  // Ramps exist only for monthly, quarterly and annual prices, so every period lies in one year.
  return line.ramp.map((year) => {
    const bounds = quote.years[year.year - 1];
    if (!bounds) throw new Error(`quote ${quote.id} has no contract year ${year.year}`);
    return { quantity: BigInt(year.quantity), periods: periods.filter((p) => p.startDate >= bounds.startDate && p.startDate < bounds.endDate) };
  });
}

/** (list − net) ÷ list of the whole quote line, line and header discounts together, half-up. */
function lineDiscountBps(line: QuoteLine): number {
  const list = BigInt(line.amounts.list.amountMinor);
  if (list === 0n) return 0;
  return Number(divideRounded((list - BigInt(line.amounts.net.amountMinor)) * 10_000n, list, 'half_up'));
}
