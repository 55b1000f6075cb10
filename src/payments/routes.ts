import { z } from 'zod';
import { pageSchema } from '../shared/http/pagination.ts';
import type { Role } from '../shared/access.ts';
import type { App, RoutePlugin } from '../shared/http/route-types.ts';
import { setEtag } from '../shared/http/versioning.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { arAging, arAgingQuerySchema, type ArAgingOptions } from './ar-aging.ts';
import type { AgingRateReader } from './ar-aging-reporting.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { applyCustomerCredit, listCustomerCredits } from './customer-credit.ts';
import { getPaymentDetail } from './get-payment-detail.ts';
import {
  arAgingJsonSchema, arAgingToJson, customerCreditJsonSchema, moneyJsonSchema, customerCreditToJson, paymentDetailJsonSchema, paymentDetailToJson,
  paymentListItemJsonSchema, paymentListItemToJson,
} from './json.ts';
import { listPayments } from './list-payments.ts';
import { listPaymentsQuerySchema } from './list-payments-schema.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import {
  applyCreditBodySchema, applyPaymentBodySchema, chargebackBodySchema, recordPaymentSchema, refundPaymentBodySchema, unapplyPaymentBodySchema,
} from './schema.ts';
import { unapplyPayment } from './unapply-payment.ts';
import { unapplyCreditNote, unapplyCreditNoteBodySchema } from './unapply-credit-note.ts';
import { refundCreditNote, refundCreditNoteBodySchema } from './refund-credit-note.ts';
import { getInvoice } from '../billing/index.ts';
import { money, moneyToJson } from '../shared/money.ts';
import { registerCollectionRoutes } from './dunning/routes.ts';
import { registerStatementImportRoute } from './statement/routes.ts';

