import { currencyExponent, divideRounded, parseDecimal } from '../shared/money.ts';

/**
 * An exchange rate as an exact fraction: `numerator / denominator` units of `quote` per unit of
 * `base`. Kept as a fraction so that an inverse (1 / 1.0921) or a cross rate through the euro
 * (EUR→GBP ÷ EUR→USD) loses nothing; a converted amount is rounded once, half-even
 * (STYLE.md "Money": sub-cent precision is exact and rounded once).
 */
export type ExactRate = { base: string; quote: string; numerator: bigint; denominator: bigint; rateDate: string; text: string };

/** A stored rate row ("1 base = rate quote"), rate as exact decimal text. */
export type StoredRate = { rateDate: string; base: string; quote: string; rate: string };

export function exactRate(stored: StoredRate): ExactRate {
  const decimal = parseDecimal(stored.rate);
  return { base: stored.base, quote: stored.quote, numerator: decimal.coefficient, denominator: 10n ** BigInt(decimal.scale), rateDate: stored.rateDate, text: stored.rate };
}

export function invertRate(rate: ExactRate): ExactRate {
  return { ...rate, base: rate.quote, quote: rate.base, numerator: rate.denominator, denominator: rate.numerator, text: `1/${rate.text}` };
}

/** base→quote from two rates sharing a base: (via→quote) ÷ (via→base). */
export function crossRate(viaToBase: ExactRate, viaToQuote: ExactRate): ExactRate {
  return {
    base: viaToBase.quote,
    quote: viaToQuote.quote,
    numerator: viaToQuote.numerator * viaToBase.denominator,
    denominator: viaToQuote.denominator * viaToBase.numerator,
    rateDate: viaToBase.rateDate < viaToQuote.rateDate ? viaToBase.rateDate : viaToQuote.rateDate,
    text: `${viaToQuote.text}/${viaToBase.text} via ${viaToBase.base}`,
  };
}

/** amountMinor of rate.base → minor units of rate.quote, exponents respected, rounded once half-even. */
export function convertMinor(amountMinor: bigint, rate: ExactRate): bigint {
  const from = BigInt(currencyExponent(rate.base));
  const to = BigInt(currencyExponent(rate.quote));
  return divideRounded(amountMinor * rate.numerator * 10n ** to, rate.denominator * 10n ** from, 'half_even');
}
