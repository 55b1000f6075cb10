import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createTicket, upsertSeats } from '../crm/index.ts';
import { computeMetric, type MetricQuery, type MetricResult } from './index.ts';
import type { RecordContribution } from './metric-types.ts';
import { seedSubscriptionExample } from './test-fixtures/worked-example.ts';

// docs/metrics.md "Success" worked example, on the subscription example's accounts.
describe('success metrics worked examples', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof seedSubscriptionExample>>;
  const metric = async (name: string, query: MetricQuery) => (await computeMetric(t.ctx, name, query)) as MetricResult;
  const pick = async (name: string, query: MetricQuery, fields: string[]) => (await metric(name, query)).series.map((p) => fields.map((f) => p[f]));
  beforeAll(async () => {
    t = await createTestContext();
    ids = await seedSubscriptionExample(t.ctx);
    const ticket = (accountId: string, subject: string, openedAt: string, closedAt: string | null, csat: number | null) =>
      createTicket(t.ctx, { accountId, subject, openedAt, closedAt, csat, status: closedAt ? 'solved' : 'open' });
    await ticket(ids.acme, 'T1', '2024-02-03T10:00:00Z', '2024-02-04T10:00:00Z', 5);
    await ticket(ids.acme, 'T2', '2024-02-10T10:00:00Z', '2024-02-12T10:00:00Z', 3);
    await ticket(ids.cobalt, 'T3', '2024-02-20T10:00:00Z', '2024-03-02T10:00:00Z', 4);
    await ticket(ids.delta, 'T4', '2024-02-25T10:00:00Z', null, null);
    await upsertSeats(t.ctx, ids.acme, [{ asOfDate: '2024-02-01', licensedSeats: 3, activeUsers: 1 }, { asOfDate: '2024-02-29', licensedSeats: 3, activeUsers: 3 }]);
    await upsertSeats(t.ctx, ids.cobalt, [{ asOfDate: '2024-02-15', licensedSeats: 1, activeUsers: 1 }]);
    await upsertSeats(t.ctx, ids.delta, [{ asOfDate: '2024-03-05', licensedSeats: 2, activeUsers: 1 }]);
  });
  afterAll(() => t.close());

  it('CSAT: share of 4–5 scores and the average, tickets by close date', async () => {
    expect(await pick('csat', { from: '2024-02', to: '2024-03' }, ['period', 'value', 'average', 'satisfied', 'responses'])).toEqual([
      ['2024-02', 0.5, 4, 1, 2], ['2024-03', 1, 4, 1, 1],
    ]);
  });

  it("adoption: each account's latest seat snapshot in the period", async () => {
    expect(await pick('adoption-rate', { from: '2024-02', to: '2024-03' }, ['period', 'value', 'activeUsers', 'licensedSeats', 'accounts'])).toEqual([
      ['2024-02', 1, 4, 4, 2], ['2024-03', 0.5, 1, 2, 1],
    ]);
    const [february] = (await metric('adoption-rate', { from: '2024-02', to: '2024-02', explain: true })).series;
    expect((february?.explain?.contributions as RecordContribution[]).map((c) => [c.id, c['asOfDate']]).sort()).toEqual([[ids.acme, '2024-02-29'], [ids.cobalt, '2024-02-15']].sort());
  });

  it('tickets per customer, overall and by segment', async () => {
    expect(await pick('tickets-per-account', { from: '2024-02', to: '2024-03' }, ['period', 'value', 'tickets', 'customers'])).toEqual([
      ['2024-02', 1, 4, 4], ['2024-03', 0, 0, 3],
    ]);
    expect(await pick('tickets-per-account', { from: '2024-02', to: '2024-02', segment: 'segment' }, ['segment', 'value', 'tickets', 'customers'])).toEqual([
      ['enterprise', 0, 0, 1], ['smb', 1.33, 4, 3],
    ]);
  });
});
