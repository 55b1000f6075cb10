import type { z } from 'zod';
import { AppError, type FieldError } from '../errors.ts';
import { withoutLooserBounds } from './issue-message.ts';
import { toFieldError } from './issue-params.ts';

/**
 * Services parse their own input: the import engine, the CLI and workflows call them without a
 * route in front. Issues become the same field errors a route reports (`body.currency`), so a
 * caller sees one format whichever door it came in by.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, location = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = withoutLooserBounds(result.error.issues.map((issue) => ({ field: [location, ...issue.path.map(String)].join('.'), issue })));
  const fieldErrors: FieldError[] = issues.map(({ field, issue }) => toFieldError(field, issue));
  throw new AppError('validation_failed', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), { fieldErrors });
}
