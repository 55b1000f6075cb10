import { LEDGER_ACCOUNTS } from '../ledger/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { contractPositions, type Unbilled } from './contract-positions.ts';
import { movementRows } from './flow-metrics.ts';
import { loadBillingDocuments, type BillingDocument } from './load-billing-documents.ts';
import { loadCashMovements } from './load-cash-movements.ts';
import { loadContracts } from './load-contracts.ts';
import { loadLedgerMovements } from './load-ledger-movements.ts';
import { getMrrStore, getMrrStoreAsOf } from './load-mrr-store.ts';
import { loadRevenuePostings } from './load-revenue-postings.ts';
import type { MetricResult, MovementContribution, MovementRow, SeriesPoint } from './metric-types.ts';
import { jsonMinor } from './money-figures.ts';
import { addDaysToDate } from './month-numbers.ts';
import type { Period } from './periods.ts';
import { bridgeMonths, buildMatrix } from './prepare-matrix.ts';
import { explainOf } from './record-groups.ts';
import type { ReportRequest } from './report-request.ts';

/** docs/metrics.md "Revenue bridge": the lines in the order they are reported. */
export const REVENUE_BRIDGE_LINES = {
  bookings: 'Σ per subscription: contracted at the period end − contracted at the previous period end (billing’s charge valuation, as backlog)',
  'backlog-change': 'backlog at the period end − backlog at the previous period end = bookings − billed-against-contracts',
  'billed-against-contracts': 'Σ per subscription: contract lines issued by the period end − by the previous period end',
  billings: 'Σ issued invoices excl. tax − Σ credit notes excl. tax, by issue date (as billings)',
  'billings-outside-contracts': 'billings − billed-against-contracts (usage, imported subscriptions, credit notes, voids)',
  'recognized-revenue': 'Σ (credit − debit) on 4000, 4100, 4200 by entry date (as recognized-revenue)',
  'deferred-revenue-change': 'Σ (credit − debit) on deferred revenue 2000 by entry date: billed in advance, not yet earned',
  'billings-less-recognized-other': 'billings − recognized-revenue − deferred-revenue-change, per document (manual entries, imported documents)',
  'cash-collected': 'Σ payments − refunds − chargebacks by their dates (as cash-collected)',
  'tax-billed': 'Σ tax of the billings’ documents (AR holds it, billings do not)',
  'ar-change': 'Σ (debit − credit) on accounts receivable 1100 by entry date: billed, not yet paid',
  'billings-less-cash-other': 'billings + tax-billed − cash-collected − ar-change, per document (unapplied cash and credit, write-offs)',
  'mrr-change': 'MRR at the period end − MRR at the previous period end (the MRR bridge: new + expansion + reactivation − contraction − churn)',
} as const;
export type RevenueBridgeLine = keyof typeof REVENUE_BRIDGE_LINES;

/** A record's share of a line; `documentId` (default: id) is what perDocument regroups by. */
type Part = { recordType: string; id: string; documentId?: string; documentType?: string; amountMinor: bigint; fields?: Record<string, string | number | null> };
type Sources = {
  documents: BillingDocument[]; revenue: Dated[]; cash: Dated[]; deferred: Dated[]; receivable: Dated[];
  positions: (date: string) => Unbilled[]; mrr: MovementRow[];
};
type Dated = { recordType: string; id: string; documentId?: string; documentType?: string; amountMinor: bigint; currency: string; date: string };

