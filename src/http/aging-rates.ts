import { loadRateBook } from '../metrics/index.ts';
import type { AgingRateReader } from '../payments/index.ts';

/**
 * Payments' AR aging reads exchange rates through this port: the rates live in metrics
 * (fx_rates), which comes after payments in the dependency order, so http and cli compose them.
 * Rate rule (metrics' rate book): the latest rate on or before the aging's as-of date, at most
 * FX_MAX_AGE_DAYS old, used directly, inverted or crossed through a shared base (ECB: EUR).
 */
export const agingRatesFromMetrics: AgingRateReader = async (ctx, input) => {
  const book = await loadRateBook(ctx, input.fromCurrencies, input.reportingCurrency, input.date, input.date);
  return (from) => book.rateFor(from, input.date);
};
