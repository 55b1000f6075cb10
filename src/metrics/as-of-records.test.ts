import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import * as crmHistory from '../../migrations/202612081300_create_crm_row_history.ts';
import {
  createAccount, createOpportunity, createTicket, deleteLead, getCampaign, getLead, getOpportunity, listStageHistory, recordStageHistory, updateCampaign, updateOpportunity,
  updateTicket, upsertSeats,
} from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { computeMetric, METRICS, type MetricQuery, type MetricResult, type MovementRow } from './index.ts';
import { importSpendCsv } from './import-plan-data.ts';
import type { SeriesPoint } from './metric-types.ts';
import { seedLeadExample } from './test-fixtures/lead-example.ts';
import { EXAMPLE_SPEND_CSV, seedMarketingExample } from './test-fixtures/marketing-example.ts';
import { seedPipelineExample } from './test-fixtures/pipeline-example.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

type Computed = MetricResult | MovementRow[];
const HALF_YEAR = { from: '2024-01', to: '2024-06' };
/** Everything below is recorded by this instant; the corrections after it. */
const REPORTED_AT = '2024-04-20T00:00:00Z';

// The figure as reported: without the restatement fields and without the series that exist only now.
function reportedOnly(result: Computed): unknown {
  if (Array.isArray(result)) return result.filter((row) => row.restatedOnly === undefined).map(({ restated: _r, restatementMinor: _m, ...row }) => row);
  return { ...result, series: result.series.filter((p) => p.restatedOnly === undefined).map(({ restatedValue: _r, restatement: _s, ...point }) => point) };
}
const identity = (p: SeriesPoint) => JSON.stringify([p.period, p.segment ?? null, p.currency ?? null, p['stage'] ?? null, p['bucket'] ?? null, p['line'] ?? null]);

/**
 * docs/metrics.md "As of" for the metrics beyond the MRR family and the finance records: the
 * opportunities, stage history, leads, campaigns, spend, tickets and seats as they stood then, the
 * restatement by later corrections beside them. One book with every family's worked example.
 */
