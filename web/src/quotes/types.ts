/** Wire shapes of the CPQ API (src/cpq/quote-schema.ts, rule-schema.ts, acceptance/schema.ts). */
export type MoneyJson = { amountMinor: string | number; currency: string };
export type Discount = { percentBps: number } | { amount: MoneyJson };

export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'expired', 'superseded'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_LANGUAGES = ['en', 'de', 'it', 'ru'] as const;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];
/** Statuses in which the server accepts changes (src/cpq/quote-change.ts EDITABLE). */
export const EDITABLE_STATUSES: readonly QuoteStatus[] = ['draft', 'pending_approval', 'approved', 'rejected'];

export type RampYear = { year: number; quantity: number; discountBps: number | null };

export type QuoteLine = {
  id: string;
  lineNumber: number;
  productId: string;
  priceId: string;
  description: string | null;
  quantity: number;
  ramp: RampYear[] | null;
  discount: Discount | null;
  oneTime: boolean;
  amounts: { list: MoneyJson; lineDiscount: MoneyJson; headerDiscount: MoneyJson; net: MoneyJson; firstYear: MoneyJson; mrr: MoneyJson };
};

export type Totals = Record<'list' | 'lineDiscount' | 'headerDiscount' | 'tcv' | 'oneTime' | 'recurring' | 'acv' | 'firstYear' | 'mrr' | 'arr', MoneyJson>;

export type QuoteSummary = {
  id: string;
  opportunityId: string;
  accountId: string;
  priceBookId: string;
  currency: string;
  status: QuoteStatus;
  versionNumber: number;
  startDate: string;
  termMonths: number;
  paymentTermsDays: number;
  language: QuoteLanguage;
  expiresOnDate: string;
  expired: boolean;
  ownerUserId: string | null;
  discount: Discount | null;
  totals: Totals;
  years: { year: number; startDate: string; endDate: string; amount: MoneyJson }[];
  submittedBy: string | null;
  createdAt: string;
  version: number;
};
/** A quote in GET /quotes: the names of its account and opportunity beside their ids. */
export type QuoteListItem = QuoteSummary & { accountName: string | null; opportunityName: string | null };

export type Quote = QuoteSummary & { lines: QuoteLine[] };

export type AcceptanceLink = { token: string; path: string; pagePath?: string; documentPath: string; expiresAt: string };

export type ApprovalRequest = {
  id: string;
  quoteId: string;
  ruleId: string;
  level: number;
  approverRole: string | null;
  approverUserId: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  snapshot: { condition: Record<string, unknown>; actual: number | string | boolean };
  requestedAt: string;
  decidedAt: string | null;
  comment: string | null;
};
export type InboxItem = ApprovalRequest & {
  ruleName: string;
  quote: {
    id: string; opportunityId: string; accountId: string; ownerUserId: string | null;
    accountName: string | null; opportunityName: string | null; versionNumber: number; tcv: MoneyJson;
  };
};

export type QuoteChecks = {
  configuration: { ruleId: string; name: string; kind: string; message: string; lineNumbers: number[] }[];
  validation: { ruleId: string; key: string; name: string; message: string }[];
  approvals: {
    ruleId: string; ruleName: string; level: number; approverRole: string | null; approverUserId: string | null;
    condition: { metric?: string; op?: string; value?: unknown }; actual: number | string | boolean; lineNumbers: number[];
  }[];
};

export type PriceBook = { id: string; name: string; currency: string; active: boolean; expired: boolean; isDefault: boolean };
export type Price = { id: string; productId: string; billingPeriod: string; pricingModel: string; unitAmount: string | null; currency: string };
export type Product = { id: string; sku: string; name: string; type: string; active: boolean };
export type Opportunity = { id: string; accountId: string; name: string; stage: string; status: string; amount: MoneyJson };

export type PublicQuote = {
  quote: {
    id: string; versionNumber: number; status: QuoteStatus; language: QuoteLanguage; currency: string; customer: string; preparedBy: string | null;
    startDate: string; endDate: string; termMonths: number; paymentTermsDays: number; validUntilDate: string;
    lines: { lineNumber: number; name: string; description: string | null; quantity: number; billingPeriod: string; ramp: { year: number; quantity: number }[] | null; list: MoneyJson; discount: MoneyJson; net: MoneyJson }[];
    years: { year: number; startDate: string; endDate: string; amount: MoneyJson }[];
    totals: Record<string, MoneyJson>;
  };
  document: { path: string; sha256: string };
  acceptable: boolean;
  acceptance: { acceptedAt: string; signerName: string } | null;
};
