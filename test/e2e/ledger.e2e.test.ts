import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscription, listInvoices, runBilling } from '../../src/billing/index.ts';
import { createAccount } from '../../src/crm/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';

/**
 * The general ledger in the browser: as finance, the trial balance after an invoice was issued
 * (balanced per currency), the invoice's journal entry found in the list, its lines, a reversal
 * linked both ways; as admin, a month closed and a refusal shown with the API's detail.
 */

// One EUR customer, 10 seats × 49.00 a month from 2026-01-01: the run of Jan 1 issues one 490.00 invoice (Dr 1100 / Cr 2000).
describe('the ledger in the browser', () => {
  let h: BrowserHarness;
  const seeded = { invoiceId: '', number: '' };
  const now = new Date('2026-03-10T09:00:00Z');

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-01-01T08:00:00Z' });
    const account = await createAccount(h.ctx, { name: 'Nordwind GmbH', currency: 'EUR', country: 'DE' });
    await createSubscription(h.ctx, { accountId: account.id, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
    expect(await runBilling(h.ctx, { date: '2026-01-01', issue: true })).toMatchObject({ invoicesIssued: 1, errors: [] });
    const [invoice] = (await listInvoices(h.ctx, { accountId: account.id })).data;
    seeded.invoiceId = invoice?.id ?? '';
    seeded.number = invoice?.number ?? '';
    h.clock.set(now.toISOString());
  }, 240_000);
  afterAll(() => h?.close());

  it('shows a balanced trial balance, opens the invoice’s entry and reverses it', async () => {
    const { page, pageErrors } = await h.newPage();
    await page.clock.setFixedTime(now); // the browser's "today" is the server's
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });

    // Trial balance as of Jan 31: receivable 490.00 on the debit side, debit = credit in EUR.
    await page.goto('/billing');
    await page.getByRole('link', { name: 'Ledger' }).click();
    await page.getByRole('heading', { name: 'Trial balance', level: 1 }).waitFor();
    await page.getByLabel('As of').fill('01/31/2026');
    await page.waitForURL('**/billing/ledger?asOf=2026-01-31');
    const eur = page.locator('[data-testid="trial-balance"][data-currency="EUR"]');
    const receivable = eur.getByRole('row', { name: /Accounts receivable/ });
    await receivable.getByRole('cell', { name: '€490.00' }).first().waitFor();
    const debit = await eur.getByTestId('trial-balance-debit').textContent();
    expect(debit).toMatch(/^€[\d,]+\.\d\d$/);
    await expect(eur.getByTestId('trial-balance-credit').textContent()).resolves.toBe(debit);
    await expect(eur.getByTestId('trial-balance-status').textContent()).resolves.toBe('Balanced: debit = credit');
    // Periods: finance reads them; closing is for admins, so no buttons.
    await page.getByTestId('ledger-period').filter({ hasText: 'February 2026' }).getByText('Open').waitFor();
    expect(await page.getByRole('button', { name: /Close period/ }).count()).toBe(0);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'ledger-trial-balance');

    // Journal entries, filtered to invoices: the invoice's entry, opened from the list.
    await page.getByRole('link', { name: 'Journal entries' }).click();
    await page.getByLabel('Source type').selectOption('invoice');
    await page.waitForURL('**/billing/ledger/entries?sourceType=invoice');
    const row = page.getByTestId('ledger-entries').locator('tr', { hasText: 'Invoice' }).filter({ has: page.getByTestId('ledger-entry-total') });
    await expect(row.getByTestId('ledger-entry-total').textContent()).resolves.toBe('€490.00');
    expect(await row.getByTestId('ledger-source-link').getAttribute('href')).toBe(`/billing/invoices/${seeded.invoiceId}`);
    await expectNoSeriousAxe(page);
    await row.locator('td').first().click();
    await page.waitForURL('**/billing/ledger/entries/je_*');
    const originalUrl = page.url();
    const originalNumber = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(originalNumber).toMatch(/^JE-2026-\d{6}$/);
    const lines = page.getByTestId('ledger-entry-lines');
    await lines.getByRole('row', { name: /1100 Accounts receivable/ }).getByRole('cell', { name: '€490.00' }).waitFor();
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'ledger-entry');

    // Reverse it: a reason is required; then the entry names its reversal, and the reversal names it.
    await page.getByRole('button', { name: 'Reverse…' }).click();
    await page.getByRole('button', { name: 'Reverse entry' }).click();
    await page.getByText('This field is required.').waitFor();
    await page.getByLabel('Reason').fill('Posted to the wrong customer');
    // A date that does not exist keeps the dialog open (sent, it would be "no date": the entry’s own date).
    await page.getByLabel('Reversal date').fill('02/30/2026');
    await page.getByRole('button', { name: 'Reverse entry' }).click();
    await page.getByText('02/30/2026 does not exist: the last day of that month is 02/28/2026.').waitFor();
    await page.getByLabel('Reversal date').fill('');
    await page.getByRole('button', { name: 'Reverse entry' }).click();
    const reversedBy = page.getByTestId('ledger-reversed-by').getByRole('link', { name: /^JE-2026-\d{6}$/ });
    await reversedBy.waitFor();
    expect(await page.getByRole('button', { name: 'Reverse…' }).count()).toBe(0); // reversed at most once
    await reversedBy.click();
    await page.getByTestId('ledger-reverses').getByRole('link', { name: originalNumber }).waitFor();
    await page.getByTestId('ledger-entry-posted-by').getByText('Fiona Finance', { exact: true }).waitFor(); // a name, not a user id
    await page.getByText('Reversal', { exact: true }).waitFor();
    await lines.getByRole('row', { name: /1100 Accounts receivable/ }).locator('td').nth(3).getByText('€490.00').waitFor(); // now a credit
    await page.getByTestId('ledger-reverses').getByRole('link', { name: originalNumber }).click();
    await page.waitForURL(originalUrl);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('lets an admin close a month and shows the API’s refusal of one that has not ended', async () => {
    const { page, pageErrors } = await h.newPage();
    await page.clock.setFixedTime(new Date('2026-04-01T10:00:00Z')); // the browser is ahead of the server (Mar 10)
    await h.signIn(page, { email: 'admin@example.com', name: 'Ada Admin', role: 'admin' });
    await page.goto('/billing/ledger');
    const february = page.getByTestId('ledger-period').filter({ hasText: 'February 2026' });
    await february.getByRole('button', { name: /Close period/ }).click();
    await page.getByLabel('Reason').fill('Month-end close');
    await page.getByRole('dialog').getByRole('button', { name: 'Close period' }).click();
    await february.getByText('Closed', { exact: true }).waitFor();
    await february.getByText('Ada Admin').waitFor();
    // Another user sees who closed it by name too (GET /actors), not by user id.
    const other = await h.newPage();
    await h.signIn(other.page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });
    await other.page.goto('/billing/ledger');
    await other.page.getByTestId('ledger-period').filter({ hasText: 'February 2026' }).getByText('Ada Admin').waitFor();
    expect(other.pageErrors).toEqual([]);

    // March has ended for the browser, not for the server: the API refuses, and says why.
    await page.getByTestId('ledger-period').filter({ hasText: 'March 2026' }).getByRole('button', { name: /Close period/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close period' }).click();
    await page.getByRole('dialog').getByRole('alert').getByText('Period 2026-03 has not ended yet; it can be closed from 2026-04-01').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('speaks German with German number formats', async () => {
    const { page, pageErrors } = await h.newPage({ locale: 'de-DE' });
    await page.clock.setFixedTime(now);
    await h.signIn(page, { email: 'buchhaltung@example.com', name: 'Berta Buchhaltung', role: 'finance', locale: 'de' });
    await page.goto('/billing/ledger?asOf=2026-01-31');
    await page.getByRole('heading', { name: 'Saldenliste', level: 1 }).waitFor();
    const eur = page.locator('[data-testid="trial-balance"][data-currency="EUR"]');
    await eur.getByRole('columnheader', { name: 'Soll' }).waitFor();
    await eur.getByRole('columnheader', { name: 'Haben' }).waitFor();
    // The seeded accounts in the reader's language (web/src/billing/ledger-account-name.ts).
    await eur.getByRole('row', { name: /Forderungen aus Lieferungen und Leistungen/ }).getByRole('cell', { name: /^490,00\s€$/ }).first().waitFor();
    await expect(eur.getByTestId('trial-balance-status').textContent()).resolves.toBe('Ausgeglichen: Soll = Haben');
    await page.getByRole('link', { name: 'Buchungen' }).click();
    await page.getByRole('heading', { name: 'Buchungen', level: 1 }).waitFor();
    await page.getByTestId('ledger-entries').getByText('01.01.2026').first().waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
