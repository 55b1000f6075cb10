import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';

/**
 * PostgreSQL cannot store NUL characters or lone UTF-16 surrogates in text or jsonb, and refuses
 * them even as query parameters (22021): such input would fail deep inside a transaction, as a 500.
 * It is refused up front instead, as a 400 naming the field.
 */
export function findUnstorableString(value: unknown, path: string): string | null {
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

export function unstorableTextError(field: string): AppError {
  return new AppError('validation_failed', `${field} contains a NUL character or an unpaired surrogate`, {
    fieldErrors: [{ field, message: 'contains characters that cannot be stored' }],
  });
}

/** preValidation: the same rule for path and query parameters as json-body.ts applies to bodies. */
export async function refuseUnstorableParameters(request: FastifyRequest): Promise<void> {
  const bad = findUnstorableString(request.params, 'params') ?? findUnstorableString(request.query, 'querystring');
  if (bad) throw unstorableTextError(bad);
}
