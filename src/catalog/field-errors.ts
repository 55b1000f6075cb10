import { AppError } from '../shared/errors.ts';

/** One field error as a 400, for rules checked against the database (unknown product, currency). */
export function fieldError(field: string, message: string, detail = message): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}
