import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createImportTestApp } from './test-fixtures/import-test-app.ts';

const MAPPING = {
  name: 'crm-export', description: 'Accounts of a CRM export', sourceSystem: 'legacy-crm', defaults: { currency: 'EUR' },
  files: [{ match: 'accounts.csv', records: [{ entity: 'account', externalId: 'Account ID', fields: { name: 'Company', country: { column: 'Country', transform: 'country' } } }] }],
};
const CSV = 'Account ID,Company,Country\nA-1,Amsel GmbH,Germany\nA-2,Fink AG,Narnia\nA-3,Meise SE,Austria\n';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

type Run = { id: string; status: string; dryRun: boolean; errorReport: string | null; errorReportDownloadable?: boolean; summary: { totals: Record<string, number> } | null };

describe('background import runs (POST /imports/runs)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createImportTestApp();
  });
  afterAll(() => t.close());

  const start = (role: 'admin' | 'revops' | 'sales_rep', body: unknown) => t.request(role, { method: 'POST', url: '/api/v1/imports/runs', payload: body as object });
  const finished = async (runId: string): Promise<Run> => {
    for (;;) {
      const run = (await t.request('revops', { method: 'GET', url: `/api/v1/imports/${runId}` })).json() as Run;
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const accountNames = async () => ((await t.request('admin', { method: 'GET', url: '/api/v1/accounts?limit=50' })).json() as { data: { name: string }[] }).data.map((a) => a.name).sort();

  it('dry-runs an uploaded mapping, then runs it; the error report names the bad row', async () => {
    const dry = await start('revops', { customMapping: MAPPING, dryRun: true, files: [{ name: 'accounts.csv', contentBase64: base64(CSV) }] });
    expect(dry.statusCode).toBe(202);
    const dryRunId = (dry.json() as { runId: string }).runId;
    expect(dry.headers['location']).toBe(`/api/v1/imports/${dryRunId}`);
    const dryRun = await finished(dryRunId);
    expect(dryRun).toMatchObject({ status: 'completed', dryRun: true, summary: { totals: { rows: 3, created: 2, rejected: 1 } } });
    expect(await accountNames()).toEqual([]);

    const real = await start('revops', { customMapping: MAPPING, files: [{ name: 'accounts.csv', contentBase64: base64(CSV) }] });
    const run = await finished((real.json() as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'completed', dryRun: false, errorReportDownloadable: true, summary: { totals: { created: 2, rejected: 1 } } });
    expect(await accountNames()).toEqual(['Amsel GmbH', 'Meise SE']);

    const report = await t.request('revops', { method: 'GET', url: `/api/v1/imports/${run.id}/error-report` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body.trim().split('\n');
    expect(lines[0]).toBe('file,line,field,value,reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^accounts\.csv,3,Country,Narnia,/);
  });

  it('runs a shipped mapping by name and lists the shipped mappings', async () => {
    const csv = 'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\n';
    const response = await start('admin', { mapping: 'maven-crm-sales-opportunities', files: [{ name: 'accounts.csv', contentBase64: base64(csv) }] });
    const run = await finished((response.json() as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'completed', summary: { totals: { created: 1 } } });
    // A clean run has no report to download.
    expect((await t.request('admin', { method: 'GET', url: `/api/v1/imports/${run.id}/error-report` })).statusCode).toBe(404);
    const mappings = (await t.request('revops', { method: 'GET', url: '/api/v1/imports/mappings' })).json() as { sources: string[]; mappings: { name: string; files: string[] }[] };
    expect(mappings.sources).toEqual(['salesforce', 'hubspot', 'stripe']);
    expect(mappings.mappings.find((m) => m.name === 'maven-crm-sales-opportunities')?.files).toContain('accounts.csv');
  });

  it('answers 400 at the field for a bad mapping or an unmatched file, and 403 for other roles', async () => {
    const badMapping = await start('admin', { customMapping: { ...MAPPING, sourceSystem: 'Not Valid' }, files: [{ name: 'accounts.csv', contentBase64: base64(CSV) }] });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json()).toMatchObject({ errors: [{ field: 'body.customMapping.sourceSystem' }] });
    const unmatched = await start('admin', { customMapping: MAPPING, files: [{ name: 'widgets.csv', contentBase64: base64(CSV) }] });
    expect(unmatched.statusCode).toBe(400);
    expect(unmatched.json()).toMatchObject({ errors: [{ field: 'body.files', message: expect.stringContaining('widgets.csv') }] });
    const both = await start('admin', { source: 'salesforce', mapping: 'ravenstack-saas', files: [{ name: 'Account.csv', contentBase64: base64(CSV) }] });
    expect(both.statusCode).toBe(400);
    expect((await start('sales_rep', { source: 'salesforce', files: [{ name: 'Account.csv', contentBase64: base64(CSV) }] })).statusCode).toBe(403);
    expect((await t.request('sales_rep', { method: 'GET', url: '/api/v1/imports/mappings' })).statusCode).toBe(403);
  });
});
