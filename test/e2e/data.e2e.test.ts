/// <reference lib="dom" />
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../../src/quality/fixtures.ts';
import { listAccounts } from '../../src/crm/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';

/**
 * The data section as revops migrating a CRM export: an uploaded mapping and a CSV with one bad row,
 * a dry run that writes nothing, the real run, the error report with the bad row's line and field,
 * the imported account's creation in the audit log with its after-values, the data-quality page, axe.
 */

const MAPPING = {
  name: 'legacy-crm', description: 'Accounts of the old CRM', sourceSystem: 'legacy-crm', defaults: { currency: 'EUR' },
  files: [{ match: 'accounts.csv', records: [{ entity: 'account', externalId: 'Account ID', fields: { name: 'Company', country: { column: 'Country', transform: 'country' }, segment: 'Segment' } }] }],
};
// Line 3 (the header is line 1) names a country that does not exist.
const CSV = 'Account ID,Company,Country,Segment\nA-1,Amsel GmbH,Germany,Enterprise\nA-2,Fink AG,Narnia,SMB\nA-3,Meise SE,Austria,Mid-market\n';

describe('data section in the browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-03-02T08:00:00Z' });
  }, 240_000);
  afterAll(() => h?.close());

  const accountNames = async () => (await listAccounts(h.ctx, { limit: 50 })).data.map((account) => account.name).sort();

  it('dry-runs and imports a CSV, downloads the error report and finds the import in the audit log', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'rita.revops@example.com', name: 'Rita Revops', role: 'revops' });

    await page.goto('/data');
    await page.waitForURL('**/data/imports');
    await page.getByTestId('import-runs-table').getByText('No imports yet.').waitFor();
    await page.getByRole('link', { name: 'New import' }).click();
    await page.getByRole('heading', { name: 'New import', level: 2 }).waitFor();

    // Nothing chosen yet: the form says so at the files field instead of sending.
    await page.getByRole('button', { name: 'Start dry run' }).click();
    await page.getByText('Choose at least one file.').waitFor();

    await page.getByLabel('My own mapping file').check();
    await page.getByLabel('Mapping file (JSON)').setInputFiles({ name: 'legacy-crm.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MAPPING)) });
    await page.getByText('Chosen: legacy-crm.json').waitFor();
    await page.getByLabel('Files to import (CSV or JSON)').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Start dry run' }).click();

    // The dry run: counts per entity, and nothing written.
    const dryRun = page.getByTestId('dry-run-result').getByTestId('import-run');
    await dryRun.and(page.locator('[data-status="completed"]')).waitFor();
    await expect(dryRun.getByTestId('import-totals').textContent()).resolves.toBe('Would import 3 rows: 2 created, 0 updated, 1 rejected. Nothing was written.');
    const accountRow = dryRun.getByTestId('import-entity-counts').locator('tr[data-entity="account"]');
    await expect(accountRow.locator('[data-outcome="created"]').textContent()).resolves.toBe('2');
    await expect(accountRow.locator('[data-outcome="rejected"]').textContent()).resolves.toBe('1');
    expect(await accountNames()).toEqual([]);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'data-import-dry-run');

    // The real run, then the error report: the bad row with its line, column and value.
    await page.getByRole('button', { name: 'Import for real' }).click();
    const realRun = page.getByTestId('real-run-result').getByTestId('import-run');
    await realRun.and(page.locator('[data-status="completed"]')).waitFor();
    await expect(realRun.getByTestId('import-totals').textContent()).resolves.toBe('Imported 3 rows: 2 created, 0 updated, 1 rejected.');
    expect(await accountNames()).toEqual(['Amsel GmbH', 'Meise SE']);
    const [download] = await Promise.all([page.waitForEvent('download'), realRun.getByTestId('error-report-link').click()]);
    const report = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(report[0]).toBe('file,line,field,value,reason');
    expect(report).toHaveLength(2);
    expect(report[1]).toMatch(/^accounts\.csv,3,Country,Narnia,./);

    // The run list: both runs, the newest (real) first, by the signed-in user.
    await page.getByRole('link', { name: 'All import runs' }).click();
    const runs = page.getByTestId('import-runs-table');
    await expect.poll(() => runs.locator('tbody tr[data-row-index]').count()).toBe(2);
    await expect(runs.locator('tbody tr[data-row-index="0"]').textContent()).resolves.toContain('You (Rita Revops)');
    await expect(runs.locator('tbody tr[data-row-index="1"]').textContent()).resolves.toContain('Dry run');
    await expectNoSeriousAxe(page);

    // The audit log: the created account with its after-values, found by its record id.
    const amsel = (await listAccounts(h.ctx, { limit: 50, q: 'Amsel' })).data[0];
    expect(amsel).toBeDefined();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Entity type').selectOption({ label: 'Customer' }); // the record types in words, not codes
    await page.getByLabel('Record id').fill(amsel?.id ?? '');
    const audit = page.getByTestId('audit-table');
    await expect.poll(() => audit.locator('tbody tr[data-row-index]').allTextContents()).toEqual([expect.stringContaining(amsel?.id ?? '')]);
    await expect(audit.locator('tbody tr[data-row-index="0"] td').allTextContents()).resolves.toEqual([expect.any(String), expect.any(String), 'Created', 'Customer', amsel?.id]);
    await audit.locator('tbody tr[data-row-index="0"]').focus();
    await page.keyboard.press('Enter');
    const entry = page.getByTestId('audit-entry');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('data-audit-entry');
    const diff = entry.getByTestId('audit-diff');
    await diff.getByRole('row', { name: /^name\b/ }).waitFor();
    await expect(diff.getByRole('row', { name: /^name\b/ }).locator('.data-diff__after').textContent()).resolves.toBe('Amsel GmbH');
    await expect(diff.getByRole('row', { name: /^segment\b/ }).locator('.data-diff__after').textContent()).resolves.toBe('Enterprise');
    await expect(entry.textContent()).resolves.toContain('You (Rita Revops)');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'data-audit');

    // Data quality renders its checks; a check with more than the report's first 100 ids loads all of them.
    for (let i = 0; i < 103; i += 1) await insertLead(h.ctx, { email: `unowned${i}@example.com` });
    await page.getByRole('link', { name: 'Data quality' }).click();
    const quality = page.getByTestId('quality-report');
    await quality.getByTestId('quality-check').first().waitFor();
    expect(await quality.getByTestId('quality-check').count()).toBeGreaterThan(3);
    const unowned = quality.locator('[data-check="lead_without_owner"]');
    await unowned.getByText('Show the first 100').click();
    expect(await unowned.getByRole('listitem').count()).toBe(100);
    await unowned.getByRole('button', { name: 'Load all 103' }).click();
    await unowned.getByText('Show all 103').waitFor();
    expect(await unowned.getByRole('listitem').count()).toBe(103);
    const csv = await unowned.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    expect(decodeURIComponent(csv?.split(',').slice(1).join(',') ?? '').split('\n').filter(Boolean).length).toBe(104); // header + 103 ids
    await page.getByTestId('candidates-table').getByText('Nothing to review.').waitFor();
    await expectNoSeriousAxe(page);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
