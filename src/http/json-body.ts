import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { findUnstorableString, unstorableTextError } from './unstorable-text.ts';

/** JSON bodies, parsed strictly: text PostgreSQL cannot store is refused here (unstorable-text.ts). */
export function parseJsonBody(_request: FastifyRequest, body: string): unknown {
  let value: unknown;
  try {
    value = body === '' ? undefined : JSON.parse(body);
  } catch (error) {
    throw new AppError('malformed_request', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === undefined) throw new AppError('malformed_request', 'The body is empty; send a JSON document');
  const bad = findUnstorableString(value, 'body');
  if (bad) throw unstorableTextError(bad);
  return value;
}