describe('asOf on every metric of the catalogue', () => {
  let t: TestContext;
  let pipeline: Record<string, string>;
  let leads: Record<string, string>;
  let marketing: { webinarId: string; dealId: string };
  let tickets: Record<string, string>;
  let acme: string;
  const compute = (name: string, query: MetricQuery): Promise<Computed> => computeMetric(t.ctx, name, query);
  const series = async (name: string, query: MetricQuery) => ((await compute(name, query)) as MetricResult).series;

  beforeAll(async () => {
    t = await createTestContext({ start: '2024-01-01T08:00:00Z' });
    const accounts = await seedSubscriptionExample(t.ctx);
    acme = accounts.acme;
    marketing = await seedMarketingExample(t.ctx, t.clock);
    leads = await seedLeadExample(t.ctx, t.clock);
    t.clock.set('2024-04-15T09:00:00Z');
    pipeline = await seedPipelineExample(t.ctx);
    t.clock.set('2024-04-16T09:00:00Z');
    const ticket = async (accountId: string, subject: string, openedAt: string, closedAt: string | null, csat: number | null) =>
      (await createTicket(t.ctx, { accountId, subject, openedAt, closedAt, csat, status: closedAt ? 'solved' : 'open' })).id;
    tickets = {
      T1: await ticket(accounts.acme, 'T1', '2024-02-03T10:00:00Z', '2024-02-04T10:00:00Z', 5),
      T2: await ticket(accounts.acme, 'T2', '2024-02-10T10:00:00Z', '2024-02-12T10:00:00Z', 3),
      T3: await ticket(accounts.cobalt, 'T3', '2024-02-20T10:00:00Z', '2024-03-02T10:00:00Z', 4),
    };
    await upsertSeats(t.ctx, accounts.acme, [{ asOfDate: '2024-02-01', licensedSeats: 3, activeUsers: 1 }, { asOfDate: '2024-02-29', licensedSeats: 3, activeUsers: 3 }]);
    await upsertSeats(t.ctx, accounts.cobalt, [{ asOfDate: '2024-02-15', licensedSeats: 1, activeUsers: 1 }]);
    t.clock.set('2024-04-21T09:00:00Z');
  });
  afterAll(() => t.close());

  it('as of an instant with no later changes equals the current figure, for every metric in the catalogue', async () => {
    const check = async (name: string, query: MetricQuery) => {
      const now = await compute(name, query).catch((error: unknown) => error);
      const asOf = await compute(name, { ...query, asOf: REPORTED_AT }).catch((error: unknown) => error);
      if (now instanceof AppError) {
        // A query the metric refuses is refused the same way with asOf.
        expect(asOf, `${name} ${JSON.stringify(query)}`).toMatchObject({ code: now.code, fieldErrors: now.fieldErrors });
        return;
      }
      if (now instanceof Error) throw now;
      if (asOf instanceof Error) throw asOf;
      expect(reportedOnly(asOf as Computed), `${name} ${JSON.stringify(query)}`).toEqual(reportedOnly(now as Computed));
      if (Array.isArray(asOf)) {
        expect(asOf.map((row) => row.restatementMinor), name).toEqual(asOf.map(() => 0));
        return;
      }
      for (const point of (asOf as MetricResult).series) {
        expect(point.restatedOnly, name).toBeUndefined();
        expect(point.restatedValue, name).toEqual(point.value);
        expect(point.restatement, name).toBe(point.value === null ? null : 0);
      }
    };
    // Every metric once, by month, with and without its first breakdown…
    for (const metric of METRICS) {
      await check(metric.name, HALF_YEAR);
      const [breakdown] = metric.breakdowns;
      if (breakdown) await check(metric.name, { ...HALF_YEAR, segment: breakdown });
    }
    // …and random metrics, intervals and breakdowns.
    const query = fc.constantFrom(...METRICS).chain((metric) => fc.record({
      name: fc.constant(metric.name),
      interval: fc.constantFrom(...metric.intervals.filter((interval) => interval !== 'day' && interval !== 'year')),
      segment: fc.constantFrom(undefined, ...metric.breakdowns),
    }));
    await fc.assert(fc.asyncProperty(query, async ({ name, interval, segment }) => {
      await check(name, { ...HALF_YEAR, interval, ...(segment ? { segment } : {}) });
    }), { numRuns: 40 });
  });

  /**
   * Each metric as of REPORTED_AT after `change`: exactly the figure as of REPORTED_AT before it
   * (as reported), each point's restatedValue the figure now, and the change visible as a restatement.
   */
  async function expectRestatedAfter(queries: ReadonlyArray<[string, MetricQuery]>, change: () => Promise<void>): Promise<SeriesPoint[][]> {
    const before = await Promise.all(queries.map(async ([name, query]) => reportedOnly(await compute(name, { ...query, asOf: REPORTED_AT }))));
    await change();
    const results: SeriesPoint[][] = [];
    for (const [i, [name, query]] of queries.entries()) {
      const asOf = (await compute(name, { ...query, asOf: REPORTED_AT })) as MetricResult;
      const now = new Map((await series(name, query)).map((p) => [identity(p), p.value]));
      expect(reportedOnly(asOf), name).toEqual(before[i]);
      for (const point of asOf.series) expect(point.restatedValue, `${name} ${identity(point)}`).toEqual(now.get(identity(point)) ?? null);
      expect(asOf.series.some((p) => p.restatedOnly === true || p.restatedValue !== p.value), `${name}: no restatement`).toBe(true);
      results.push(asOf.series);
    }
    return results;
  }
  const pointOf = (points: SeriesPoint[] | undefined, period: string, extra: Record<string, unknown> = {}) =>
    points?.find((p) => p.period === period && p.restatedOnly === undefined && Object.entries(extra).every(([k, v]) => p[k] === v));

  it('opportunities: an amount corrected after asOf leaves bookings and pipeline as reported and shows the restatement', async () => {
    const [bookings, pipelineValue] = await expectRestatedAfter([
      ['bookings', HALF_YEAR], ['pipeline-value', HALF_YEAR], ['average-deal-size', { ...HALF_YEAR, segment: 'segment' }],
      ['pipeline-velocity', HALF_YEAR], ['marketing-sourced-revenue', HALF_YEAR],
    ], async () => {
      const won = await getOpportunity(t.ctx, pipeline['O2'] ?? '');
      await updateOpportunity(t.ctx, { id: won.id, expectedVersion: won.version, changes: { amount: { amountMinor: 700_000, currency: 'USD' } } });
      const open = await getOpportunity(t.ctx, pipeline['P2'] ?? '');
      await updateOpportunity(t.ctx, { id: open.id, expectedVersion: open.version, changes: { amount: { amountMinor: 450_000, currency: 'USD' } } });
      const sourced = await getOpportunity(t.ctx, marketing.dealId);
      await updateOpportunity(t.ctx, { id: sourced.id, expectedVersion: sourced.version, changes: { amount: { amountMinor: 150_000, currency: 'USD' } } });
    });
    // O2 (won 15 March) 500.00 → 700.00 and the webinar deal (won 10 March) 1,000.00 → 1,500.00.
    expect(pointOf(bookings, '2024-03')?.restatement).toBe(250_000);
    expect(pointOf(bookings, '2024-02')?.restatement).toBe(0);
    // P2 is open from 20 March: its current stay carries the opportunity's amount, as it stood then.
    expect(pointOf(pipelineValue, '2024-03')?.restatement).toBe(50_000);
    expect(pointOf(pipelineValue, '2024-02')?.restatement).toBe(0);
  });

  it('stage history: a stage change and a re-imported history after asOf are restatements', async () => {
    const [conversion, , value] = await expectRestatedAfter([
      ['stage-conversion-rate', HALF_YEAR], ['time-in-stage', HALF_YEAR], ['pipeline-value', HALF_YEAR],
    ], async () => {
      // P1 leaves proposal (entered 5 March) for negotiation on 21 April: it advanced.
      const p1 = await getOpportunity(t.ctx, pipeline['P1'] ?? '');
      await updateOpportunity(t.ctx, { id: p1.id, expectedVersion: p1.version, changes: { stage: 'negotiation' } });
      // P3's history re-imported on 22 April: in discovery since 20 March, not 10 April.
      t.clock.set('2024-04-22T09:00:00Z');
      await recordStageHistory(t.ctx, pipeline['P3'] ?? '', [{ stage: 'discovery', enteredAt: '2024-03-20T09:00:00Z', leftAt: null }]);
    });
    expect(pointOf(conversion, '2024-03', { stage: 'proposal' })).toMatchObject({ value: 0, restatedValue: 1, restatement: 1 });
    // As reported P3 was not open at the end of March; as restated it was (600.00), beside P2's +50.00 above.
    expect(pointOf(value, '2024-03')?.restatement).toBe(600_000 + 50_000);
    expect((await listStageHistory(t.ctx, pipeline['P3'] ?? '')).map((e) => e.enteredAt)).toEqual(['2024-03-20T09:00:00.000Z']);
  });

  it('leads: a lead deleted after asOf still counts as reported, and its removal is the restatement', async () => {
    const [created] = await expectRestatedAfter([['new-leads', HALF_YEAR], ['leads-by-stage', HALF_YEAR], ['lead-conversion', HALF_YEAR], ['cost-per-lead', HALF_YEAR]], async () => {
      const lead = await getLead(t.ctx, leads['L4'] ?? '');
      await deleteLead(t.ctx, { id: lead.id, expectedVersion: lead.version });
    });
    // L4 was created on 20 January.
    expect(pointOf(created, '2024-01')?.restatement).toBe(-1);
  });

  it('spend and campaigns: a re-imported spend line and a corrected campaign cost after asOf are restatements', async () => {
    const [spend, roi] = await expectRestatedAfter([['sales-marketing-spend', HALF_YEAR], ['campaign-roi', HALF_YEAR], ['cac', HALF_YEAR]], async () => {
      await importSpendCsv(t.ctx, EXAMPLE_SPEND_CSV.replace('2024-01,marketing,ads,300.00,USD', '2024-01,marketing,ads,350.00,USD'));
      const webinar = await getCampaign(t.ctx, marketing.webinarId);
      await updateCampaign(t.ctx, { id: webinar.id, expectedVersion: webinar.version, changes: { actualCost: { amountMinor: 41_000, currency: 'USD' } } });
    });
    expect(pointOf(spend, '2024-01')?.restatement).toBe(5_000);
    expect(pointOf(roi, '2024-02')?.restatement).not.toBe(0);
  });

  it('tickets and seats: a CSAT and a seat count corrected after asOf are restatements', async () => {
    const [csat, adoption] = await expectRestatedAfter([['csat', HALF_YEAR], ['adoption-rate', HALF_YEAR]], async () => {
      const ticket = await sql<{ version: number }>`select version from support_tickets where id = ${tickets['T2']}`.execute(t.ctx.db);
      await updateTicket(t.ctx, { id: tickets['T2'] ?? '', expectedVersion: ticket.rows[0]?.version ?? 0, changes: { csat: 5 } });
      await upsertSeats(t.ctx, acme, [{ asOfDate: '2024-02-29', licensedSeats: 3, activeUsers: 2 }]);
    });
    expect(pointOf(csat, '2024-02')).toMatchObject({ value: 0.5, restatedValue: 1, restatement: 0.5 });
    expect(pointOf(adoption, '2024-02')).toMatchObject({ value: 1, restatedValue: 0.75, restatement: -0.25 });
  });
});

