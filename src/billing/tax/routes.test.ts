import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { createBillingTestApp } from '../test-fixtures/billing-test-app.ts';

describe('tax settings routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createBillingTestApp();
  });
  afterAll(() => t.close());

  it('GET answers what the last PUT stored (nothing stored yet: no seller country, tax-exclusive)', async () => {
    const get = () => t.request('finance', { method: 'GET', url: '/api/v1/billing/tax-settings' });
    const before = await get();
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ sellerCountry: null, pricesIncludeTax: false });
    const put = await t.request('admin', { method: 'PUT', url: '/api/v1/billing/tax-settings', payload: { sellerCountry: 'DE', pricesIncludeTax: true } });
    expect(put.statusCode).toBe(200);
    expect((await get()).json()).toEqual({ sellerCountry: 'DE', pricesIncludeTax: true });
    await t.request('finance', { method: 'PUT', url: '/api/v1/billing/tax-settings', payload: { sellerCountry: 'IT', pricesIncludeTax: false } });
    expect((await get()).json()).toEqual({ sellerCountry: 'IT', pricesIncludeTax: false });
  });

  it('is for admin and finance only', async () => {
    const response = await t.request('sales_rep', { method: 'GET', url: '/api/v1/billing/tax-settings' });
    expect(response.statusCode).toBe(403);
  });
});
