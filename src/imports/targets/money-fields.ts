import { AppError } from '../../shared/errors.ts';
import type { Money } from '../../shared/money.ts';
import type { MappedValue } from '../mapping/convert-value.ts';

/** A mapped amount in minor units of `currency`; an amount in another currency is a field error, never converted. */
export function minorIn(value: MappedValue | undefined, currency: string, field: string): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  const amount = value as Money;
  if (typeof amount !== 'object' || typeof amount.amountMinor !== 'bigint') throw new Error(`Assertion failed: ${field} is not money`);
  if (amount.currency !== currency) {
    throw new AppError('validation_failed', `${field} is in ${amount.currency}, the record in ${currency}`, {
      fieldErrors: [{ field: `body.${field}`, message: `in ${amount.currency}, not the record's currency ${currency}` }],
    });
  }
  return amount.amountMinor;
}

/** The record's currency: the mapped one, else the currency of its first amount. */
export function currencyOf(values: Readonly<Record<string, MappedValue>>, amountFields: readonly string[]): string | undefined {
  if (typeof values['currency'] === 'string') return values['currency'];
  for (const field of amountFields) {
    const amount = values[field];
    if (amount !== null && typeof amount === 'object') return amount.currency;
  }
  return undefined;
}
