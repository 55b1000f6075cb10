import { z } from 'zod';
import { pageQuerySchema } from '../shared/http/pagination.ts';
import { TIMELINE_KINDS } from './timeline-read-model.ts';

const money = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });
const accountLink = z.object({ id: z.string(), name: z.string().nullable().describe('null when the account is not visible to you') });

export const customer360QuerySchema = z.strictObject({
  timelineLimit: z.coerce.number().int().min(1).max(100).default(20).describe('Events in the first timeline page (more with /360/timeline)'),
});
export type Customer360Query = z.input<typeof customer360QuerySchema>;

export const timelineQuerySchema = pageQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

export const timelineEventSchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.string().describe('Id of the record (stage change: history entry id; campaign touch: <campaign id>:<member id>)'),
  at: z.string().describe('When it happened (ISO 8601, UTC)'),
  subtype: z.string().nullable().describe('activity type, stage label (stage change), or the record status; promise: the promised date; collection note: contacted or note'),
  title: z.string().nullable(),
  amount: money.nullable(),
  refId: z.string().nullable().describe('opportunity of a stage change/quote/activity, campaign of a touch, invoice of a promise or collection note'),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const timelinePageSchema = z.object({ data: z.array(timelineEventSchema), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

const invoiceSchema = z.object({
  id: z.string(), number: z.string().nullable(), status: z.string(), issueDate: z.string().nullable(), dueDate: z.string().nullable(),
  total: money, paid: money, open: money.describe('amount still due'), overdue: z.boolean(), daysPastDue: z.number().int(),
  dunningStage: z.string().nullable().describe('latest dunning notice stage of the invoice'),
});

export const customer360Schema = z.object({
  asOfDate: z.string(),
  account: z.object({
    id: z.string(), name: z.string(), domain: z.string().nullable(), segment: z.string().nullable(), industry: z.string().nullable(),
    country: z.string().nullable(), billingAddress: z.string().nullable().describe('Lines separated by "\\n"'), taxId: z.string().nullable(),
    currency: z.string(), ownerUserId: z.string().nullable(), ownerName: z.string().nullable(),
    customerSinceDate: z.string().nullable(), parent: accountLink.nullable(), children: z.array(accountLink.extend({ segment: z.string().nullable(), country: z.string().nullable() })),
    hasMoreChildren: z.boolean(),
  }),
  contacts: z.array(z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), title: z.string().nullable() })),
  marketing: z.object({
    touches: z.array(z.object({
      campaignId: z.string(), campaignName: z.string(), campaignType: z.string(), campaignStatus: z.string(), memberType: z.enum(['contact', 'lead']),
      memberName: z.string().nullable(), memberStatus: z.string(), joinedAt: z.string(), respondedAt: z.string().nullable(),
    })),
    activeCampaigns: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable() })),
    leads: z.array(z.object({ id: z.string(), name: z.string().nullable(), company: z.string().nullable(), email: z.string().nullable(), status: z.string(), stage: z.string(), createdAt: z.string(), convertedAt: z.string().nullable() })),
  }),
  sales: z.object({
    openOpportunities: z.array(z.object({ id: z.string(), name: z.string(), stage: z.string(), stageLabel: z.string(), amount: money, probabilityBps: z.number().int(), closeDate: z.string() })),
    openPipeline: z.array(money).describe('sum of open opportunity amounts per currency'),
    openQuotes: z.array(z.object({ id: z.string(), opportunityId: z.string(), status: z.string(), versionNumber: z.number().int(), expiresOnDate: z.string(), tcv: money, arr: money, mrr: money, createdAt: z.string() })).nullable()
      .describe('null when your role does not read quotes'),
  }),
  finance: z.object({
    mrr: z.array(money).describe('MRR of subscriptions in service today, per currency'),
    arr: z.array(money).describe('12 × MRR'),
    open: z.array(money), overdue: z.array(money), overdueInvoiceCount: z.number().int(),
    invoices: z.array(invoiceSchema),
    payments: z.array(z.object({ id: z.string(), amount: money, receivedAt: z.string(), method: z.string(), reference: z.string().nullable(), status: z.string() })),
    credit: z.array(money).describe('customer credit (unapplied payments) per currency'),
    collections: z.object({ dunningStage: z.string().nullable().describe('the furthest stage reached by an overdue invoice'), onHold: z.boolean(), lastContactDate: z.string().nullable() }),
    promises: z.array(z.object({ id: z.string(), invoiceId: z.string().nullable(), promisedDate: z.string(), amount: money, note: z.string().nullable(), createdAt: z.string(), active: z.boolean() })),
  }).nullable().describe('null when your role does not read invoices and payments'),
  success: z.object({
    tickets: z.array(z.object({ id: z.string(), subject: z.string(), status: z.string(), priority: z.string(), channel: z.string().nullable(), openedAt: z.string(), closedAt: z.string().nullable(), csat: z.number().int().nullable() })),
    ticketCount: z.number().int(), openTicketCount: z.number().int(),
    averageCsat: z.string().nullable().describe('mean CSAT of rated tickets, 2 decimals (half-even); null without ratings'),
    csatResponses: z.number().int(),
    adoption: z.object({ asOfDate: z.string(), activeUsers: z.number().int(), licensedSeats: z.number().int(), percent: z.string().nullable() }).nullable(),
    usageByMonth: z.array(z.object({ month: z.string().describe('first day of the month'), count: z.union([z.number().int(), z.string()]) })),
  }),
  timeline: timelinePageSchema,
  restricted: z.array(z.enum(['finance', 'quotes'])).describe('sections left out for your role'),
});
export type Customer360 = z.infer<typeof customer360Schema>;
