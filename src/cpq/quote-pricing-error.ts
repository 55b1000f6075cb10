/**
 * Why a quote could not be priced, naming the line (null: the quote itself) and the field. Pure
 * code throws this; services turn it into a 400 with a field path such as `lines.2.ramp`.
 */
export type QuotePricingErrorCode = 'invalid_quantity' | 'invalid_term' | 'invalid_discount' | 'currency_mismatch' | 'invalid_price_terms' | 'invalid_ramp';

export class QuotePricingError extends Error {
  override readonly name = 'QuotePricingError';
  readonly code: QuotePricingErrorCode;
  readonly lineNumber: number | null;
  readonly field: string;

  constructor(code: QuotePricingErrorCode, lineNumber: number | null, field: string, message: string) {
    super(lineNumber === null ? message : `Line ${lineNumber}: ${message}`);
    this.code = code;
    this.lineNumber = lineNumber;
    this.field = field;
  }
}
