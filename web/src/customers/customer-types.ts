/** Wire shapes of GET /accounts and GET /accounts/:id/360 (src/crm/schema.ts, src/customer360/schema.ts). */

export type MoneyJson = { amountMinor: number | string; currency: string };

export type AccountListItem = {
  id: string;
  name: string;
  domain: string | null;
  segment: string | null;
  industry: string | null;
  country: string | null;
  ownerUserId: string | null;
  currency: string;
  customerSinceDate: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AccountLink = { id: string; name: string | null };

export type TimelineKind = 'activity' | 'stage_change' | 'quote' | 'invoice' | 'payment' | 'promise' | 'collection_note' | 'ticket' | 'campaign_touch';

export type TimelineEvent = {
  kind: TimelineKind;
  id: string;
  at: string;
  subtype: string | null;
  title: string | null;
  amount: MoneyJson | null;
  refId: string | null;
};

export type Invoice360 = {
  id: string;
  number: string | null;
  status: string;
  issueDate: string | null;
  dueDate: string | null;
  total: MoneyJson;
  paid: MoneyJson;
  open: MoneyJson;
  overdue: boolean;
  daysPastDue: number;
  dunningStage: string | null;
};

export type Customer360 = {
  asOfDate: string;
  account: {
    id: string;
    name: string;
    domain: string | null;
    segment: string | null;
    industry: string | null;
    country: string | null;
    /** Lines separated by "\n". */
    billingAddress: string | null;
    taxId: string | null;
    currency: string;
    ownerUserId: string | null;
    ownerName: string | null;
    customerSinceDate: string | null;
    parent: AccountLink | null;
    children: (AccountLink & { segment: string | null; country: string | null })[];
    hasMoreChildren: boolean;
  };
  contacts: { id: string; name: string | null; email: string | null; phone: string | null; title: string | null }[];
  marketing: {
    touches: {
      campaignId: string;
      campaignName: string;
      campaignType: string;
      campaignStatus: string;
      memberType: 'contact' | 'lead';
      memberName: string | null;
      memberStatus: string;
      joinedAt: string;
      respondedAt: string | null;
    }[];
    activeCampaigns: { id: string; name: string; type: string; startDate: string | null; endDate: string | null }[];
    leads: { id: string; name: string | null; company: string | null; email: string | null; status: string; stage: string; createdAt: string; convertedAt: string | null }[];
  };
  sales: {
    openOpportunities: { id: string; name: string; stage: string; stageLabel: string; amount: MoneyJson; probabilityBps: number; closeDate: string }[];
    openPipeline: MoneyJson[];
    openQuotes: { id: string; opportunityId: string; status: string; versionNumber: number; expiresOnDate: string; tcv: MoneyJson; arr: MoneyJson; mrr: MoneyJson; createdAt: string }[] | null;
  };
  finance: {
    mrr: MoneyJson[];
    arr: MoneyJson[];
    open: MoneyJson[];
    overdue: MoneyJson[];
    overdueInvoiceCount: number;
    invoices: Invoice360[];
    payments: { id: string; amount: MoneyJson; receivedAt: string; method: string; reference: string | null; status: string }[];
    credit: MoneyJson[];
    collections: { dunningStage: string | null; onHold: boolean; lastContactDate: string | null };
    promises: { id: string; invoiceId: string | null; promisedDate: string; amount: MoneyJson; note: string | null; createdAt: string; active: boolean }[];
  } | null;
  success: {
    tickets: { id: string; subject: string; status: string; priority: string; channel: string | null; openedAt: string; closedAt: string | null; csat: number | null }[];
    ticketCount: number;
    openTicketCount: number;
    averageCsat: string | null;
    csatResponses: number;
    adoption: { asOfDate: string; activeUsers: number; licensedSeats: number; percent: string | null } | null;
    usageByMonth: { month: string; count: number | string }[];
  };
  timeline: { data: TimelineEvent[]; nextCursor: string | null };
  restricted: ('finance' | 'quotes')[];
};
