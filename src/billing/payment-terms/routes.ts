import { z } from 'zod';
import type { Role } from '../../shared/access.ts';
import type { App } from '../../shared/http/route-types.ts';
import { describePaymentTerms, paymentTermsSchema, PAYMENT_TERMS_KINDS, type PaymentTerms } from './payment-terms.ts';
import { findDefaultPaymentTerms, getAccountPaymentTerms, setAccountPaymentTerms, setDefaultPaymentTerms, type AccountPaymentTerms } from './terms-repo.ts';

const READ_ROLES: readonly Role[] = ['admin', 'revops', 'finance', 'success', 'viewer'];
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];
const tags = ['billing'];
const accountParams = z.object({ accountId: z.string().min(1).max(100) });

const termsJsonSchema = z.object({ kind: z.enum(PAYMENT_TERMS_KINDS), days: z.number().int(), label: z.string().describe('e.g. "net 30", "end of month + 10"') });
const defaultJsonSchema = z.object({ terms: termsJsonSchema, source: z.enum(['default', 'built_in']) });
const accountJsonSchema = z.object({ accountId: z.string(), terms: termsJsonSchema, source: z.enum(['account', 'default', 'built_in']) });

const termsToJson = (terms: PaymentTerms) => ({ ...terms, label: describePaymentTerms(terms) });
const accountToJson = (value: AccountPaymentTerms) => ({ accountId: value.accountId, terms: termsToJson(value.terms), source: value.source });

/** Payment terms (docs/billing.md "Payment terms"): the default setting and per-account terms, applied at issue. */
export function registerPaymentTermsRoutes(app: App): void {
  app.get('/billing/payment-terms', { config: { access: READ_ROLES }, schema: { tags, summary: 'The default payment terms (net 30 until set)', response: { 200: defaultJsonSchema } } },
    async (request) => {
      const found = await findDefaultPaymentTerms(request.ctx);
      return { terms: termsToJson(found.terms), source: found.source };
    });
  app.put('/billing/payment-terms', { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set the default payment terms for accounts without their own', body: paymentTermsSchema, response: { 200: defaultJsonSchema } } },
    async (request) => ({ terms: termsToJson(await setDefaultPaymentTerms(request.ctx, request.body)), source: 'default' as const }));
  app.get('/billing/payment-terms/accounts/:accountId', { config: { access: READ_ROLES }, schema: { tags, summary: 'The payment terms an invoice of this account is issued with', params: accountParams, response: { 200: accountJsonSchema } } },
    async (request) => accountToJson(await getAccountPaymentTerms(request.ctx, request.params.accountId)));
  app.put('/billing/payment-terms/accounts/:accountId', { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Set an account’s own payment terms (invoices issued from now on)', params: accountParams, body: paymentTermsSchema, response: { 200: accountJsonSchema } } },
    async (request) => accountToJson(await setAccountPaymentTerms(request.ctx, request.params.accountId, request.body)));
  app.delete('/billing/payment-terms/accounts/:accountId', { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Remove an account’s own terms: it follows the default again', params: accountParams, response: { 200: accountJsonSchema } } },
    async (request) => accountToJson(await setAccountPaymentTerms(request.ctx, request.params.accountId, null)));
}
