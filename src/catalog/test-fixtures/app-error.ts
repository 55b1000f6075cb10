import { expect } from 'vitest';
import { AppError } from '../../shared/errors.ts';

/** Awaits a promise that must fail with an AppError and returns it for closer checks. */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('expected an AppError, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** [code, field names] of an AppError: one comparison per refusal. */
export async function refusal(promise: Promise<unknown>): Promise<[string, string[]]> {
  const error = await appError(promise);
  return [error.code, error.fieldErrors.map((f) => f.field)];
}
