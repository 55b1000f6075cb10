import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { ROLES } from '../shared/access.ts';

const URL = '/api/v1/settings/reporting-currency';

// The company reporting currency (docs/metrics.md "Reporting currency"): everyone reads it,
// admin and finance change it, every change is audited with before and after.
describe('company reporting currency API', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());

  const history = async () => {
    const response = await t.request('admin', { method: 'GET', url: '/api/v1/audit?entityType=reporting_settings' });
    expect(response.statusCode).toBe(200);
    return (response.json() as { data: Array<{ action: string; actor: { id: string }; before: unknown; after: unknown }> }).data;
  };

  it('is null (per currency) until set, for every signed-in role; anonymous callers are refused', async () => {
    for (const role of ROLES) {
      const response = await t.request(role, { method: 'GET', url: URL });
      expect(response.statusCode, role).toBe(200);
      expect(response.json()).toEqual({ reportingCurrency: null });
    }
    expect((await t.request(null, { method: 'GET', url: URL })).statusCode).toBe(401);
  });

  it('is set by finance (code case-insensitive), changed and cleared by admin, each change audited before/after', async () => {
    const set = await t.request('finance', { method: 'PUT', url: URL, payload: { reportingCurrency: 'eur' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ reportingCurrency: 'EUR' });
    expect((await t.request('viewer', { method: 'GET', url: URL })).json()).toEqual({ reportingCurrency: 'EUR' });

    expect((await t.request('admin', { method: 'PUT', url: URL, payload: { reportingCurrency: 'USD' } })).json()).toEqual({ reportingCurrency: 'USD' });
    const cleared = await t.request('admin', { method: 'PUT', url: URL, payload: { reportingCurrency: null } });
    expect(cleared.json()).toEqual({ reportingCurrency: null });
    expect((await t.request('success', { method: 'GET', url: URL })).json()).toEqual({ reportingCurrency: null });

    const entries = (await history()).reverse();
    expect(entries.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['create', null, { reportingCurrency: 'EUR' }],
      ['update', { reportingCurrency: 'EUR' }, { reportingCurrency: 'USD' }],
      ['update', { reportingCurrency: 'USD' }, { reportingCurrency: null }],
    ]);
  });

  it('refuses roles other than admin and finance, and changes nothing', async () => {
    for (const role of ['revops', 'sales_rep', 'sales_manager', 'success', 'viewer'] as const) {
      expect((await t.request(role, { method: 'PUT', url: URL, payload: { reportingCurrency: 'GBP' } })).statusCode, role).toBe(403);
    }
    expect((await t.request('admin', { method: 'GET', url: URL })).json()).toEqual({ reportingCurrency: null });
  });

  it('answers a code Revline does not know with a 422 problem naming the field, and keeps the setting', async () => {
    await t.request('finance', { method: 'PUT', url: URL, payload: { reportingCurrency: 'CHF' } });
    const audited = (await history()).length;
    for (const code of ['XYZ', 'EURO', '', 'eu']) {
      const response = await t.request('finance', { method: 'PUT', url: URL, payload: { reportingCurrency: code } });
      expect(response.statusCode, code).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'business_rule_violated', errors: [{ field: 'body.reportingCurrency', code: 'unknown_currency' }] });
      expect((response.json() as { errors: Array<{ message: string }> }).errors[0]?.message).toContain(JSON.stringify(code));
    }
    expect((await t.request('admin', { method: 'GET', url: URL })).json()).toEqual({ reportingCurrency: 'CHF' });
    expect(await history()).toHaveLength(audited);
  });

  it('answers a body of the wrong shape with a 400 naming the field', async () => {
    const missing = await t.request('finance', { method: 'PUT', url: URL, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('body.reportingCurrency');
    const number = await t.request('finance', { method: 'PUT', url: URL, payload: { reportingCurrency: 978 } });
    expect(number.statusCode).toBe(400);
    const extra = await t.request('finance', { method: 'PUT', url: URL, payload: { reportingCurrency: 'EUR', currency: 'USD' } });
    expect(extra.statusCode).toBe(400);
    expect(JSON.stringify(extra.json())).toContain('body.currency');
  });
});
