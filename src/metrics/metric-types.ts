import type { Bridge } from './movements.ts';

export const UNITS = ['money', 'ratio', 'count', 'days', 'number', 'months'] as const;
export type Unit = (typeof UNITS)[number];

/** A customer's part in an MRR figure: per subscription in its own currency, converted when reported in another. */
export type CustomerContribution = {
  accountId: string;
  plan?: string | null;
  amountMinor: number;
  subscriptions: Array<{ subscriptionId: string; currency: string; amountMinor: number }>;
  /** Only in a reporting currency: each source currency's amount, the rate used, and the converted amount. */
  conversions?: Array<{ currency: string; amountMinor: number; rate: string; rateDate: string; convertedMinor: number }>;
};

/** A customer's move between two period ends (movements, churn rates, NRR/GRR cohorts). */
export type MovementContribution = {
  accountId: string;
  plan?: string | null;
  movement: 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation' | 'flat';
  startMinor: number;
  endMinor: number;
  /** The amount this customer adds to its movement's figure (positive; 0 when flat). */
  amountMinor: number;
};

export type OpportunityContribution = {
  opportunityId: string;
  accountId: string;
  status: 'won' | 'lost' | 'open';
  closeDate: string;
  /** Open pipeline: the stage the opportunity was in at the snapshot, and that stage's probability. */
  stage?: string;
  probabilityBps?: number;
  amountMinor: number;
  currency: string;
  /** In a reporting currency: the amount converted on the close date. */
  convertedMinor?: number;
  rate?: string;
  days?: number;
};

/** A record behind a lead, stage, spend, ticket or usage figure: its id, its kind, and the fields the figure read. */
export type RecordContribution = { recordType: string; id: string; [field: string]: string | number | boolean | null };

export type Contribution = CustomerContribution | MovementContribution | OpportunityContribution | RecordContribution;

/** explain=true: how a figure was made, with records whose amounts add up to it exactly. */
export type Explain = {
  formula: string;
  settings: Record<string, string | number | boolean | null>;
  numerator?: number;
  denominator?: number;
  contributions: Contribution[];
};

export type SeriesPoint = {
  period: string;
  segment?: string | null;
  currency?: string;
  value: number | null;
  explain?: Explain;
  [extra: string]: unknown;
};

export type MetricResult = {
  metric: string;
  unit: Unit;
  currency?: string;
  /** A figure over the actor's team's records only (docs/metrics.md "Who sees what"); absent: the whole company. */
  scope?: { kind: 'team'; ownerCount: number };
  series: SeriesPoint[];
};

/** mrr-movements: one object per period (and slice), the bridge start → end. */
export type MovementRow = { period: string; segment?: string | null; currency: string } & Bridge & {
  explain?: Explain;
  /** asOf only (as-of-metric.ts): the bridge as restated now, and its mrrEndMinor now − then. */
  restated?: Bridge;
  restatementMinor?: number;
  /** asOf only: a series that did not exist as reported (its reported bridge is all zeros). */
  restatedOnly?: true;
};