// Finance records and moves money; the money readers see it (as billing's reads): the list and the
// detail, each with what is left of the payment (receipts and refunds are this domain's).
export const PAYMENT_READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
export const PAYMENT_WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['payments'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const detail = { 200: paymentDetailJsonSchema };
const creditNoteRefundJsonSchema = z.object({
  id: z.string(), creditNoteId: z.string(), accountId: z.string(), date: z.string(), journalEntryId: z.string(), amount: moneyJsonSchema, remaining: moneyJsonSchema.describe('Credit the credit note still holds'),
});

function registerPaymentWrites(app: App): void {
  app.post(
    '/payments',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Record a payment and apply it (explicit, by invoice number in the reference, else oldest open first); accepts Idempotency-Key', body: recordPaymentSchema, response: { 201: paymentDetailJsonSchema } } },
    async (request, reply) => {
      const payment = await recordPayment(request.ctx, request.body);
      setEtag(reply, payment.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${payment.id}`).send(paymentDetailToJson(payment));
    },
  );
  app.post(
    '/payments/:id/applications',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Apply the payment’s unapplied credit to invoices', params: idParams, body: applyPaymentBodySchema, response: detail } },
    async (request) => paymentDetailToJson(await applyPaymentCredit(request.ctx, { ...request.body, paymentId: request.params.id })),
  );
  app.post(
    '/payments/:id/unapplications',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Take the payment off an invoice (the invoice reopens, the money becomes credit)', params: idParams, body: unapplyPaymentBodySchema, response: detail } },
    async (request) => paymentDetailToJson(await unapplyPayment(request.ctx, { ...request.body, paymentId: request.params.id })),
  );
  app.post(
    '/payments/:id/refunds',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Refund unapplied credit of the payment', params: idParams, body: refundPaymentBodySchema, response: detail } },
    async (request) => paymentDetailToJson(await refundPayment(request.ctx, { ...request.body, paymentId: request.params.id })),
  );
  app.post(
    '/payments/:id/chargeback',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Record a chargeback: the invoices it paid reopen and the receipt is reversed', params: idParams, body: chargebackBodySchema, response: detail } },
    async (request) => paymentDetailToJson(await chargebackPayment(request.ctx, { ...request.body, paymentId: request.params.id })),
  );
  app.post(
    '/credit-notes/:id/unapplications',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Take a credit note’s settlement off an invoice (the invoice reopens)', params: idParams, body: unapplyCreditNoteBodySchema, response: { 200: z.object({ invoiceId: z.string(), amountDue: moneyJsonSchema }) } } },
    async (request) => {
      const result = await unapplyCreditNote(request.ctx, { ...request.body, creditNoteId: request.params.id });
      const invoice = await getInvoice(request.ctx, result.invoiceId);
      return { invoiceId: result.invoiceId, amountDue: moneyToJson(money(result.amountDueMinor, invoice.currency)) };
    },
  );
  app.post(
    '/credit-notes/:id/refunds',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Pay a credit note’s remaining credit back to the customer (Dr AR / Cr cash; accepts Idempotency-Key)', params: idParams, body: refundCreditNoteBodySchema, response: { 201: creditNoteRefundJsonSchema } } },
    async (request, reply) => {
      const refund = await refundCreditNote(request.ctx, { ...request.body, creditNoteId: request.params.id });
      return reply.status(201).send({
        id: refund.id, creditNoteId: refund.creditNoteId, accountId: refund.accountId, date: refund.date, journalEntryId: refund.journalEntryId,
        amount: moneyToJson(money(refund.amountMinor, refund.currency)), remaining: moneyToJson(money(refund.remainingMinor, refund.currency)),
      });
    },
  );
  app.post(
    '/customer-credits/applications',
    { config: { access: PAYMENT_WRITE_ROLES }, schema: { tags, summary: 'Apply an account’s credit in one currency to its open invoices, oldest first', body: applyCreditBodySchema, response: { 200: z.object({ data: z.array(paymentDetailJsonSchema) }) } } },
    async (request) => ({ data: (await applyCustomerCredit(request.ctx, request.body)).map(paymentDetailToJson) }),
  );
}

function registerPaymentReads(app: App, aging: ArAgingOptions): void {
  app.get(
    '/payments',
    {
      config: { access: PAYMENT_READ_ROLES },
      schema: { tags, summary: 'List payments with their allocations and unapplied money (keyset pages, newest received date first)', querystring: listPaymentsQuerySchema, response: { 200: pageSchema(paymentListItemJsonSchema) } },
    },
    async (request) => {
      const page = await listPayments(request.ctx, request.query);
      return { data: page.data.map(paymentListItemToJson), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/payments/:id',
    { config: { access: PAYMENT_READ_ROLES }, schema: { tags, summary: 'Get a payment with its applications, unapplied credit, refunds and chargeback', params: idParams, response: detail } },
    async (request, reply) => {
      const payment = await getPaymentDetail(request.ctx, request.params.id);
      setEtag(reply, payment.version);
      return paymentDetailToJson(payment);
    },
  );
  app.get(
    '/customer-credits',
    { config: { access: PAYMENT_READ_ROLES }, schema: { tags, summary: 'Customer credit balances per account and currency', querystring: z.strictObject({ accountId: z.string().min(1).max(100).optional() }), response: { 200: z.object({ data: z.array(customerCreditJsonSchema) }) } } },
    async (request) => ({ data: (await listCustomerCredits(request.ctx, request.query.accountId ? { accountId: request.query.accountId } : {})).map(customerCreditToJson) }),
  );
  app.get(
    '/ar/aging',
    { config: { access: PAYMENT_READ_ROLES }, schema: { tags, summary: 'Accounts-receivable aging as of a date, per customer and total, in document currency and (currency=…) a reporting currency', querystring: arAgingQuerySchema, response: { 200: arAgingJsonSchema } } },
    async (request) => arAgingToJson(await arAging(request.ctx, request.query, aging)),
  );
}

export type PaymentRoutesOptions = { agingRates?: AgingRateReader };

/** The payments routes; http composes `agingRates` (metrics' FX rates) for AR aging in a reporting currency. */
export function createPaymentRoutes(options: PaymentRoutesOptions = {}): RoutePlugin {
  return function paymentRoutePlugin(app) {
    registerPaymentWrites(app);
    registerStatementImportRoute(app, PAYMENT_WRITE_ROLES, tags);
    registerPaymentReads(app, { rates: options.agingRates });
    registerCollectionRoutes(app);
  };
}

/** Without exchange rates: aging in a reporting currency works only when every invoice is already in it. */
export const paymentRoutes: RoutePlugin = createPaymentRoutes();
