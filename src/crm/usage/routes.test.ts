import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { createRevenueTestApp, expectProblem, fieldsOf } from '../opportunities/test-fixtures/revenue-test-app.ts';

describe('usage and adoption routes', () => {
  let t: TestApp;
  let url = '';
  beforeAll(async () => {
    t = await createRevenueTestApp();
    url = `/api/v1/accounts/${(await createAccount(t.ctx, makeAccountInput())).id}`;
  });
  afterAll(() => t.close());

  it('upserts usage idempotently and reads it summed per month', async () => {
    const rows = [{ usageDate: '2026-01-31', featureKey: 'dashboards', count: 5 }, { usageDate: '2026-02-01', featureKey: 'dashboards', count: 7 }];
    expect((await t.request('success', { method: 'POST', url: `${url}/usage`, payload: { rows } })).json()).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect((await t.request('success', { method: 'POST', url: `${url}/usage`, payload: { rows } })).json()).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const months = await t.request('sales_rep', { method: 'GET', url: `${url}/usage?startDate=2026-01-01&endDate=2026-03-01&granularity=month` });
    expect(months.statusCode).toBe(404);
    const read = (await t.request('viewer', { method: 'GET', url: `${url}/usage?startDate=2026-01-01&endDate=2026-03-01&granularity=month` })).json() as { data: unknown[] };
    expect(read.data).toEqual([{ periodStartDate: '2026-01-01', featureKey: 'dashboards', count: 5 }, { periodStartDate: '2026-02-01', featureKey: 'dashboards', count: 7 }]);
    expect(fieldsOf(expectProblem(await t.request('success', { method: 'POST', url: `${url}/usage`, payload: { rows: [{ usageDate: '2026-01-01', featureKey: 'x', count: -3 }] } }), 400, 'validation_failed')))
      .toEqual(['body.rows.0.count']);
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: `${url}/usage?startDate=2026-01-01` }), 400, 'validation_failed'))).toEqual(['querystring.endDate']);
    expectProblem(await t.request('success', { method: 'POST', url: '/api/v1/accounts/acct_missing/usage', payload: { rows } }), 404, 'not_found');
  });

  it('names a query date that is no day, rather than failing the range check without a field', async () => {
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: `${url}/usage?startDate=2026-02-30&endDate=2026-03-01` }), 400, 'validation_failed'))).toEqual(['querystring.startDate']);
    expect(fieldsOf(expectProblem(await t.request('viewer', { method: 'GET', url: `${url}/usage?startDate=2026-01-01&endDate=yesterday` }), 400, 'validation_failed'))).toEqual(['querystring.endDate']);
  });

  it('stores seat snapshots and reports adoption on a date', async () => {
    const snapshots = [{ asOfDate: '2026-01-01', licensedSeats: 30, activeUsers: 10 }];
    expect((await t.request('revops', { method: 'POST', url: `${url}/seats`, payload: { snapshots } })).json()).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const adoption = (await t.request('viewer', { method: 'GET', url: `${url}/adoption` })).json();
    expect(adoption).toEqual({
      asOfDate: '2026-01-15',
      snapshot: { accountId: url.split('/').pop(), asOfDate: '2026-01-01', licensedSeats: 30, activeUsers: 10, adoptionRate: { numerator: 10, denominator: 30, percent: '33.33' } },
    });
    expect((await t.request('viewer', { method: 'GET', url: `${url}/adoption?asOfDate=2025-12-31` })).json()).toMatchObject({ snapshot: null });
    expectProblem(await t.request('sales_manager', { method: 'POST', url: `${url}/seats`, payload: { snapshots } }), 403, 'forbidden');
  });
});
