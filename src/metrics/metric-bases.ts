/** What a metric is computed from (the catalogue's basis). */
export const METRIC_BASES = ['subscriptions', 'opportunities', 'leads', 'spend', 'tickets', 'usage', 'invoices', 'payments', 'ledger', 'contracts'] as const;
export type MetricBasis = (typeof METRIC_BASES)[number];
