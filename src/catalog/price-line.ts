import { allocate, divideRounded, isCurrencyCode, money, multiplyDecimalByInteger, roundDecimalToMoney, subtract, zero, type Money } from '../shared/money.ts';
import { billingTermOf } from './billing-term.ts';
import { applyDiscount } from './line-discount.ts';
import { chargeOnePeriod } from './period-charge.ts';
import { PricingError, type PricingField } from './pricing-error.ts';
import type { PricedLine, PriceLineInput } from './pricing-types.ts';

/**
 * Prices one line, purely (no database, no clock). Every amount is computed exactly as a Decimal
 * and rounded once per line, half-up to the currency's minor unit (STYLE.md "Money"; worked
 * examples per model in docs/pricing.md). Throws PricingError for input it cannot price.
 */
export function priceLine(input: PriceLineInput): PricedLine {
  const { price } = input;
  if (!isCurrencyCode(price.currency)) throw new PricingError('invalid_price_terms', 'price', `unknown currency ${price.currency}`);
  const quantity = countOf(input.quantity, 'quantity');
  const usageQuantity = countOf(input.usageQuantity ?? 0n, 'usageQuantity');
  const term = billingTermOf(price, input.termMonths);
  const charge = chargeOnePeriod(price, quantity, usageQuantity);
  const listExact = multiplyDecimalByInteger(charge.listPerPeriod, BigInt(term.periods));
  const listAmount = roundDecimalToMoney(listExact, price.currency, 'half_up');
  const netAmount = applyDiscount(listExact, listAmount, input.discount);
  return {
    currency: price.currency,
    pricingModel: price.pricingModel,
    chargeKind: term.chargeKind,
    quantity,
    billableQuantity: charge.billableQuantity,
    unitPrice: charge.unitPrice,
    listPerPeriod: charge.listPerPeriod,
    periodMonths: term.periodMonths,
    termMonths: term.termMonths,
    periods: term.periods,
    listAmount,
    discountAmount: subtract(listAmount, netAmount),
    netAmount,
    perPeriodAmount: firstPeriodShare(netAmount, term.periods),
    mrr: monthlyRecurring(netAmount, term.termMonths),
    breakdown: charge.breakdown,
  };
}

/**
 * netAmount per billing period by largest remainder (money.ts allocate, ties to the earlier
 * period): the first (net mod periods) periods carry one extra minor unit, and the parts sum to
 * the net exactly, so invoices add up to the quote.
 */
export function splitIntoPeriods(netAmount: Money, periods: number): Money[] {
  return allocate(netAmount, Array.from({ length: periods }, () => 1n));
}

/** splitIntoPeriods(net, periods)[0] without building every share (allocate with equal weights). */
function firstPeriodShare(netAmount: Money, periods: number): Money {
  const count = BigInt(periods);
  const base = netAmount.amountMinor / count;
  return money(netAmount.amountMinor % count === 0n ? base : base + 1n, netAmount.currency);
}

/** MRR: the net over the term's months, half-up (annual ÷ 12, quarterly ÷ 3); one-time lines have none. */
function monthlyRecurring(netAmount: Money, termMonths: number | null): Money {
  if (termMonths === null) return zero(netAmount.currency);
  return money(divideRounded(netAmount.amountMinor, BigInt(termMonths), 'half_up'), netAmount.currency);
}

/** Quantities are whole, non-negative counts in the product's unit of measure. */
function countOf(value: number | bigint, field: PricingField): bigint {
  if (typeof value === 'bigint' ? value >= 0n : Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new PricingError('invalid_quantity', field, `${field} must be a whole number of at least 0, got ${String(value)}`);
}
