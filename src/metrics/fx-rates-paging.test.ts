import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createMetricsTestApp } from './test-fixtures/metrics-test-app.ts';

type RatePage = { data: { base: string; quote: string; rateDate: string }[]; nextCursor: string | null };

describe('GET /fx-rates keyset paging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createMetricsTestApp();
    // 3 days × 3 quote currencies (9 rates); plus one USD-based rate on the middle day, so one date holds two bases.
    const csv = 'Date,USD,JPY,GBP\n2026-01-02,1.10,160.1,0.85\n2026-01-05,1.11,160.2,0.86\n2026-01-06,1.12,160.3,0.87\n';
    expect((await t.request('finance', { method: 'POST', url: '/api/v1/fx-rates/import', payload: { csv } })).statusCode).toBe(200);
    const usd = await t.request('finance', { method: 'POST', url: '/api/v1/fx-rates/import', payload: { csv: 'Date,CHF\n2026-01-05,0.9\n', base: 'USD' } });
    expect(usd.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const get = async (query: string) => {
    const response = await t.request('viewer', { method: 'GET', url: `/api/v1/fx-rates?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as RatePage;
  };
  const key = (rate: RatePage['data'][number]) => `${rate.rateDate} ${rate.base}/${rate.quote}`;

  it('walks every rate once, newest date first then by pair, in pages of the asked size', async () => {
    const all = await get('limit=100');
    expect(all.nextCursor).toBeNull();
    expect(all.data.map(key)).toEqual([
      '2026-01-06 EUR/GBP', '2026-01-06 EUR/JPY', '2026-01-06 EUR/USD',
      '2026-01-05 EUR/GBP', '2026-01-05 EUR/JPY', '2026-01-05 EUR/USD', '2026-01-05 USD/CHF',
      '2026-01-02 EUR/GBP', '2026-01-02 EUR/JPY', '2026-01-02 EUR/USD',
    ]);
    const walked: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await get(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.data.map(key));
      sizes.push(page.data.length);
      cursor = page.nextCursor;
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(walked).toEqual(all.data.map(key));
  });

  it('keeps the filters across pages and rejects a cursor it did not make', async () => {
    const first = await get('quote=USD&limit=2');
    expect(first.data.map(key)).toEqual(['2026-01-06 EUR/USD', '2026-01-05 EUR/USD']);
    const second = await get(`quote=USD&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second).toEqual({ data: [expect.objectContaining({ rateDate: '2026-01-02', base: 'EUR', quote: 'USD' })], nextCursor: null });
    const forged = Buffer.from(JSON.stringify([42, 'EURUSD'])).toString('base64url');
    const bad = await t.request('viewer', { method: 'GET', url: `/api/v1/fx-rates?cursor=${forged}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'querystring.cursor' }] });
    // A date that is no day (PostgreSQL: 22008) is refused before the query, as the cursor.
    const noDay = Buffer.from(JSON.stringify(['2026-02-30', 'EURUSD'])).toString('base64url');
    const refused = await t.request('viewer', { method: 'GET', url: `/api/v1/fx-rates?cursor=${noDay}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'querystring.cursor' }] });
  });

  it('refuses a filter date that is no day as a 400 naming it, not a 500 from the database', async () => {
    for (const [field, value] of [['fromDate', '2026-02-30'], ['toDate', '2026-13-01']] as const) {
      const response = await t.request('viewer', { method: 'GET', url: `/api/v1/fx-rates?${field}=${value}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: `querystring.${field}` })] });
    }
  });
});
