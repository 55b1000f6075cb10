import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { createBillingTestApp } from '../test-fixtures/billing-test-app.ts';

describe('cut-over routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createBillingTestApp();
  });
  afterAll(() => t.close());

  it('reads and sets the cut-over; a bad date is a problem+json naming body.date; viewers cannot set it', async () => {
    const get = () => t.request('viewer', { method: 'GET', url: '/api/v1/billing/cut-over' });
    expect((await get()).json()).toEqual({ date: null, openingPosted: false });
    const noCutOver = await t.request('finance', { method: 'POST', url: '/api/v1/billing/cut-over/opening-balances' });
    expect(noCutOver.statusCode).toBe(422);

    const bad = await t.request('finance', { method: 'PUT', url: '/api/v1/billing/cut-over', payload: { date: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.date' })]);
    expect((await t.request('viewer', { method: 'PUT', url: '/api/v1/billing/cut-over', payload: { date: '2026-01-01' } })).statusCode).toBe(403);

    const put = await t.request('admin', { method: 'PUT', url: '/api/v1/billing/cut-over', payload: { date: '2026-01-01' } });
    expect(put.statusCode).toBe(200);
    expect((await get()).json()).toEqual({ date: '2026-01-01', openingPosted: false });
    const opening = await t.request('finance', { method: 'POST', url: '/api/v1/billing/cut-over/opening-balances' });
    expect(opening.statusCode).toBe(200);
    expect(opening.json()).toEqual({ cutOverDate: '2026-01-01', entries: [] });
  });
});
