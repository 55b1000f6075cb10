/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTaxSettings } from '../../src/billing/index.ts';
import { createProduct } from '../../src/catalog/index.ts';
import { listApprovalRules, listProductRules } from '../../src/cpq/index.ts';
import { listStages } from '../../src/crm/index.ts';
import { findReportingCurrency } from '../../src/metrics/index.ts';
import { listDunningStages } from '../../src/payments/index.ts';
import { createWebhookEndpoint, listWebhookEndpoints, updateWebhookEndpoint } from '../../src/webhooks/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';

/**
 * Settings in the browser: RevOps adds a pipeline stage and moves it with the keyboard, creates an
 * approval rule (a bad value first: the error sits at the field, nothing typed is lost), sees it
 * listed and disables it; finance sees only the finance tabs and edits a dunning stage. Axe on two pages.
 */

describe('settings in the browser', () => {
  let h: BrowserHarness;
  const products = { seats: '', addon: '' };

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-03-02T08:00:00Z' });
    products.seats = (await createProduct(h.ctx, { sku: 'SEAT', name: 'Platform seats', type: 'subscription', family: 'platform' })).id;
    products.addon = (await createProduct(h.ctx, { sku: 'ANALYTICS', name: 'Analytics add-on', type: 'subscription', family: 'platform' })).id;
    await setTaxSettings(h.ctx, { sellerCountry: 'DE', pricesIncludeTax: true });
  }, 240_000);
  afterAll(() => h?.close());

  const tabNames = (page: Page) => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link').allTextContents();
  const stageLabels = (page: Page) => page.getByTestId('stage-row').locator('th').allTextContents();

  it('lets RevOps add a pipeline stage and reorder it from the keyboard', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'rita@example.com', name: 'Rita RevOps', role: 'revops' });

    // The default tab is the first one RevOps may use; API keys and users are admin-only.
    await page.goto('/settings');
    await page.waitForURL('**/settings/pipeline-stages');
    expect(await tabNames(page)).toEqual(['Pipeline stages', 'Quote rules']);
    await page.getByTestId('stage-row').first().waitFor();
    expect(await stageLabels(page)).toEqual(['Prospecting', 'Qualification', 'Discovery / Needs Analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost']);

    await page.getByLabel('Label', { exact: true }).fill('Security review');
    await page.getByLabel('Key', { exact: true }).fill('security_review');
    await page.getByLabel('Default probability (%)').fill('70');
    await page.getByLabel('Forecast category').selectOption('commit');
    await page.getByRole('button', { name: 'Add stage' }).click();
    const row = page.getByTestId('stage-row').filter({ hasText: 'Security review' });
    await row.waitFor();
    expect(await row.textContent()).toContain('70%');
    expect(await stageLabels(page)).toHaveLength(8);
    expect((await stageLabels(page))[7]).toBe('Security review');

    // Keyboard only: focus "move up", press Enter twice; focus stays on the button as the row moves.
    await page.getByRole('button', { name: 'Move Security review up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stageLabels(page))[6]).toBe('Security review');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Security review up');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stageLabels(page))[5]).toBe('Security review');
    await page.getByRole('status').filter({ hasText: 'Security review is now at position 6 of 8.' }).waitFor({ state: 'attached' });
    const stored = await listStages(h.ctx, {});
    expect(stored.data.map((stage) => stage.key)).toEqual(['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'security_review', 'closed_won', 'closed_lost']);
    expect(stored.data.find((stage) => stage.key === 'security_review')).toMatchObject({ defaultProbabilityBps: 7000, forecastCategory: 'commit', kind: 'open' });

    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'settings-pipeline-stages');
    expect(pageErrors).toEqual([]);
  });

  it('creates an approval rule after a field error, then disables it', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'rita@example.com', role: 'revops' });
    await page.goto('/settings/rules');
    await page.getByRole('heading', { name: 'Add an approval rule' }).waitFor();

    // "lots" is no number: the server's error lands next to the value; the name and choices stay.
    await page.getByLabel('Name', { exact: true }).first().fill('Deep discount');
    await page.getByLabel('When').selectOption('discountBps');
    await page.getByLabel('Comparison').selectOption('>');
    await page.getByLabel('Value', { exact: true }).fill('lots');
    await page.getByLabel('Approver role').selectOption('finance');
    await page.getByRole('button', { name: 'Add approval rule' }).click();
    const valueError = page.locator('#approval-rule-value-error');
    await valueError.waitFor();
    expect(await page.locator('#approval-rule-name-error').count()).toBe(0);
    expect(await page.locator('#approval-rule-value').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#approval-rule-name').inputValue()).toBe('Deep discount');
    expect(await page.locator('#approval-rule-metric').inputValue()).toBe('discountBps');
    expect(await page.locator('#approval-rule-role').inputValue()).toBe('finance');
    expect(await page.locator('#approval-rule-value').inputValue()).toBe('lots');
    expect(await listApprovalRules(h.ctx, {})).toEqual([]);

    await page.locator('#approval-rule-value').fill('25');
    await page.getByRole('button', { name: 'Add approval rule' }).click();
    const ruleRow = page.getByTestId('approval-rule-row').filter({ hasText: 'Deep discount' });
    await ruleRow.waitFor();
    expect(await ruleRow.textContent()).toContain('Quote discount > 25%');
    expect(await ruleRow.textContent()).toContain('Level 1 · Finance');
    expect(await page.locator('#approval-rule-name').inputValue()).toBe('');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'settings-rules');

    await ruleRow.getByRole('button', { name: 'Disable Deep discount' }).click();
    await ruleRow.locator('.badge', { hasText: 'Inactive' }).waitFor();
    const [stored] = await listApprovalRules(h.ctx, {});
    expect(stored).toMatchObject({ name: 'Deep discount', active: false, approverRole: 'finance', condition: { metric: 'discountBps', op: '>', value: 2500 } });

    // A product rule, products picked by name: an add-on of itself is refused at that field, then fixed.
    await page.getByRole('heading', { name: 'Add a product rule' }).waitFor();
    await page.locator('#product-rule-name').fill('Analytics needs seats');
    await page.locator('#product-rule-kind').selectOption('addon_of');
    await page.locator('#product-rule-product').selectOption({ label: 'Analytics add-on (ANALYTICS)' });
    await page.locator('#product-rule-related').selectOption({ label: 'Analytics add-on (ANALYTICS)' });
    await page.getByRole('button', { name: 'Add product rule' }).click();
    await page.locator('#product-rule-related-error').getByText('must be another product').waitFor();
    expect(await listProductRules(h.ctx, {})).toEqual([]);
    await page.locator('#product-rule-related').selectOption({ label: 'Platform seats (SEAT)' });
    await page.getByRole('button', { name: 'Add product rule' }).click();
    const productRow = page.getByTestId('product-rule-row').filter({ hasText: 'Analytics needs seats' });
    await productRow.waitFor();
    expect(await productRow.textContent()).toContain(`${products.addon} is an add-on of ${products.seats}`);
    expect(await listProductRules(h.ctx, {})).toMatchObject([{ name: 'Analytics needs seats', kind: 'addon_of', productId: products.addon, relatedProductId: products.seats, active: true }]);
    await expectNoSeriousAxe(page);
    expect(pageErrors).toEqual([]);
  });

  it('shows finance only the finance tabs and saves a dunning stage', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fiona@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/settings');
    await page.waitForURL('**/settings/dunning');
    expect(await tabNames(page)).toEqual(['Dunning', 'Tax', 'FX rates', 'Comp plans']);
    await page.goto('/settings/pipeline-stages');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();

    await page.goto('/settings/dunning');
    await page.getByTestId('dunning-row').nth(3).waitFor();
    // A second reminder after the final notice is refused at that cell; the typed value stays.
    await page.getByLabel('Days after due date of stage 2').fill('40');
    await page.getByRole('button', { name: 'Save stages' }).click();
    await page.locator('#dunning-2-days-error').waitFor();
    expect(await page.getByLabel('Days after due date of stage 2').inputValue()).toBe('40');
    await page.getByLabel('Days after due date of stage 2').fill('10');
    await page.getByRole('button', { name: 'Save stages' }).click();
    await page.getByRole('status').filter({ hasText: 'Dunning stages saved.' }).waitFor();
    expect((await listDunningStages(h.ctx)).map((stage) => stage.daysAfterDue)).toEqual([3, 10, 30, 45]);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'settings-dunning');

    // Tax: the form shows what is stored (seeded: DE, prices include tax).
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await nav.getByRole('link', { name: 'Tax', exact: true }).click();
    await expect.poll(() => page.locator('#tax-seller-country').inputValue()).toBe('DE');
    expect(await page.getByLabel('Prices include tax').isChecked()).toBe(true);

    // FX rates: an uploaded ECB-style file is imported and listed, a page at a time (200 rows, then the rest).
    await nav.getByRole('link', { name: 'FX rates' }).click();
    await page.getByRole('heading', { name: 'Import rates' }).waitFor();
    const days = Array.from({ length: 110 }, (_, index) => new Date(Date.UTC(2026, 1, 27 - index)).toISOString().slice(0, 10));
    const csv = ['Date,USD,JPY,', ...days.map((day, index) => (index === 0 ? `${day},1.0812,162.35,` : `${day},1.0798,161.9,`))].join('\n');
    await page.getByLabel('CSV file').setInputFiles({ name: 'eurofxref.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await page.getByText('Selected: eurofxref.csv').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '220 rates read: 220 new' }).waitFor();
    const fxTable = page.getByTestId('fx-rates');
    await fxTable.getByText('162.35').waitFor();
    await fxTable.getByRole('button', { name: 'Load more' }).click();
    await fxTable.getByText('Rows: 220').waitFor();

    // The company reporting currency: a code Revline does not know is refused at the field (422), the
    // typed value stays; a known one (any case) is stored, audited, and shown as stored.
    const reporting = page.getByLabel('Company reporting currency');
    expect(await reporting.inputValue()).toBe('');
    await reporting.fill('XYZ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#reporting-currency-code-error').filter({ hasText: 'Not a currency code Revline knows (ISO 4217, e.g. EUR).' }).waitFor();
    expect(await reporting.inputValue()).toBe('XYZ');
    expect(await findReportingCurrency(h.ctx)).toBeNull();
    await reporting.fill('eur');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: reports convert into EUR by default.' }).waitFor();
    expect(await reporting.inputValue()).toBe('EUR');
    expect(await findReportingCurrency(h.ctx)).toBe('EUR');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'settings-fx-rates');

    // Comp plans: a plan with one rate, entered as a percentage.
    await nav.getByRole('link', { name: 'Comp plans' }).click();
    await page.getByLabel('Name', { exact: true }).fill('AE plan 2026');
    await page.getByLabel('Effective from').fill('01/01/2026');
    await page.getByLabel('Rate of rate 1 (%)').fill('10');
    await page.getByRole('button', { name: 'Add comp plan' }).click();
    const planRow = page.getByTestId('plan-row').filter({ hasText: 'AE plan 2026' });
    await planRow.waitFor();
    expect(await planRow.textContent()).toContain('New business, all product families: 10% of first-year value');
    expect(pageErrors).toEqual([]);
  });

  it('lets an admin delete a webhook endpoint; a delete based on a stale copy is refused', async () => {
    await createWebhookEndpoint(h.ctx, { url: 'https://hooks.example.com/kept', eventTypes: ['invoice.*'] });
    const gone = await createWebhookEndpoint(h.ctx, { url: 'https://hooks.example.com/gone', eventTypes: ['invoice.*'] });
    const storedUrls = async () => (await listWebhookEndpoints(h.ctx, { limit: 10, afterId: null })).map((endpoint) => endpoint.url).sort();
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'ada@example.com', name: 'Ada Admin', role: 'admin' });
    await page.goto('/settings/webhooks');
    const row = page.getByTestId('webhook-row').filter({ hasText: 'https://hooks.example.com/gone' });
    await row.waitFor();

    // Someone pauses the endpoint after the list loaded: the delete carries the old version (If-Match) and is refused.
    await updateWebhookEndpoint(h.ctx, gone.id, { enabled: false }, gone.version);
    await row.getByRole('button', { name: 'Delete endpoint https://hooks.example.com/gone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this endpoint?' });
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await dialog.getByText('The record was changed by someone else').waitFor();
    expect(await storedUrls()).toEqual(['https://hooks.example.com/gone', 'https://hooks.example.com/kept']);
    await expectNoSeriousAxe(page);
    await dialog.getByRole('button', { name: 'Keep it' }).click();

    // Reloaded, the list has the current version: the delete goes through and the row leaves.
    await page.reload();
    await row.locator('.badge', { hasText: 'Inactive' }).waitFor();
    await row.getByRole('button', { name: 'Delete endpoint https://hooks.example.com/gone' }).click();
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await storedUrls()).toEqual(['https://hooks.example.com/kept']);
    expect(pageErrors).toEqual([]);
  });
});
