/**
 * Why the engine refused to price a line. The engine is pure and knows no HTTP: callers (the
 * preview route, CPQ quote lines) turn `field` into their own path, e.g. `body.lines.3.quantity`.
 */
export type PricingErrorCode = 'invalid_quantity' | 'invalid_term' | 'invalid_discount' | 'currency_mismatch' | 'invalid_price_terms';
export type PricingField = 'quantity' | 'usageQuantity' | 'termMonths' | 'discount' | 'price';

export class PricingError extends Error {
  override readonly name = 'PricingError';
  readonly code: PricingErrorCode;
  readonly field: PricingField;

  constructor(code: PricingErrorCode, field: PricingField, message: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
