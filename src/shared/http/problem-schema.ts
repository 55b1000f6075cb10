import { z } from 'zod';
import type { FieldError } from '../errors.ts';

// The error format as the OpenAPI document shows it (src/http/openapi.ts) and as a response that
// embeds problems declares it (usage events). One source, so /docs cannot drift from src/shared/errors.ts.

const jsonNumber = z.union([z.number(), z.string()]);

export const fieldErrorParamsSchema = z.object({
  origin: z.string().optional().describe('too_small, too_big: what is measured — string (characters), array or set (items), number, int, bigint (the value), date, file (bytes), lines (lines of text)'),
  minimum: jsonNumber.optional().describe('too_small: the limit; a string of digits for origin bigint, an ISO 8601 instant for origin date'),
  maximum: jsonNumber.optional().describe('too_big: the limit; a string of digits for origin bigint, an ISO 8601 instant for origin date'),
  inclusive: z.boolean().optional().describe('too_small, too_big: whether the limit itself is allowed (at most 100) or not (less than 100)'),
  exact: z.literal(true).optional().describe('too_small, too_big: present when the size must be exactly the limit'),
  format: z.string().optional().describe('invalid_format: the expected format — zod\'s (date as YYYY-MM-DD, datetime, email, url, uuid, starts_with, regex, …) or Revline\'s month (YYYY-MM) and currency_code (an ISO 4217 code Revline knows); a pattern is never given'),
  prefix: z.string().optional().describe('invalid_format starts_with: the required start'),
  suffix: z.string().optional().describe('invalid_format ends_with: the required end'),
  includes: z.string().optional().describe('invalid_format includes: the required text'),
  values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional().describe('invalid_value: the allowed values'),
  divisor: jsonNumber.optional().describe('not_multiple_of: the value must be a multiple of this'),
  expected: z.string().optional().describe('invalid_type: the type wanted, as zod names it — string, number, int, bigint, boolean, object, array, …; never the type given'),
  missing: z.literal(true).optional().describe('invalid_type: nothing was given where a value is required (the message says "is required")'),
}).describe('The parameters of the check that failed, by code, for a client to word the error in its own language with the limit; absent for codes without any');

export const fieldErrorSchema: z.ZodType<FieldError> = z.object({
  field: z.string().describe('where: body.<name>, querystring.<name> or params.<name>, nested with dots'),
  message: z.string().describe('what is wrong, in plain English words with the limit ("must be at most 100 characters")'),
  code: z.string().optional().describe('zod issue code (too_small, too_big, invalid_format, invalid_value, invalid_type, unrecognized_keys, …) or a domain code'),
  params: fieldErrorParamsSchema.optional(),
});

export const problemSchema = z.looseObject({
  type: z.string().describe('https://revline.dev/problems/<code>'),
  title: z.string().describe('localized by Accept-Language'),
  status: z.number().int().min(400).max(599).describe('the HTTP status'),
  detail: z.string().optional().describe('what went wrong, in a sentence; for field errors each as field: message'),
  code: z.string().describe('the error code, e.g. validation_failed, not_found, version_conflict'),
  instance: z.string().describe('urn:revline:request:<request id>'),
  errors: z.array(fieldErrorSchema).optional().describe('one entry per field that is not valid'),
}).describe('RFC 9457 problem details (application/problem+json); some codes add members of their own (a not_found names its entity and id)');
