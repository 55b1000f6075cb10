import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/**
 * Services parse their own input (imports, the CLI and CPQ call them without a route), with the
 * same field errors a route reports (`body.unitAmount`). A copy of crm/parse-input.ts: catalog
 * comes before crm and may not import it. Both belong in src/shared.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, location = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  throw new AppError('validation_failed', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), { fieldErrors });
}

/** One field error as a 400, for rules checked against the database (unknown product, currency). */
export function fieldError(field: string, message: string, detail = message): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}
