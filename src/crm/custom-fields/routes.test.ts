import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { makeOpportunityInput } from '../opportunities/fixtures.ts';
import { createRevenueTestApp, expectProblem, fieldsOf } from '../opportunities/test-fixtures/revenue-test-app.ts';
import type { CustomFieldDefinition } from './index.ts';

describe('custom field routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createRevenueTestApp();
  });
  afterAll(() => t.close());

  it('defines fields (admin, revops), lists them for every reader, and deactivates instead of deleting', async () => {
    expectProblem(await t.request('sales_rep', { method: 'POST', url: '/api/v1/custom-fields', payload: { entityType: 'opportunity', key: 'x', label: 'X', type: 'text' } }), 403, 'forbidden');
    const created = await t.request('revops', { method: 'POST', url: '/api/v1/custom-fields', payload: { entityType: 'opportunity', key: 'arr_band', label: 'ARR band', type: 'picklist', picklistOptions: ['<10k', '10k+'] } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['location']).toBe('/api/v1/custom-fields/opportunity/arr_band');
    const listed = (await t.request('viewer', { method: 'GET', url: '/api/v1/custom-fields?entityType=opportunity' })).json() as { data: CustomFieldDefinition[] };
    expect(listed.data.map((d) => d.key)).toEqual(['arr_band']);
    const patched = await t.request('admin', { method: 'PATCH', url: '/api/v1/custom-fields/opportunity/arr_band', payload: { active: false, version: 1 } });
    expect(patched.json()).toMatchObject({ active: false, version: 2 });
    // No DELETE on a field definition (deactivate it): the path exists, so 405 with what it allows, not 404.
    const deleted = await t.request('admin', { method: 'DELETE', url: '/api/v1/custom-fields/opportunity/arr_band' });
    expect([deleted.statusCode, deleted.headers['allow']]).toEqual([405, expect.stringContaining('PATCH')]);
    expectProblem(await t.request('viewer', { method: 'GET', url: '/api/v1/custom-fields/invoice/arr_band' }), 400, 'validation_failed');
  });

  it('makes opportunity writes answer 400 with body.customFields.<key> for values that do not fit', async () => {
    await t.request('admin', { method: 'POST', url: '/api/v1/custom-fields', payload: { entityType: 'opportunity', key: 'kickoff', label: 'Kick-off', type: 'date' } });
    const accountId = (await createAccount(t.ctx, makeAccountInput())).id;
    const post = (customFields: object) => t.request('admin', { method: 'POST', url: '/api/v1/opportunities', payload: makeOpportunityInput(accountId, { customFields: customFields as never }) });
    expect(fieldsOf(expectProblem(await post({ kickoff: 'soon' }), 400, 'validation_failed'))).toEqual(['body.customFields.kickoff']);
    expect(fieldsOf(expectProblem(await post({ unknown_field: 'x' }), 400, 'validation_failed'))).toEqual(['body.customFields.unknown_field']);
    expect(fieldsOf(expectProblem(await post({ kickoff: { amountMinor: 1, currency: 'EUR' } }), 400, 'validation_failed'))).toEqual(['body.customFields.kickoff']);
    const ok = await post({ kickoff: '2026-04-01', arr_band: '10K+' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as { customFields: unknown }).customFields).toEqual({ kickoff: '2026-04-01', arr_band: '10k+' });
  });
});