// docs/metrics.md "As of", history start: rows changed before the history was kept.
describe('asOf before the history start', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2024-01-10T09:00:00Z' });
    // A database with opportunities written before migration 202612081300: take it out, write, put it back.
    await crmHistory.down(t.ctx.db as unknown as Kysely<unknown>);
    const accountId = (await createAccount(t.ctx, { name: 'Before', currency: 'USD' })).id;
    const deal = await createOpportunity(t.ctx, { accountId, name: 'D1', amount: { amountMinor: 100_000, currency: 'USD' }, stage: 'prospecting', closeDate: '2024-03-31' });
    t.clock.set('2024-02-10T09:00:00Z');
    await updateOpportunity(t.ctx, { id: deal.id, expectedVersion: deal.version, changes: { stage: 'closed_won' } });
    await crmHistory.up(t.ctx.db as unknown as Kysely<unknown>);
  });
  afterAll(() => t.close());

  it('refuses asOf before the instant from which the history is complete, naming querystring.asOf; answers from it on', async () => {
    const starts = await sql<{ table_name: string; complete_from: Date | null }>`select table_name, complete_from from row_history_starts where complete_from is not null`.execute(t.ctx.db);
    expect(starts.rows.map((r) => [r.table_name, new Date(r.complete_from ?? 0).toISOString()]).sort()).toEqual([
      ['opportunities', '2024-02-10T09:00:00.000Z'], ['opportunity_stage_history', '2024-02-10T09:00:00.000Z'],
    ]);
    const error = await computeMetric(t.ctx, 'win-rate', { from: '2024-01', to: '2024-03', asOf: '2024-02-01T00:00:00Z' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual([{ field: 'querystring.asOf', message: expect.stringContaining('2024-02-10T09:00:00.000Z') }]);
    // The MRR family reads none of these tables: its history is complete.
    await expect(computeMetric(t.ctx, 'mrr', { from: '2024-01', to: '2024-03', asOf: '2024-02-01T00:00:00Z' })).resolves.toBeDefined();
    const from = (await computeMetric(t.ctx, 'bookings', { from: '2024-03', to: '2024-03', asOf: '2024-02-10T09:00:00Z' })) as MetricResult;
    expect(from.series).toEqual([{ period: '2024-03', currency: 'USD', value: 100_000, count: 1, restatedValue: 100_000, restatement: 0 }]);
  });
});
