import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { pageQuerySchema, pageSchema } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { buildDataQualityReport, dataQualityReportSchema, listQualityCheckIds, qualityCheckIdsSchema } from './data-quality-report.ts';
import { dedupeContacts } from './dedupe-contacts.ts';
import { getMerge, listMerges } from './list-merges.ts';
import { confirmMatchCandidate, listMatchCandidates, rejectMatchCandidate } from './review-candidates.ts';
import { runIdentityResolution } from './run-identity-resolution.ts';
import {
  confirmCandidateSchema, dedupeContactsSchema, dedupeResultSchema, listCandidatesQuerySchema, listMergesQuerySchema, matchCandidateSchema,
  recordMergeSchema, runIdentityResolutionSchema, runResultSchema, type MergeEntity,
} from './schema.ts';
import { unmergeRecords } from './unmerge-records.ts';

// Merging rewrites links across every domain, so only the roles that own data hygiene may do it.
const RESOLVERS: readonly Role[] = ['admin', 'revops'];
const REPORT_READERS: readonly Role[] = ['admin', 'revops', 'finance', 'viewer'];
const tags = ['quality'];
const idParams = z.object({ id: z.string().min(1).max(100) });

function registerIdentityResolution(app: App): void {
  app.post(
    '/identity-resolution/run',
    { config: { access: RESOLVERS }, schema: { tags, summary: 'Match accounts: merge sure matches, queue likely ones for review', body: runIdentityResolutionSchema, response: { 200: runResultSchema } } },
    async (request) => runIdentityResolution(request.ctx, request.body),
  );
  app.get(
    '/identity-resolution/candidates',
    { config: { access: RESOLVERS }, schema: { tags, summary: 'The review queue (pending by default), best matches first', querystring: listCandidatesQuerySchema, response: { 200: pageSchema(matchCandidateSchema) } } },
    async (request) => listMatchCandidates(request.ctx, request.query),
  );
  app.post(
    '/identity-resolution/candidates/:id/confirm',
    { config: { access: RESOLVERS }, schema: { tags, summary: 'Confirm a candidate: merge the two accounts', params: idParams, body: confirmCandidateSchema.nullish(), response: { 201: recordMergeSchema } } },
    async (request, reply) => {
      const merge = await confirmMatchCandidate(request.ctx, { id: request.params.id, survivorId: request.body?.survivorId });
      return reply.status(201).header('location', `/api/v1/account-merges/${merge.id}`).send(merge);
    },
  );
  app.post(
    '/identity-resolution/candidates/:id/reject',
    { config: { access: RESOLVERS }, schema: { tags, summary: 'Reject a candidate: the pair is never proposed again', params: idParams, response: { 200: matchCandidateSchema } } },
    async (request) => rejectMatchCandidate(request.ctx, request.params.id),
  );
}

/** /account-merges and /contact-merges: the same three routes over each entity's merges. */
function registerMerges(app: App, entity: MergeEntity): void {
  const base = `/${entity}-merges`;
  app.get(
    base,
    { config: { access: RESOLVERS }, schema: { tags, summary: `List ${entity} merges, newest first`, querystring: listMergesQuerySchema, response: { 200: pageSchema(recordMergeSchema) } } },
    async (request) => listMerges(request.ctx, entity, request.query),
  );
  app.get(
    `${base}/:id`,
    { config: { access: RESOLVERS }, schema: { tags, summary: `Get a ${entity} merge`, params: idParams, response: { 200: recordMergeSchema } } },
    async (request) => getMerge(request.ctx, entity, request.params.id),
  );
  app.post(
    `${base}/:id/unmerge`,
    { config: { access: RESOLVERS }, schema: { tags, summary: `Undo a ${entity} merge: restore the record and its links`, params: idParams, response: { 200: recordMergeSchema } } },
    async (request) => unmergeRecords(request.ctx, entity, request.params.id),
  );
}

export const qualityRoutes: RoutePlugin = (app) => {
  registerIdentityResolution(app);
  registerMerges(app, 'account');
  registerMerges(app, 'contact');
  app.post(
    '/contact-merges/dedupe',
    { config: { access: RESOLVERS }, schema: { tags, summary: 'Merge contacts sharing a mailbox (normalized e-mail) into the oldest', body: dedupeContactsSchema, response: { 200: dedupeResultSchema } } },
    async (request) => dedupeContacts(request.ctx, request.body),
  );
  app.get(
    '/data-quality',
    { config: { access: REPORT_READERS }, schema: { tags, summary: 'Data-quality report: each check with its count and record ids', response: { 200: dataQualityReportSchema } } },
    async (request) => buildDataQualityReport(request.ctx),
  );
  app.get(
    '/data-quality/:check',
    {
      config: { access: REPORT_READERS },
      schema: {
        tags, summary: 'Every record id one data-quality check finds (the report lists the first 100), a page at a time',
        params: z.object({ check: z.string().min(1).max(100) }), querystring: pageQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(5_000).default(1_000) }),
        response: { 200: qualityCheckIdsSchema },
      },
    },
    async (request) => listQualityCheckIds(request.ctx, request.params.check, request.query),
  );
};
