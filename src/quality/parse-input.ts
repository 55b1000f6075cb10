import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/**
 * Services parse their own input (the CLI and the import engine call them without a route), with
 * the same field errors a route reports. A copy of src/crm/parse-input.ts, which is not exported:
 * both belong in src/shared.
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
