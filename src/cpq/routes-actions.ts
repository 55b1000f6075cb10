import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../shared/http/pagination.ts';
import type { App } from '../shared/http/route-types.ts';
import { setEtag } from '../shared/http/versioning.ts';
import { approveQuoteRequest, rejectQuoteRequest } from './decide-approval.ts';
import { listApprovalInbox, listQuoteApprovals } from './list-approvals.ts';
import { overrideValidation } from './override-validation.ts';
import { previewQuoteChecks } from './preview-checks.ts';
import { quoteSchema } from './quote-schema.ts';
import { reviseQuote } from './revise-quote.ts';
import {
  APPROVAL_ROLES, idParams, optionalExpectedVersion, OVERRIDE_ROLES, QUOTE_READ_ROLES, QUOTE_WRITE_ROLES, quoteTags as tags, requestParams,
} from './route-kit.ts';
import { approvalRequestSchema, decisionBodySchema, inboxItemSchema, overrideBodySchema, overrideSchema, quoteChecksSchema } from './rule-schema.ts';
import { acceptanceLinkSchema } from './acceptance/schema.ts';
import { sendQuote } from './send-quote.ts';
import { submitQuote } from './submit-quote.ts';

const approvalStateSchema = z.object({ quote: quoteSchema, approvalRequests: z.array(approvalRequestSchema) });
// Actions take no body; clients may send none, null or {}.
const emptyBody = z.strictObject({}).nullish();

export function registerQuoteActionRoutes(app: App): void {
  app.post(
    '/quotes/:id/submit',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'Submit: configuration rules, validation rules, then approval requests (422 names a broken rule)', params: idParams, body: emptyBody, response: { 200: approvalStateSchema } } },
    async (request) => submitQuote(request.ctx, { id: request.params.id, expectedVersion: optionalExpectedVersion(request) }),
  );
  app.post(
    '/quotes/:id/send',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: "Send an approved quote; publishes quote.sent and returns the customer's acceptance link (shown once)", params: idParams, body: emptyBody, response: { 200: quoteSchema.extend({ acceptanceLink: acceptanceLinkSchema }) } } },
    async (request, reply) => {
      const quote = await sendQuote(request.ctx, { id: request.params.id, expectedVersion: optionalExpectedVersion(request) });
      setEtag(reply, quote.version);
      return quote;
    },
  );
  app.post(
    '/quotes/:id/revise',
    { config: { access: QUOTE_WRITE_ROLES }, schema: { tags, summary: 'New draft version superseding this quote', params: idParams, body: emptyBody, response: { 201: quoteSchema } } },
    async (request, reply) => {
      const quote = await reviseQuote(request.ctx, { id: request.params.id });
      setEtag(reply, quote.version);
      return reply.status(201).header('location', `${request.url.split('/quotes/')[0]}/quotes/${quote.id}`).send(quote);
    },
  );
  app.post(
    '/quotes/:id/overrides',
    { config: { access: OVERRIDE_ROLES }, schema: { tags, summary: 'Let one validation rule pass for this quote, with a reason (audited)', params: idParams, body: overrideBodySchema, response: { 201: overrideSchema } } },
    async (request, reply) => reply.status(201).send(await overrideValidation(request.ctx, { quoteId: request.params.id, input: request.body })),
  );
  registerApprovalRoutes(app);
}

function registerApprovalRoutes(app: App): void {
  app.get(
    '/quotes/:id/checks',
    { config: { access: QUOTE_READ_ROLES }, schema: { tags, summary: 'What a submit would meet now, without submitting: broken configuration and validation rules, approvals needed (with the lines concerned)', params: idParams, response: { 200: quoteChecksSchema } } },
    async (request) => previewQuoteChecks(request.ctx, request.params.id),
  );
  app.get(
    '/quotes/:id/approvals',
    { config: { access: QUOTE_READ_ROLES }, schema: { tags, summary: "A quote's approval requests, open and decided", params: idParams, response: { 200: z.object({ data: z.array(approvalRequestSchema) }) } } },
    async (request) => ({ data: await listQuoteApprovals(request.ctx, request.params.id) }),
  );
  for (const [verb, decide] of [['approve', approveQuoteRequest], ['reject', rejectQuoteRequest]] as const) {
    app.post(
      `/quotes/:id/approvals/:requestId/${verb}`,
      {
        config: { access: APPROVAL_ROLES },
        schema: { tags, summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a request routed to you (never your own quote)`, params: requestParams, body: decisionBodySchema.nullish(), response: { 200: approvalStateSchema } },
      },
      async (request) => decide(request.ctx, { quoteId: request.params.id, requestId: request.params.requestId, comment: request.body?.comment }),
    );
  }
  app.get(
    '/approvals/inbox',
    { config: { access: APPROVAL_ROLES }, schema: { tags, summary: 'Approval requests waiting for you (your user or role, open levels only)', querystring: pageQuerySchema.strict(), response: { 200: pageSchema(inboxItemSchema) } } },
    async (request) => listApprovalInbox(request.ctx, request.query),
  );
}
