import { ownerScope, type OwnerScope } from '../crm/index.ts';
import type { Role } from '../shared/access.ts';
import type { Ctx } from '../shared/context.ts';
import { forbidden } from '../shared/errors.ts';
import type { MetricBasis } from './metric-bases.ts';
import type { MetricName } from './metric-catalog.ts';
import { memoInRequest } from './request-memo.ts';

/**
 * Who sees which metric (docs/metrics.md "Who sees what"). Every role but the sales roles sees
 * every metric over the whole company. A sales rep or manager sees the records crm's ownerScope
 * gives them (their own, their team's, a manager's managed teams'), so they may read a metric only
 * when each record it counts has an owner and the figure is made from those records alone: then it
 * is computed over the opportunities (or leads) owned within that scope, never the company's.
 * Everything else stays company-wide and is refused to them (403): MRR, finance, spend, success.
 */
export const TEAM_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  // Closed opportunities by close date (load-closed-deals.ts).
  'win-rate', 'sales-cycle-days', 'bookings', 'win-loss-ratio', 'average-deal-size', 'time-to-close',
  // The open pipeline from stage history (load-open-pipeline.ts); velocity adds the closed deals.
  'pipeline-value', 'pipeline-velocity',
  // Stage history (load-stage-stays.ts).
  'stage-conversion-rate', 'time-in-stage',
  // Leads by their own owner (load-leads.ts).
  'new-leads', 'mqls', 'sqls', 'leads-by-stage', 'lead-conversion',
  // Opportunities that name a campaign (load-sourced-opportunities.ts); no campaign cost is read.
  'marketing-sourced-pipeline', 'marketing-sourced-revenue',
]);

/**
 * The roles GET /metrics, GET /metrics/:name and POST /metrics/batch admit: every role. Which
 * metrics a role gets is decided per metric below, in computeMetric, for all three alike.
 */
export const METRIC_READ_ROLES: readonly Role[] = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'];

/** Why a metric is not computed for a team: what it reads that has no owner. */
const COMPANY_ONLY_REASONS: Record<MetricBasis, string> = {
  subscriptions: 'is computed from subscriptions (MRR), which carry no owner',
  // Only pipeline-coverage of the opportunity metrics is refused (see METRIC_REASONS).
  opportunities: 'reads records without an owner',
  leads: 'reads records without an owner',
  spend: 'is computed from sales and marketing spend, which has no owner',
  tickets: 'is computed from support tickets and the MRR customers of the whole company',
  usage: 'is computed from the seat usage of every customer',
  invoices: 'is a finance figure computed from invoices',
  payments: 'is a finance figure computed from payments',
  ledger: 'is a finance figure computed from the ledger',
  contracts: 'is a finance figure computed from contracts (subscriptions)',
};
const METRIC_REASONS: Readonly<Partial<Record<MetricName, string>>> = {
  'pipeline-coverage': 'divides by the sales targets, which are set for the company (or a segment, country or industry), not for a team',
};

/** The metric names and what they read, as the catalogue defines them. */
type Readable = { name: MetricName; basis: MetricBasis };

/** The actor's scope, resolved once per request (a batch asks for it once, not once per report). */
export function metricScope(ctx: Ctx): Promise<OwnerScope> {
  const { actor } = ctx;
  return memoInRequest(ctx, ['owner-scope', actor.kind, actor.id, actor.role, actor.teamId], () => ownerScope(ctx));
}

export function mayReadMetric(scope: OwnerScope, metric: Readable): boolean {
  return scope.kind === 'all' || TEAM_METRICS.has(metric.name);
}

/** 403 naming why: the figure could only be the company's, and this actor sees its team's records. */
export function assertMayReadMetric(ctx: Ctx, scope: OwnerScope, metric: Readable): void {
  if (mayReadMetric(scope, metric)) return;
  const reason = METRIC_REASONS[metric.name] ?? COMPANY_ONLY_REASONS[metric.basis];
  throw forbidden(
    `${metric.name} ${reason}, so it can only be reported for the whole company; the role ${ctx.actor.role} sees metrics over its team's opportunities and leads only (GET /api/v1/metrics lists them)`,
  );
}

/** What a team-scoped response says about itself, so a figure is never taken for the company's. */
export type ScopeNote = { kind: 'team'; ownerCount: number };

export function scopeNoteOf(scope: OwnerScope): ScopeNote | null {
  return scope.kind === 'all' ? null : { kind: 'team', ownerCount: scope.ownerUserIds.size };
}
