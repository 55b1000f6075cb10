import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createImportTestApp } from './test-fixtures/import-test-app.ts';

const ACCOUNT_CSV = 'Id,Name,BillingCountry\n001X,Xray,Germany\n001Y,,US\n';

describe('imports API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());

  const post = (role: 'admin' | 'revops' | 'sales_rep', query: string, body = ACCOUNT_CSV, type = 'text/csv') =>
    t.request(role, { method: 'POST', url: `/api/v1/imports?${query}`, headers: { 'content-type': type }, payload: body });

  it('imports a CSV body with a built-in source; rejected rows come back with their lines', async () => {
    const response = await post('revops', 'source=salesforce&file=Account.csv');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { summary: { runId: string; totals: Record<string, number> }; errors: Array<{ line: number; field: string }> };
    expect(body.summary.totals).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(body.errors).toMatchObject([{ file: 'Account.csv', line: 3, field: 'Name' }]);
    const run = await t.request('admin', { method: 'GET', url: `/api/v1/imports/${body.summary.runId}` });
    expect(run.json()).toMatchObject({ id: body.summary.runId, status: 'completed', source: 'salesforce', dryRun: false });
    const list = await t.request('admin', { method: 'GET', url: '/api/v1/imports?limit=10' });
    expect((list.json() as { data: Array<{ id: string }> }).data[0]?.id).toBe(body.summary.runId);
  });

  it('dry-runs a shipped mapping by name', async () => {
    const csv = 'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\n';
    const response = await post('admin', 'mapping=maven-crm-sales-opportunities&file=accounts.csv&dryRun=true', csv);
    expect(response.statusCode).toBe(200);
    expect((response.json() as { summary: unknown }).summary).toMatchObject({ dryRun: true, totals: { created: 1 } });
  });

  it('answers 400 for an unknown mapping or a file no entry matches, and 403 for other roles', async () => {
    expect((await post('admin', 'mapping=nope&file=a.csv')).statusCode).toBe(400);
    expect((await post('admin', 'mapping=../etc&file=a.csv')).statusCode).toBe(400);
    const unmatched = await post('admin', 'source=salesforce&file=Widget.csv');
    expect(unmatched.statusCode).toBe(400);
    expect(unmatched.json()).toMatchObject({ detail: expect.stringContaining('Widget.csv') });
    expect((await post('sales_rep', 'source=salesforce&file=Account.csv')).statusCode).toBe(403);
    expect((await post('admin', 'source=salesforce&mapping=x&file=Account.csv')).statusCode).toBe(400);
  });
});
