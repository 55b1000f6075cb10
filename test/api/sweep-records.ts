import { createSubscription } from '../../src/billing/index.ts';
import { createQuote } from '../../src/cpq/index.ts';
import { makeBook, makeDeal, makePricedProduct } from '../../src/cpq/test-fixtures/seed.ts';
import { createContact, createLead } from '../../src/crm/index.ts';
import { makeContactInput } from '../../src/crm/contacts/fixtures.ts';
import { makeLeadInput } from '../../src/crm/leads/fixtures.ts';
import { makeIssuedInvoice } from '../../src/payments/fixtures.ts';
import { recordPayment } from '../../src/payments/index.ts';
import type { Ctx } from '../../src/shared/context.ts';

/** Ids of real records by field name: the sweep's second pass names them, so bad input meets the service and the database. */
export type SweepRecords = Record<string, string>;

export async function seedSweepRecords(ctx: Ctx): Promise<SweepRecords> {
  const priceBookId = await makeBook(ctx);
  const { productId, priceId } = await makePricedProduct(ctx, priceBookId);
  const { accountId, opportunityId } = await makeDeal(ctx);
  const quote = await createQuote(ctx, { opportunityId, priceBookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId, quantity: 5 }] });
  const subscription = await createSubscription(ctx, { accountId, currency: 'EUR', startDate: '2026-01-15', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
  const invoice = await makeIssuedInvoice(ctx, accountId);
  const payment = await recordPayment(ctx, { accountId, amount: { amountMinor: 1000n, currency: 'EUR' }, receivedDate: '2026-01-10', autoApply: false });
  const contact = await createContact(ctx, makeContactInput({ accountId }));
  const lead = await createLead(ctx, makeLeadInput());
  return {
    accountId, opportunityId, productId, priceBookId, priceId, quoteId: quote.id, subscriptionId: subscription.id, invoiceId: invoice.id,
    paymentId: payment.id, contactId: contact.id, leadId: lead.id,
  };
}

const ID_BY_COLLECTION: Record<string, string> = {
  accounts: 'accountId', opportunities: 'opportunityId', products: 'productId', 'price-books': 'priceBookId', prices: 'priceId', quotes: 'quoteId',
  subscriptions: 'subscriptionId', invoices: 'invoiceId', payments: 'paymentId', contacts: 'contactId', leads: 'leadId',
};

/** The records for one path: {id} is the record of the collection it follows (/quotes/{id} → the quote). */
export function recordsForPath(path: string, records: SweepRecords): SweepRecords {
  const collection = /^\/api\/v1\/([^/]+)\/\{id\}/.exec(path)?.[1];
  const key = collection ? ID_BY_COLLECTION[collection] : undefined;
  return key && records[key] ? { ...records, id: records[key] } : records;
}
