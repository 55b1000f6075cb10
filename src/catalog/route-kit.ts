import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { ALL_ROLES } from '../shared/http/route-types.ts';
import { setEtag } from '../shared/http/versioning.ts';

// Everyone who can sign in may read the catalog and preview prices (reps build quotes from it);
// only admins and revops change it.
export const READ_ROLES: readonly Role[] = ALL_ROLES;
export const WRITE_ROLES: readonly Role[] = ['admin', 'revops'];
export const tags = ['catalog'];
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const deletedResponse = { 204: z.null().describe('Deleted') };

/** 201 with Location `<path>/<id>` (API prefix included) and, for versioned records, the ETag. */
export function sendCreated<T extends { id: string; version?: number }>(request: FastifyRequest, reply: FastifyReply, record: T, path?: string) {
  if (typeof record.version === 'number' && path === undefined) setEtag(reply, record.version);
  const base = path ?? request.url.split('?')[0];
  return reply.status(201).header('location', `${base}/${record.id}`).send(record);
}