/** One point per period × currency × line; each line's explain lists records that sum to it exactly. */
export async function revenueBridgeMetric(ctx: Ctx, request: ReportRequest): Promise<MetricResult> {
  if (request.breakdown !== null) {
    const message = 'revenue-bridge has no breakdown (its ledger balances are per currency only)';
    throw new AppError('validation_failed', `querystring.segment: ${message}`, { fieldErrors: [{ field: 'querystring.segment', message }] });
  }
  const fromDate = request.periods[0]?.startDate ?? '';
  const toDate = request.periods[request.periods.length - 1]?.endDate ?? '';
  // With asOf (docs/metrics.md "As of"), every source as recorded by then, as in the metric of each line.
  const asOf = request.asOf ?? null;
  const contracts = await loadContracts(ctx, toDate, asOf);
  const mrrRequest = { ...request, reportingCurrency: null };
  const sources: Sources = {
    documents: await loadBillingDocuments(ctx, fromDate, toDate, asOf),
    revenue: (await loadRevenuePostings(ctx, fromDate, toDate, asOf)).filter((posting) => posting.operating),
    cash: (await loadCashMovements(ctx, fromDate, toDate, asOf)).map((m) => ({ ...m, documentId: m.paymentId, documentType: 'payment' })),
    deferred: (await loadLedgerMovements(ctx, LEDGER_ACCOUNTS.deferredRevenue, 'credit', fromDate, toDate, asOf)).map((m) => ({ ...m, documentId: m.sourceId, documentType: m.sourceType })),
    receivable: (await loadLedgerMovements(ctx, LEDGER_ACCOUNTS.accountsReceivable, 'debit', fromDate, toDate, asOf)).map((m) => ({ ...m, documentId: m.sourceId, documentType: m.sourceType })),
    positions: contractPositions(contracts, toDate),
    mrr: movementRows(buildMatrix(asOf === null ? await getMrrStore(ctx) : await getMrrStoreAsOf(ctx, asOf), bridgeMonths(mrrRequest), null, null), mrrRequest),
  };
  const currencies = [...new Set([...sources.documents, ...sources.revenue, ...sources.cash, ...sources.deferred, ...sources.receivable, ...contracts.map((c) => c.subject), ...sources.mrr]
    .map((record) => record.currency))].filter((currency) => request.reportingCurrency === null || currency === request.reportingCurrency).sort();
  const series = request.periods.flatMap((period) => {
    const lines = bridgeParts(sources, period);
    return currencies.flatMap((currency) => (Object.keys(REVENUE_BRIDGE_LINES) as RevenueBridgeLine[]).map((line) => pointOf(request, period, currency, line, lines[line](currency), sources)));
  });
  return { metric: 'revenue-bridge', unit: 'money', ...(request.reportingCurrency ? { currency: request.reportingCurrency } : {}), series };
}

function pointOf(request: ReportRequest, period: Period, currency: string, line: RevenueBridgeLine, parts: Part[], sources: Sources): SeriesPoint {
  const value = parts.reduce((sum, part) => sum + part.amountMinor, 0n);
  const mrr = line === 'mrr-change' ? sources.mrr.find((row) => row.period === period.key && row.currency === currency) : undefined;
  const bridge = mrr ? { mrrStartMinor: mrr.mrrStartMinor, newMinor: mrr.newMinor, expansionMinor: mrr.expansionMinor, reactivationMinor: mrr.reactivationMinor,
    contractionMinor: mrr.contractionMinor, churnMinor: mrr.churnMinor, mrrEndMinor: mrr.mrrEndMinor } : {};
  return {
    period: period.key, currency, line, value: jsonMinor(value), ...bridge,
    ...explainOf(request, period, {
      formula: REVENUE_BRIDGE_LINES[line],
      contributions: parts.map((part) => ({ recordType: part.recordType, id: part.id, ...part.fields, amountMinor: jsonMinor(part.amountMinor), currency })),
    }),
  };
}

