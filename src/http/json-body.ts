import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';

/**
 * JSON bodies, parsed strictly: PostgreSQL cannot store NUL characters or lone
 * UTF-16 surrogates in text/jsonb, so such input would fail deep inside a
 * transaction (as a 500). It is refused here, as a 400 naming the field.
 */
export function parseJsonBody(_request: FastifyRequest, body: string): unknown {
  let value: unknown;
  try {
    value = body === '' ? undefined : JSON.parse(body);
  } catch (error) {
    throw new AppError('malformed_request', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === undefined) throw new AppError('malformed_request', 'The body is empty; send a JSON document');
  const bad = findUnstorableString(value, 'body');
  if (bad) {
    throw new AppError('validation_failed', `${bad} contains a NUL character or an unpaired surrogate`, {
      fieldErrors: [{ field: bad, message: 'contains characters that cannot be stored' }],
    });
  }
  return value;
}

function findUnstorableString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableString(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findUnstorableString(key, `${path}.${key}`) ?? findUnstorableString(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
