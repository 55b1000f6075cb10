import type { Ctx } from '../shared/context.ts';
import { divideRounded } from '../shared/money.ts';
import { customerOf, valueAt } from './explain-mrr.ts';
import { loadSeatSnapshots, loadTickets, type SeatSnapshot, type TicketRecord } from './load-success-records.ts';
import type { MetricResult, RecordContribution, SeriesPoint, Unit } from './metric-types.ts';
import { periodEndMonths, prepareMatrix } from './prepare-matrix.ts';
import { ratio } from './ratio.ts';
import { accountBreakdown, explainOf, groupRecords, pointBase, type RecordGroup } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

export const SUCCESS_METRICS = ['csat', 'adoption-rate', 'tickets-per-account'] as const;
export type SuccessMetric = (typeof SUCCESS_METRICS)[number];
export const SUCCESS_UNITS: Record<SuccessMetric, Unit> = { csat: 'ratio', 'adoption-rate': 'ratio', 'tickets-per-account': 'number' };
export const SUCCESS_FORMULAS: Record<SuccessMetric, string> = {
  csat: 'satisfied responses (CSAT 4 or 5) ÷ all CSAT responses, tickets by close date (open date when not closed); average = mean score, 2 decimals',
  'adoption-rate': "Σ active users ÷ Σ licensed seats, each account's latest seat snapshot dated in the period",
  'tickets-per-account': "tickets opened in the period ÷ customers (accounts with MRR > 0 on the period's last day), 2 decimals",
};

/** CSAT on the usual 1–5 scale: 4 and 5 are satisfied. */
const SATISFIED_FROM = 4;

export async function successMetric(ctx: Ctx, name: SuccessMetric, request: ReportRequest): Promise<MetricResult> {
  const segmentOf = accountBreakdown<TicketRecord | SeatSnapshot>(request, name);
  let series: SeriesPoint[];
  if (name === 'adoption-rate') {
    series = groupRecords(await loadSeatSnapshots(ctx, request.periods, request.asOf ?? null), request, (s) => s.asOfDate, segmentOf).map((g) => adoptionPoint(g, request));
  } else if (name === 'csat') {
    const rated = (await loadTickets(ctx, request.periods, request.asOf ?? null)).filter((t) => t.csat !== null);
    series = groupRecords(rated, request, (t) => t.closedDate ?? t.openedDate, segmentOf).map((g) => csatPoint(g, request));
  } else {
    series = await ticketsPerAccount(ctx, request, segmentOf);
  }
  return { metric: name, unit: SUCCESS_UNITS[name], series };
}

function csatPoint(group: RecordGroup<TicketRecord>, request: ReportRequest): SeriesPoint {
  const scores = group.records.map((t) => t.csat ?? 0);
  const satisfied = scores.filter((s) => s >= SATISFIED_FROM).length;
  const total = scores.reduce((a, b) => a + b, 0);
  const average = scores.length === 0 ? null : Number(divideRounded(BigInt(total) * 100n, BigInt(scores.length), 'half_even')) / 100;
  return { ...pointBase(group), value: ratio(satisfied, scores.length), average, satisfied, responses: scores.length,
    ...explainOf(request, group.period, { formula: SUCCESS_FORMULAS.csat, numerator: satisfied, denominator: scores.length, contributions: group.records.map(ticketContribution) }, { satisfiedFrom: SATISFIED_FROM }) };
}

function adoptionPoint(group: RecordGroup<SeatSnapshot>, request: ReportRequest): SeriesPoint {
  // Records are oldest first, so the last snapshot seen per account is its latest in the period.
  const latest = [...new Map(group.records.map((s) => [s.accountId, s])).values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  const active = latest.reduce((sum, s) => sum + s.activeUsers, 0);
  const licensed = latest.reduce((sum, s) => sum + s.licensedSeats, 0);
  const contributions: RecordContribution[] = latest.map((s) => ({ recordType: 'seat_snapshot', id: s.accountId, asOfDate: s.asOfDate, activeUsers: s.activeUsers, licensedSeats: s.licensedSeats }));
  return { ...pointBase(group), value: ratio(active, licensed), activeUsers: active, licensedSeats: licensed, accounts: latest.length,
    ...explainOf(request, group.period, { formula: SUCCESS_FORMULAS['adoption-rate'], numerator: active, denominator: licensed, contributions }) };
}

async function ticketsPerAccount(ctx: Ctx, request: ReportRequest, segmentOf: (t: TicketRecord) => string | null | undefined): Promise<SeriesPoint[]> {
  const tickets = await loadTickets(ctx, request.periods, request.asOf ?? null);
  // Counting customers needs no conversion, so the matrix is built without the reporting currency (and its rates).
  const prepared = await prepareMatrix(ctx, { ...request, reportingCurrency: null }, periodEndMonths(request));
  const groups = groupRecords(tickets, request, (t) => t.openedDate, segmentOf);
  const segments = [...new Set([...groups.map((g) => g.segment), ...prepared.shown.map((slice) => prepared.slices.keys[slice]?.segment)])]
    .sort((a, b) => ((a ?? '\uffff') < (b ?? '\uffff') ? -1 : (a ?? '\uffff') > (b ?? '\uffff') ? 1 : 0));
  return request.periods.flatMap((period, p) => segments.map((segment): SeriesPoint => {
    const opened = groups.find((g) => g.p === p && g.segment === segment)?.records ?? [];
    const customers = new Set<string>();
    for (let row = 0; row < prepared.matrix.rowCount; row += 1) {
      if (valueAt(prepared.matrix, row, p) > 0 && prepared.slices.keys[prepared.slices.ofRow[row] ?? 0]?.segment === segment) customers.add(customerOf(prepared, row).accountId);
    }
    const value = customers.size === 0 ? null : Number(divideRounded(BigInt(opened.length) * 100n, BigInt(customers.size), 'half_even')) / 100;
    return { ...pointBase({ period, segment }), value, tickets: opened.length, customers: customers.size,
      ...explainOf(request, period, { formula: SUCCESS_FORMULAS['tickets-per-account'], numerator: opened.length, denominator: customers.size, contributions: opened.map(ticketContribution) }) };
  }));
}

function ticketContribution(t: TicketRecord): RecordContribution {
  return { recordType: 'ticket', id: t.id, accountId: t.accountId, openedDate: t.openedDate, closedDate: t.closedDate, csat: t.csat };
}
