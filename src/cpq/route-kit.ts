import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { requireExpectedVersion } from '../shared/http/versioning.ts';
import { APPROVER_ROLES } from './tables.ts';

// Quotes are sales work; reps and managers are further limited to their team's quotes (owner scope).
export const QUOTE_WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];
// Finance reads quotes too: it overrides validation rules on them and is a common approver.
export const QUOTE_READ_ROLES: readonly Role[] = [...QUOTE_WRITE_ROLES, 'finance'];
// Every role a rule may route an approval to; the request then decides who of them may act.
export const APPROVAL_ROLES: readonly Role[] = APPROVER_ROLES;
// Letting a blocking rule pass is a finance decision (admins for emergencies).
export const OVERRIDE_ROLES: readonly Role[] = ['admin', 'finance'];
export const RULE_ADMIN_ROLES: readonly Role[] = ['admin', 'revops'];

export const quoteTags = ['quotes'];
export const ruleTags = ['quote rules'];
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const lineParams = z.object({ id: z.string().min(1).max(100), lineId: z.string().min(1).max(100) });
export const requestParams = z.object({ id: z.string().min(1).max(100), requestId: z.string().min(1).max(100) });

/** If-Match when sent (the quote's ETag): actions and line edits may send it, updates must. */
export function optionalExpectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  return typeof header === 'string' && header.trim() !== '' ? requireExpectedVersion(request) : undefined;
}
