import type { Ctx } from '../shared/context.ts';
import { AppError, assert } from '../shared/errors.ts';
import { currencyExponent, divideRounded } from '../shared/money.ts';

/** An exchange rate as an exact fraction: `numerator / denominator` units of `quote` per unit of `base`. */
export type AgingRate = { base: string; quote: string; numerator: bigint; denominator: bigint; rateDate: string; text: string };

/**
 * The port the aging reads rates through. The FX rates live in metrics, after payments in the
 * dependency order, so http and cli compose it (src/http/aging-rates.ts). It resolves every
 * `fromCurrencies` rate into `reportingCurrency` valid on `date` at once, and throws a 422 naming
 * the pair and date when one is missing.
 */
export type AgingRateReader = (ctx: Ctx, input: { fromCurrencies: readonly string[]; reportingCurrency: string; date: string }) => Promise<(from: string) => AgingRate>;

/** Converts one document-currency amount; identity for the reporting currency itself. */
export type AgingConverter = { reportingCurrency: string; rates: AgingRateUsed[]; convert(amountMinor: bigint, from: string): bigint };
export type AgingRateUsed = { currency: string; rate: string; rateDate: string };

/**
 * Rates for the aging's document currencies on its as-of date (docs/payments.md "AR aging in a
 * reporting currency"): the rate valid at the end of the as-of date — the latest on or before it,
 * at most 7 days old (metrics' FX_MAX_AGE_DAYS). Each invoice's amount due is converted once,
 * rounded half-even in the reporting currency's exponent; customer and total buckets are sums of
 * converted invoice amounts, so they add up to the cent.
 */
export async function agingConverter(
  ctx: Ctx, reader: AgingRateReader | undefined, input: { currencies: readonly string[]; reportingCurrency: string; asOfDate: string },
): Promise<AgingConverter> {
  const foreign = [...new Set(input.currencies)].filter((currency) => currency !== input.reportingCurrency).sort();
  if (foreign.length > 0 && !reader) {
    throw new AppError('business_rule_violated', `converting AR aging into ${input.reportingCurrency} needs exchange rates, which this entry point does not provide`, {
      fieldErrors: [{ field: 'querystring.currency', message: 'no exchange-rate reader is configured' }],
    });
  }
  const rateOf = foreign.length > 0 && reader ? await reader(ctx, { fromCurrencies: foreign, reportingCurrency: input.reportingCurrency, date: input.asOfDate }) : undefined;
  const rates = new Map(foreign.map((currency) => [currency, rateOf?.(currency)]));
  return {
    reportingCurrency: input.reportingCurrency,
    rates: foreign.map((currency) => ({ currency, rate: rates.get(currency)?.text ?? '', rateDate: rates.get(currency)?.rateDate ?? '' })),
    convert(amountMinor, from) {
      if (from === input.reportingCurrency) return amountMinor;
      const rate = rates.get(from);
      assert(rate, `no ${from} rate loaded for the aging`);
      return convertMinor(amountMinor, rate);
    },
  };
}

/** amountMinor of rate.base → minor units of rate.quote, exponents respected, rounded once half-even. */
export function convertMinor(amountMinor: bigint, rate: AgingRate): bigint {
  const from = BigInt(currencyExponent(rate.base));
  const to = BigInt(currencyExponent(rate.quote));
  return divideRounded(amountMinor * rate.numerator * 10n ** to, rate.denominator * 10n ** from, 'half_even');
}
