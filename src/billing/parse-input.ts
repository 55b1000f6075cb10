import type { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/**
 * Services parse their own input (the import engine calls them without a route), and report
 * issues as the same field errors a route would (`body.items.0.quantity`). A copy of crm's
 * parse-input.ts, which is not exported: it belongs in src/shared now that two domains use it.
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

export function fieldError(field: string, message: string, detail = `${field}: ${message}`): AppError {
  return new AppError('validation_failed', detail, { fieldErrors: [{ field, message }] });
}

export function ruleError(field: string, message: string, detail = `${field}: ${message}`): AppError {
  return new AppError('business_rule_violated', detail, { fieldErrors: [{ field, message }] });
}
