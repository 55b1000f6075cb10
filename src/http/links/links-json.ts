import { z } from 'zod';
import { auditEntrySchema } from '../../audit/index.ts';
import { entryJsonSchema, entryToJson } from '../../commissions/index.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { LINK_ROOTS, type DealLinks } from './build-links.ts';

const moneyJsonSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });

export const dealLinksJsonSchema = z.object({
  root: z.object({ type: z.enum(LINK_ROOTS), id: z.string() }),
  quotes: z.array(z.object({
    id: z.string(), status: z.string(), quoteType: z.string(), versionNumber: z.number().int(), opportunityId: z.string(),
    opportunityName: z.string().nullable().describe('The deal the quote is for, by name'), accountId: z.string(),
    currency: z.string(), startDate: z.string(), termMonths: z.number().int(),
  })),
  orders: z.array(z.object({
    id: z.string(), orderNumber: z.string(), quoteId: z.string(), orderType: z.string(), status: z.string(), startDate: z.string(), endDate: z.string(),
    provisioning: z.object({ status: z.string(), message: z.string().nullable() }),
    booking: z.object({
      id: z.string(), bookingType: z.string(), tcv: moneyJsonSchema, acv: moneyJsonSchema, firstYear: moneyJsonSchema, arrChange: moneyJsonSchema, bookedDate: z.string(),
    }).nullable(),
  })).describe('The orders placed from the quotes, with their booking and provisioning state (GET /orders/:id has the lines)'),
  subscriptionChanges: z.array(z.object({
    orderId: z.string(), subscriptionId: z.string(), action: z.enum(['create', 'amend']), orderType: z.string(), quoteId: z.string().nullable(),
    opportunityId: z.string().nullable(), accountId: z.string(), effectiveDate: z.string(), firstInvoiceIds: z.array(z.string()), createdAt: z.string(),
  })).describe('What each order did to a subscription (created or amended it) and the first invoices it requested'),
  bookingIds: z.array(z.string()),
  subscriptions: z.array(z.object({
    id: z.string(), accountId: z.string(), status: z.string(), currency: z.string(), startDate: z.string(), endDate: z.string().nullable().describe('Exclusive'),
    canceledAt: z.string().nullable(),
  })),
  invoices: z.array(z.object({
    id: z.string(), number: z.string().nullable(), status: z.string(), subscriptionId: z.string().nullable(), issueDate: z.string().nullable(),
    periodStartDate: z.string().nullable(), periodEndDate: z.string().nullable(), total: moneyJsonSchema,
  })),
  commissionEntries: z.array(entryJsonSchema),
  audit: z.array(auditEntrySchema).describe('The audit entries of every record above, oldest first'),
});

export function dealLinksToJson(links: DealLinks): z.infer<typeof dealLinksJsonSchema> {
  return {
    root: links.root,
    quotes: links.quotes.map((q) => ({
      id: q.id, status: q.status, quoteType: q.quoteType, versionNumber: q.versionNumber, opportunityId: q.opportunityId, opportunityName: q.opportunityName, accountId: q.accountId,
      currency: q.currency, startDate: q.startDate, termMonths: q.termMonths,
    })),
    orders: links.orders.map((o) => ({
      id: o.id, orderNumber: o.orderNumber, quoteId: o.quoteId, orderType: o.orderType, status: o.status, startDate: o.startDate, endDate: o.endDate,
      provisioning: { status: o.provisioning.status, message: o.provisioning.message },
      booking: o.booking && {
        id: o.booking.id, bookingType: o.booking.bookingType, tcv: o.booking.tcv, acv: o.booking.acv, firstYear: o.booking.firstYear,
        arrChange: o.booking.arrChange, bookedDate: o.booking.bookedDate,
      },
    })),
    subscriptionChanges: links.subscriptionChanges.map(({ invoiceIds, ...change }) => ({ ...change, firstInvoiceIds: invoiceIds })),
    bookingIds: links.bookingIds,
    subscriptions: links.subscriptions.map((s) => ({
      id: s.id, accountId: s.accountId, status: s.status, currency: s.currency, startDate: s.startDate, endDate: s.endDate, canceledAt: s.canceledAt,
    })),
    invoices: links.invoices.map((i) => ({
      id: i.id, number: i.number, status: i.status, subscriptionId: i.subscriptionId, issueDate: i.issueDate, periodStartDate: i.periodStartDate,
      periodEndDate: i.periodEndDate, total: moneyToJson(money(i.totalMinor, i.currency)),
    })),
    commissionEntries: links.commissionEntries.map(entryToJson),
    audit: links.audit,
  };
}
