import { z } from 'zod';
import type { Role } from '../shared/access.ts';
import { pageSchema } from '../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import {
  invoiceDetailJsonSchema, invoiceDetailToJson, invoiceJsonSchema, invoiceToJson,
  subscriptionDetailJsonSchema, subscriptionDetailToJson, subscriptionJsonSchema,
} from './api-json.ts';
import { cancelSubscription } from './cancel-subscription.ts';
import { pauseSubscription, resumeSubscription } from './pause-subscription.ts';
import { changeSubscriptionItems } from './change-subscription-items.ts';
import { createSubscription } from './create-subscription.ts';
import { getInvoice, listInvoices } from './get-invoice.ts';
import { getSubscription } from './get-subscription.ts';
import { listInvoicesQuerySchema } from './invoice-schema.ts';
import { listSubscriptions } from './list-subscriptions.ts';
import { registerPaymentTermsRoutes } from './payment-terms/routes.ts';
import { registerCutOverRoutes } from './cut-over/routes.ts';
import { registerUsageEventRoutes } from './usage-events/routes.ts';
import {
  cancelSubscriptionBodySchema, changeSubscriptionItemsBodySchema, createSubscriptionSchema, listSubscriptionsQuerySchema,
  pauseSubscriptionBodySchema, resumeSubscriptionBodySchema,
} from './subscription-schema.ts';

// Money readers see all billing records; sales roles also read the subscriptions of their team's
// accounts (the services apply the owner scope). Only admin and finance write.
const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const SUBSCRIPTION_READ_ROLES: readonly Role[] = [...READ_ROLES, 'sales_rep', 'sales_manager'];
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];
const idParams = z.object({ id: z.string().min(1).max(100) });
// The 405 detail for PATCH/PUT/DELETE on an invoice (STYLE.md: issued documents are immutable).
const INVOICE_IMMUTABLE = 'An issued invoice is immutable: correct it with a credit note (POST /api/v1/invoices/{id}/void credits it in full); a draft changes only through its subscription and the billing run.';

function registerSubscriptionReads(app: App): void {
  app.get(
    '/subscriptions',
    { config: { access: SUBSCRIPTION_READ_ROLES }, schema: { tags, summary: 'List subscriptions (keyset pages, newest first)', querystring: listSubscriptionsQuerySchema, response: { 200: pageSchema(subscriptionJsonSchema) } } },
    async (request) => listSubscriptions(request.ctx, request.query),
  );
  app.get(
    '/subscriptions/:id',
    { config: { access: SUBSCRIPTION_READ_ROLES }, schema: { tags, summary: 'Get a subscription with its item history; the ETag is its version', params: idParams, response: { 200: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const subscription = await getSubscription(request.ctx, request.params.id);
      setEtag(reply, subscription.version);
      return subscriptionDetailToJson(subscription);
    },
  );
}

function registerSubscriptionWrites(app: App): void {
  app.post(
    '/subscriptions',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a subscription with its first items (accepts Idempotency-Key)', body: createSubscriptionSchema, response: { 201: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const subscription = await createSubscription(request.ctx, request.body);
      setEtag(reply, subscription.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${subscription.id}`).send(subscriptionDetailToJson(subscription));
    },
  );
  app.post(
    '/subscriptions/:id/changes',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Add, update or remove items from an effective date; needs If-Match or "version"', params: idParams, body: changeSubscriptionItemsBodySchema, response: { 200: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const { version, ...body } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const subscription = await changeSubscriptionItems(request.ctx, { ...body, id: request.params.id, expectedVersion });
      setEtag(reply, subscription.version);
      return subscriptionDetailToJson(subscription);
    },
  );
  app.post(
    '/subscriptions/:id/cancel',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Cancel now, on a date or at period end; needs If-Match or "version"', params: idParams, body: cancelSubscriptionBodySchema, response: { 200: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const { version, ...body } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const subscription = await cancelSubscription(request.ctx, { ...body, id: request.params.id, expectedVersion });
      setEtag(reply, subscription.version);
      return subscriptionDetailToJson(subscription);
    },
  );
}

function registerPauseRoutes(app: App): void {
  app.post(
    '/subscriptions/:id/pause',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Pause from a date (until a resume date, or until resumed); paused days are not billed; needs If-Match or "version"', params: idParams, body: pauseSubscriptionBodySchema, response: { 200: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const { version, ...body } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const subscription = await pauseSubscription(request.ctx, { ...body, id: request.params.id, expectedVersion });
      setEtag(reply, subscription.version);
      return subscriptionDetailToJson(subscription);
    },
  );
  app.post(
    '/subscriptions/:id/resume',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'End the open pause: billed again from the resume date; needs If-Match or "version"', params: idParams, body: resumeSubscriptionBodySchema, response: { 200: subscriptionDetailJsonSchema } } },
    async (request, reply) => {
      const { version, ...body } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const subscription = await resumeSubscription(request.ctx, { ...body, id: request.params.id, expectedVersion });
      setEtag(reply, subscription.version);
      return subscriptionDetailToJson(subscription);
    },
  );
}

// GET /payments (the list, with what is left of each payment) is the payments domain's: it owns receipts and refunds.
function registerInvoiceReads(app: App): void {
  app.get(
    '/invoices',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List invoices (keyset pages, newest first)', querystring: listInvoicesQuerySchema, response: { 200: pageSchema(invoiceJsonSchema) } } },
    async (request) => {
      const page = await listInvoices(request.ctx, request.query);
      return { data: page.data.map(invoiceToJson), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/invoices/:id',
    { config: { access: READ_ROLES, immutable: INVOICE_IMMUTABLE }, schema: { tags, summary: 'Get an invoice with its lines', params: idParams, response: { 200: invoiceDetailJsonSchema } } },
    async (request, reply) => {
      const invoice = await getInvoice(request.ctx, request.params.id);
      setEtag(reply, invoice.version);
      return invoiceDetailToJson(invoice);
    },
  );
}

export const billingRoutes: RoutePlugin = (app) => {
  registerSubscriptionReads(app);
  registerSubscriptionWrites(app);
  registerPauseRoutes(app);
  registerInvoiceReads(app);
  registerPaymentTermsRoutes(app);
  registerCutOverRoutes(app);
  registerUsageEventRoutes(app);
};
