import type { MappingInput } from '../mapping/schema.ts';

const optional = (column: string) => ({ column, optional: true });
const amount = (column: string) => ({ column, currencyColumn: 'Currency', optional: true });

/**
 * Stripe Dashboard exports (Customers, Subscriptions, Invoices, Payments → Export, CSV), feeding
 * billing. Amounts are decimal major units beside a lower-case currency ("29.00", "usd");
 * timestamps "2024-01-22 16:14" in UTC. A customer becomes an account: Stripe has no company
 * record, so the customer's name (or e-mail) names it.
 */
export const STRIPE_MAPPING: MappingInput = {
  name: 'stripe',
  description: 'Stripe Dashboard exports: customers, subscriptions, invoices, payments',
  sourceSystem: 'stripe',
  defaults: { currency: 'USD' },
  files: [
    { match: '*customers*.csv', records: [{ entity: 'account', externalId: 'id', fields: {
      name: { column: 'Name', optional: true, fallback: { column: 'Email', optional: true } },
      currency: { column: 'Currency', optional: true, fallback: { value: 'USD' } },
      country: { column: 'Address Country', transform: 'country', onInvalid: 'null', optional: true },
      // Lines 1 and 2, postal code, city, state and country, written as that country writes addresses (postalAddress).
      billingAddress: {
        template: '{Address Line1}\n{Address Line2}\u001f{Address Postal Code}\u001f{Address City}\u001f{Address State}\u001f{Address Country}', transform: 'postalAddress', optional: true,
      },
      customerSinceDate: { column: 'Created (UTC)', optional: true }, 'customFields.email': optional('Email'),
    } }] },
    { match: '*subscriptions*.csv', records: [{ entity: 'subscription', externalId: 'id', fields: {
      accountId: { column: 'Customer ID', optional: true, fallback: { column: 'Customer', optional: true } },
      currency: { column: 'Currency', optional: true, fallback: { value: 'USD' } },
      startDate: { column: 'Start (UTC)', optional: true, fallback: { column: 'Created (UTC)', optional: true } },
      // Stripe's "ended at" is the moment service stopped: the first day without service.
      endDate: optional('Ended At (UTC)'), endDateIsLastActiveDay: { value: false }, trialEndDate: optional('Trial End (UTC)'),
      status: { column: 'Status', values: { active: 'active', trialing: 'trialing', past_due: 'active', unpaid: 'active', canceled: 'canceled', paused: 'paused', incomplete_expired: 'ended' }, otherwise: 'null', optional: true },
      planLabel: { column: 'Plan', optional: true, fallback: { column: 'Product', optional: true } },
      quantity: { column: 'Quantity', optional: true, default: 1 }, unitPrice: amount('Amount'),
      billingIntervalMonths: { column: 'Interval', values: { month: 1, year: 12 }, otherwise: 'reject', optional: true, default: 1 },
      autoRenew: { column: 'Cancel At Period End', values: { true: false, false: true }, optional: true, default: true },
    } }] },
    { match: '*invoices*.csv', records: [{ entity: 'invoice', externalId: 'id', fields: {
      accountId: 'Customer', subscriptionExternalId: optional('Subscription'), number: 'Number',
      status: { column: 'Status', values: { paid: 'paid', open: 'issued', uncollectible: 'issued', void: 'void' }, otherwise: 'reject' },
      issueDate: 'Date (UTC)', dueDate: optional('Due Date (UTC)'), periodStartDate: optional('Period Start (UTC)'), periodEndDate: optional('Period End (UTC)'),
      subtotal: amount('Subtotal'), discount: amount('Total Discount Amount'), tax: amount('Tax'), total: amount('Total'),
      amountPaid: amount('Amount Paid'), amountDue: amount('Amount Due'),
    } }] },
    { match: '*payments*.csv', records: [{ entity: 'payment', externalId: 'id', fields: {
      accountId: { column: 'Customer ID', optional: true, fallback: { column: 'Customer', optional: true } }, amount: amount('Amount'),
      receivedAt: 'Created (UTC)', reference: 'id', invoiceExternalId: optional('Invoice ID'),
      status: { column: 'Status', values: { paid: 'succeeded', succeeded: 'succeeded', failed: 'failed', refunded: 'refunded' }, otherwise: 'reject', optional: true },
      method: { column: 'Payment Method Type', values: { card: 'card', sepa_debit: 'direct_debit', us_bank_account: 'direct_debit', ach_debit: 'direct_debit', bank_transfer: 'bank_transfer' }, otherwise: 'null', optional: true, default: 'card' },
    } }] },
  ],
};
