import type { Ctx } from '../shared/context.ts';
import { loadFunnelLeads, type FunnelLead } from './load-leads.ts';
import type { MetricResult, RecordContribution, SeriesPoint, Unit } from './metric-types.ts';
import { addDaysToDate } from './month-numbers.ts';
import { ratio } from './ratio.ts';
import { allowedBreakdown, explainOf, groupRecords, pointBase, type RecordGroup } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const LEAD_METRICS = ['new-leads', 'mqls', 'sqls', 'leads-by-stage', 'lead-conversion'] as const;
export type LeadMetric = (typeof LEAD_METRICS)[number];
export const LEAD_UNITS: Record<LeadMetric, Unit> = { 'new-leads': 'count', mqls: 'count', sqls: 'count', 'leads-by-stage': 'ratio', 'lead-conversion': 'ratio' };
export const LEAD_FORMULAS: Record<LeadMetric, string> = {
  'new-leads': 'leads created in the period',
  mqls: 'leads that became marketing-qualified (mql_at) in the period',
  sqls: 'leads that became sales-qualified (sql_at) in the period',
  'leads-by-stage': "per lifecycle stage: leads in it at the end of the period's last day ÷ all leads created by then (stage = the latest stage reached by then)",
  'lead-conversion': 'leads created in the period (cohort) that reached MQL, SQL, an opportunity, a won opportunity (by now); value = won ÷ leads',
};

const STAGES = ['new', 'mql', 'sql', 'converted', 'disqualified'] as const;
type Stage = (typeof STAGES)[number];
const isoDate = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : null);

export async function leadMetric(ctx: Ctx, name: LeadMetric, request: ReportRequest): Promise<MetricResult> {
  // Leads have no account until converted: country (the lead's own) and the lead's owner are their breakdowns.
  const breakdown = allowedBreakdown(request, name, ['country', 'owner']);
  const valueOf = (lead: FunnelLead) => (breakdown === null ? undefined : breakdown === 'owner' ? lead.ownerUserId : lead.country);
  const last = request.periods[request.periods.length - 1];
  const leads = last ? await loadFunnelLeads(ctx, new Date(`${addDaysToDate(last.endDate, 1)}T00:00:00Z`), request.asOf ?? null, request.ownerScope) : [];
  const dateOf: Record<Exclude<LeadMetric, 'leads-by-stage'>, (lead: FunnelLead) => string | null> = {
    'new-leads': (l) => isoDate(l.createdAt), mqls: (l) => isoDate(l.mqlAt), sqls: (l) => isoDate(l.sqlAt), 'lead-conversion': (l) => isoDate(l.createdAt),
  };
  if (name === 'leads-by-stage') return { metric: name, unit: 'ratio', series: stageShares(leads, request, valueOf) };
  const series = groupRecords(leads, request, dateOf[name], valueOf).map((group): SeriesPoint => {
    if (name === 'lead-conversion') return conversionPoint(group, request);
    const contributions = group.records.map((lead) => leadContribution(lead));
    return { ...pointBase(group), value: group.records.length, ...explainOf(request, group.period, { formula: LEAD_FORMULAS[name], contributions }) };
  });
  return { metric: name, unit: LEAD_UNITS[name], series };
}

/** Funnel steps are cumulative: a lead that reached a later stage passed the earlier ones (a lead converted straight from new counts as MQL and SQL). */
function conversionPoint(group: RecordGroup<FunnelLead>, request: ReportRequest): SeriesPoint {
  const leads = group.records;
  const mql = leads.filter((l) => l.mqlAt || l.sqlAt || l.convertedAt);
  const sql = leads.filter((l) => l.sqlAt || l.convertedAt);
  const opportunities = leads.filter((l) => l.opportunityId);
  const won = leads.filter((l) => l.opportunityWon);
  return {
    ...pointBase(group), value: ratio(won.length, leads.length),
    leads: leads.length, mqls: mql.length, sqls: sql.length, opportunities: opportunities.length, won: won.length,
    leadToMql: ratio(mql.length, leads.length), mqlToSql: ratio(sql.length, mql.length), sqlToOpportunity: ratio(opportunities.length, sql.length), opportunityToWon: ratio(won.length, opportunities.length),
    ...explainOf(request, group.period, { formula: LEAD_FORMULAS['lead-conversion'], numerator: won.length, denominator: leads.length, contributions: leads.map((l) => leadContribution(l)) }, { timeBasis: 'created_at' }),
  };
}

function stageShares(leads: readonly FunnelLead[], request: ReportRequest, valueOf: (lead: FunnelLead) => string | null | undefined): SeriesPoint[] {
  return request.periods.flatMap((period) => {
    const end = new Date(`${addDaysToDate(period.endDate, 1)}T00:00:00Z`);
    const existing = leads.filter((lead) => lead.createdAt < end);
    const values = [...new Set(leads.map(valueOf))].sort((a, b) => ((a ?? '\uffff') < (b ?? '\uffff') ? -1 : 1));
    return (values.length === 0 ? [undefined] : values).flatMap((segment) => {
      const inSlice = existing.filter((lead) => valueOf(lead) === segment);
      return STAGES.map((stage): SeriesPoint => {
        const inStage = inSlice.filter((lead) => stageAt(lead, end) === stage);
        return {
          ...pointBase({ period, segment }), stage, value: ratio(inStage.length, inSlice.length), count: inStage.length, total: inSlice.length,
          ...explainOf(request, period, { formula: LEAD_FORMULAS['leads-by-stage'], numerator: inStage.length, denominator: inSlice.length, contributions: inStage.map((l) => leadContribution(l, stage)) }, { snapshotDate: isoDate(new Date(end.getTime() - 1)) }),
        };
      });
    });
  });
}

/** The stage whose (first-entry) timestamp is the latest before `end`; none means still new. */
function stageAt(lead: FunnelLead, end: Date): Stage {
  const reached: Array<[Stage, Date | null]> = [['mql', lead.mqlAt], ['sql', lead.sqlAt], ['converted', lead.convertedAt], ['disqualified', lead.disqualifiedAt]];
  let stage: Stage = 'new';
  let latest = -Infinity;
  for (const [candidate, at] of reached) {
    if (at && at < end && at.getTime() >= latest) [stage, latest] = [candidate, at.getTime()];
  }
  return stage;
}

function leadContribution(lead: FunnelLead, stage?: Stage): RecordContribution {
  return {
    recordType: 'lead', id: lead.id, country: lead.country, createdAt: lead.createdAt.toISOString(), mqlAt: lead.mqlAt?.toISOString() ?? null,
    sqlAt: lead.sqlAt?.toISOString() ?? null, opportunityId: lead.opportunityId, won: lead.opportunityWon, ...(stage ? { stage } : {}),
  };
}
