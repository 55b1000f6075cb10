import { NO_TAX, type TaxContext } from '../tax/tax-context.ts';
import { taxLine } from '../tax/tax-line.ts';
import type { PlannedLine } from './charge-types.ts';

/**
 * The columns a planned line writes, the same on an invoice and on a credit note. The amount is
 * the price basis (gross when prices include tax); the tax is computed here, once per line.
 */
export function lineColumns(line: PlannedLine, currency: string, tax: TaxContext = NO_TAX) {
  // A credit is taxed like the charge it corrects, even if the rate, the mode or the customer's VAT status changed since.
  const rateBps = line.chargedTax ? line.chargedTax.rateBps : tax.rateFor(line.itemKey);
  const inclusive = line.chargedTax ? line.chargedTax.inclusive : tax.inclusive;
  // Tiered and package prices have no one unit price: the column stays empty rather than showing the item's 0.00.
  const unitPriced = line.usageRating === undefined || line.usageRating.model === 'per_unit';
  return {
    currency,
    line_kind: line.lineKind,
    description: line.description,
    quantity: line.quantity.toString(),
    unit_amount_minor: unitPriced ? line.unitPriceMinor : null,
    unit_amount_decimal: unitPriced ? line.unitPriceDecimal : null,
    amount_minor: line.amountMinor,
    tax_minor: taxLine(line.amountMinor, rateBps, inclusive).taxMinor,
    tax_rate_bps: rateBps,
    tax_inclusive: inclusive,
    period_start_date: line.serviceStartDate,
    period_end_date: line.serviceEndDate,
    billing_period_start_date: line.billingPeriodStartDate,
    billing_period_end_date: line.billingPeriodEndDate,
    billable_days: line.billableDays,
    period_days: line.periodDays,
    note: line.note,
    recognition: line.recognition,
    revenue_kind: line.itemKind,
    subscription_item_id: BigInt(line.subscriptionItemId),
  };
}
