import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Optimistic concurrency: an update names the version it was based on, in
 * `If-Match: "3"` (the ETag of the GET) or as `version` in the body. Neither →
 * 428, so that no client overwrites a change it never saw.
 */
export function requireExpectedVersion(request: FastifyRequest, bodyVersion?: number): number {
  const header = request.headers['if-match'];
  if (typeof header === 'string' && header.trim() !== '') {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
    if (!match?.[1]) {
      throw new AppError('validation_failed', 'If-Match must be the ETag of the record, e.g. "3"', {
        fieldErrors: [{ field: 'headers.if-match', message: 'expected a version ETag like "3"' }],
      });
    }
    const version = Number(match[1]);
    if (bodyVersion !== undefined && bodyVersion !== version) {
      throw new AppError('validation_failed', 'If-Match and body version disagree', {
        fieldErrors: [{ field: 'body.version', message: `If-Match says ${version}` }],
      });
    }
    return version;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new AppError('precondition_required', 'Send If-Match with the ETag from GET, or "version" in the body');
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}
