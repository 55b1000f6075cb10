import { AppError } from '../shared/errors.ts';
import type { PriceBookFields } from './price-book-schema.ts';

/** A default book prices new quotes when none is chosen: an inactive one cannot. */
export function assertDefaultIsActive(fields: Pick<PriceBookFields, 'isDefault' | 'active'>): void {
  if (!fields.isDefault || fields.active) return;
  throw new AppError('validation_failed', 'A default price book must be active', {
    fieldErrors: [{ field: 'body.isDefault', message: 'an inactive book cannot be the default' }],
  });
}

/** Half-open validity: validToDate is the first day the book no longer applies. */
export function assertValidityOrder(fields: Pick<PriceBookFields, 'validFromDate' | 'validToDate'>): void {
  if (fields.validFromDate === null || fields.validToDate === null || fields.validToDate > fields.validFromDate) return;
  throw new AppError('validation_failed', 'validToDate must be after validFromDate', {
    fieldErrors: [{ field: 'body.validToDate', message: 'must be after validFromDate (it is the first day no longer valid)' }],
  });
}
