/** What a zod issue carries, from a parse or from fastify-type-provider-zod (its `params` spread in). */
export type IssueLike = { code?: string; message?: string; values?: unknown; options?: unknown };

// zod's default (English locale) words for a value outside a fixed set; a schema's own message never starts so.
const ZOD_SET_WORDS = /^(Invalid option: expected one of |Invalid input: expected |Invalid discriminator value\. Expected )/;

function show(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return value !== '' && !/[\s,"']/.test(value) ? value : JSON.stringify(value);
}

/**
 * An enum, literal or discriminator issue in the house's words, naming the allowed values as the
 * custom-field and CSV checks do ("expected one of: asc, desc"), instead of zod's raw
 * `Invalid option: expected one of "asc"|"desc"`. Any other issue keeps its message.
 */
export function plainIssueMessage(issue: IssueLike): string {
  const message = issue.message ?? 'invalid';
  if (!ZOD_SET_WORDS.test(message)) return message;
  const allowed = issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' ? issue.options : undefined;
  if (!Array.isArray(allowed) || allowed.length === 0) return message;
  if (allowed.length === 1) return `expected ${typeof allowed[0] === 'string' ? JSON.stringify(allowed[0]) : String(allowed[0])}`;
  return `expected one of: ${allowed.map(show).join(', ')}`;
}