/** Per line, the parts (records) of one currency in one period. */
function bridgeParts(sources: Sources, period: Period): Record<RevenueBridgeLine, (currency: string) => Part[]> {
  const inPeriod = <T extends { date: string; currency: string }>(records: readonly T[], currency: string) =>
    records.filter((r) => r.currency === currency && r.date >= period.startDate && r.date <= period.endDate);
  const startPositions = sources.positions(addDaysToDate(period.startDate, -1));
  const endPositions = sources.positions(period.endDate);
  const contractParts = (currency: string, valueOf: (position: Unbilled) => bigint, names: [string, string]): Part[] => {
    const start = new Map(startPositions.filter((p) => p.currency === currency).map((p) => [p.id, p]));
    return endPositions.filter((p) => p.currency === currency).flatMap((end) => {
      const before = start.get(end.id);
      const [from, to] = [before ? valueOf(before) : 0n, valueOf(end)];
      return to === from ? [] : [{ recordType: 'subscription', id: end.id, amountMinor: to - from, fields: { accountId: end.accountId, [names[0]]: jsonMinor(from), [names[1]]: jsonMinor(to) } }];
    });
  };
  const asParts = (records: readonly Dated[], sign: bigint, amountOf: (r: Dated) => bigint = (r) => r.amountMinor): Part[] =>
    records.map((r) => ({ recordType: r.recordType, id: r.id, documentId: r.documentId ?? r.id, documentType: r.documentType ?? r.recordType, amountMinor: sign * amountOf(r), fields: { date: r.date } }));
  const documents = (currency: string) => inPeriod(sources.documents, currency);
  const contracted = (c: string) => contractParts(c, (p) => p.contractedMinor, ['contractedStartMinor', 'contractedEndMinor']);
  const billedAgainst = (c: string) => contractParts(c, (p) => p.billedMinor, ['billedStartMinor', 'billedEndMinor']);
  const tax = (c: string) => asParts(documents(c), 1n, (d) => (d as BillingDocument).taxMinor);
  return {
    bookings: contracted,
    'backlog-change': (c) => contractParts(c, (p) => p.contractedMinor - p.billedMinor, ['backlogStartMinor', 'backlogEndMinor']),
    'billed-against-contracts': billedAgainst,
    billings: (c) => asParts(documents(c), 1n),
    'billings-outside-contracts': (c) => [...asParts(documents(c), 1n), ...billedAgainst(c).map((part) => ({ ...part, amountMinor: -part.amountMinor }))],
    'recognized-revenue': (c) => asParts(inPeriod(sources.revenue, c), 1n),
    'deferred-revenue-change': (c) => asParts(inPeriod(sources.deferred, c), 1n),
    'billings-less-recognized-other': (c) => perDocument([
      ['billedMinor', asParts(documents(c), 1n)], ['recognizedMinor', asParts(inPeriod(sources.revenue, c), -1n)], ['deferredMinor', asParts(inPeriod(sources.deferred, c), -1n)],
    ]),
    'cash-collected': (c) => asParts(inPeriod(sources.cash, c), 1n),
    'tax-billed': tax,
    'ar-change': (c) => asParts(inPeriod(sources.receivable, c), 1n),
    'billings-less-cash-other': (c) => perDocument([
      ['billedMinor', asParts(documents(c), 1n)], ['taxMinor', tax(c)], ['collectedMinor', asParts(inPeriod(sources.cash, c), -1n)], ['arMinor', asParts(inPeriod(sources.receivable, c), -1n)],
    ]),
    'mrr-change': (c) => mrrParts(sources.mrr.find((row) => row.period === period.key && row.currency === c)),
  };
}

/**
 * A difference line as the records behind it: every term regrouped by document id (invoice, credit
 * note, payment, journal entry), its share per term in `fields`; documents whose terms cancel
 * are left out. A regrouping of the same terms, so the parts still sum to the line exactly.
 */
function perDocument(terms: Array<[string, Part[]]>): Part[] {
  const byId = new Map<string, { recordType: string; amountMinor: bigint; fields: Record<string, number> }>();
  for (const [name, parts] of terms) {
    for (const part of parts) {
      const id = part.documentId ?? part.id;
      const entry = byId.get(id) ?? { recordType: part.documentType ?? part.recordType, amountMinor: 0n, fields: {} };
      entry.amountMinor += part.amountMinor;
      entry.fields[name] = (entry.fields[name] ?? 0) + jsonMinor(part.amountMinor);
      byId.set(id, entry);
    }
  }
  return [...byId.entries()].filter(([, entry]) => entry.amountMinor !== 0n).map(([id, entry]) => ({ recordType: entry.recordType, id, amountMinor: entry.amountMinor, fields: entry.fields }));
}

/** The MRR change as the customers behind it (explain of mrr-movements): end − start per customer. */
function mrrParts(row: MovementRow | undefined): Part[] {
  if (!row) return [];
  const customers = (row.explain?.contributions ?? []) as MovementContribution[];
  if (customers.length === 0 && row.mrrEndMinor !== row.mrrStartMinor) {
    return [{ recordType: 'mrr', id: row.period, amountMinor: BigInt(row.mrrEndMinor - row.mrrStartMinor), fields: { mrrStartMinor: row.mrrStartMinor, mrrEndMinor: row.mrrEndMinor } }];
  }
  return customers.filter((c) => c.endMinor !== c.startMinor).map((c) => ({
    recordType: 'account', id: c.accountId, amountMinor: BigInt(c.endMinor - c.startMinor), fields: { movement: c.movement, startMinor: c.startMinor, endMinor: c.endMinor },
  }));
}
