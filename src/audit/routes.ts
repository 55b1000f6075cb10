import type { RoutePlugin } from '../shared/http/route-types.ts';
import { listAuditEntries } from './list-audit-entries.ts';
import { auditPageSchema, listAuditQuerySchema, toListAuditEntriesInput, verifyResultSchema } from './schema.ts';
import { toVerifyResultJson, verifyAuditChain } from './verify-chain.ts';

export const auditRoutes: RoutePlugin = (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'List audit entries (newest first), e.g. the history of one record',
        querystring: listAuditQuerySchema,
        response: { 200: auditPageSchema },
      },
      config: { access: ['admin', 'revops', 'finance'] },
    },
    async (request) => listAuditEntries(request.ctx, toListAuditEntriesInput(request.query)),
  );

  // Admin only: it reads the whole log, so it is also the most expensive call here.
  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Re-compute the audit hash chain and report the first tampered or missing entry',
        response: { 200: verifyResultSchema },
      },
      config: { access: ['admin'] },
    },
    async (request) => toVerifyResultJson(await verifyAuditChain(request.ctx)),
  );
};
