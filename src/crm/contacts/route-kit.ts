import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import { setEtag } from '../../shared/http/versioning.ts';

// Route constants shared by the contact, lead, campaign and activity routes (as in ../routes.ts).
// Sales reps and managers pass these gates but are further limited to their team's records.
export const READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];
export const WRITE_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager'];
export const tags = ['crm'];
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const deletedResponse = { 204: z.null().describe('Deleted') };

/** 201 with the record's ETag and Location (the collection URL plus the new id). */
export function sendCreated<T extends { id: string; version: number }>(request: FastifyRequest, reply: FastifyReply, record: T) {
  setEtag(reply, record.version);
  return reply.status(201).header('location', `${request.url.split('?')[0]}/${record.id}`).send(record);
}
