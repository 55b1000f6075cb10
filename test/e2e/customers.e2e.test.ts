/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSubscription, listInvoices, runBilling } from '../../src/billing/index.ts';
import { createAccount, createContact, createOpportunity, createTicket } from '../../src/crm/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';

/**
 * Customers in the browser, as finance before a collections call: the list (search, open a row),
 * the Customer 360 (overdue amount, invoice, ticket, timeline order), a payment with a field error
 * first and then a partial one that lowers the open amount, a promise to pay, a collection note, German, and axe.
 */

const nbsp = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ') ?? '';

describe('customers in the browser', () => {
  let h: BrowserHarness;
  const seeded = { accountId: '', invoiceNumber: '' };

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-01-01T08:00:00Z' });
    const account = await createAccount(h.ctx, { name: 'Kranich Logistik GmbH', currency: 'EUR', country: 'DE', segment: 'Enterprise' });
    await createAccount(h.ctx, { name: 'Albatros Handel AG', currency: 'EUR', country: 'AT', segment: 'Mid-market' });
    await createAccount(h.ctx, { name: 'Kranich Nord GmbH', currency: 'EUR', country: 'DE', parentAccountId: account.id });
    seeded.accountId = account.id;
    await createContact(h.ctx, { accountId: account.id, firstName: 'Greta', lastName: 'Vogel', email: 'greta.vogel@kranich.example' });
    await createContact(h.ctx, { accountId: account.id, firstName: 'Jonas', lastName: 'Reiher', title: 'CFO' });
    // 10 seats × 49.00 a month from Jan 1: the run issues one 490.00 invoice, due Jan 31.
    await createSubscription(h.ctx, { accountId: account.id, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
    expect(await runBilling(h.ctx, { date: '2026-01-01', issue: true })).toMatchObject({ invoicesIssued: 1, errors: [] });
    seeded.invoiceNumber = (await listInvoices(h.ctx, { accountId: account.id })).data[0]?.number ?? '';
    await createTicket(h.ctx, { accountId: account.id, subject: 'Tracking page is slow', status: 'solved', openedAt: '2026-03-05T10:00:00Z', closedAt: '2026-03-06T10:00:00Z', csat: 4 });
    h.clock.set('2026-03-10T09:00:00Z'); // the invoice is now 38 days past due
    await createOpportunity(h.ctx, { accountId: account.id, name: 'Kranich fleet expansion', type: 'expansion', amount: { amountMinor: 1_200_000, currency: 'EUR' }, closeDate: '2026-05-31' });
  }, 240_000);
  afterAll(() => h?.close());

  const timelineKinds = (page: Page) => page.getByTestId('timeline-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));

  it('finds the customer, collects part of the overdue amount and records a promise', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'collector@example.com', name: 'Carla Collector', role: 'finance' });

    // The list: three accounts, search narrows to the two Kranich ones, a row opens the 360.
    await page.goto('/customers');
    const table = page.getByTestId('customers-table');
    await table.getByText('Albatros Handel AG').waitFor();
    expect(await table.locator('tbody tr[data-row-index]').count()).toBe(3);
    await expect(table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'customers-list');
    await page.getByLabel('Search').fill('Kranich');
    await expect.poll(() => table.locator('tbody tr[data-row-index]').allTextContents()).toEqual([
      expect.stringContaining('Kranich Logistik GmbH'), expect.stringContaining('Kranich Nord GmbH'),
    ]);
    // Keyboard: focus the first row, Enter opens it.
    await table.locator('tbody tr[data-row-index="0"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/customers/${seeded.accountId}`);

    // The 360: overdue badge, the invoice with its open amount, the ticket, the timeline newest first.
    await page.getByRole('heading', { name: 'Kranich Logistik GmbH', level: 1 }).waitFor();
    await expect(page.getByTestId('customer-overdue').textContent()).resolves.toBe('€490.00');
    const invoiceRow = page.getByTestId('customer-invoice-row').filter({ hasText: seeded.invoiceNumber });
    await invoiceRow.getByText('38 days overdue').waitFor();
    await expect(invoiceRow.getByTestId('customer-invoice-open').textContent()).resolves.toBe('€490.00');
    await page.getByTestId('customer-tickets').getByText('Tracking page is slow').waitFor();
    await page.getByTestId('customer-sales').getByText('Kranich fleet expansion').waitFor();
    await page.getByTestId('customer-hierarchy').getByRole('link', { name: 'Kranich Nord GmbH' }).waitFor();
    await page.getByText('€490.00', { exact: true }).first().waitFor();
    await page.getByTestId('timeline-event').first().waitFor();
    await expect(timelineKinds(page)).resolves.toEqual(['stage_change', 'ticket', 'invoice']);
    await page.getByTestId('customer-timeline').getByText('Kranich fleet expansion moved to Prospecting').waitFor();
    await expectNoSeriousAxe(page);

    // A negative amount: the server's field error sits next to the amount and nothing typed is lost.
    await page.getByRole('button', { name: 'Record payment' }).click();
    const paymentDialog = page.getByRole('dialog', { name: 'Record payment' });
    await paymentDialog.getByLabel('Amount').fill('-5');
    await paymentDialog.getByLabel('Reference').fill('Teilzahlung März');
    await paymentDialog.getByRole('button', { name: 'Record payment' }).click();
    const amountInput = paymentDialog.getByLabel('Amount');
    await expect.poll(() => amountInput.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await amountInput.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/greater than zero/);
    await expect(amountInput.inputValue()).resolves.toBe('-5');
    await expect(paymentDialog.getByLabel('Reference').inputValue()).resolves.toBe('Teilzahlung März');
    await expectNoSeriousAxe(page);

    // A partial payment of 200.00 on the invoice: the open amount drops to 290.00.
    await amountInput.fill('200.00');
    await paymentDialog.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment of €200.00 recorded.').waitFor();
    await invoiceRow.getByTestId('customer-invoice-open').getByText('€290.00').waitFor();
    await expect(page.getByTestId('customer-overdue').textContent()).resolves.toBe('€290.00');
    await expect.poll(() => timelineKinds(page)).toEqual(['stage_change', 'payment', 'ticket', 'invoice']);

    // Half an hour later, a promise to pay the rest by March 20.
    h.clock.advance({ minutes: 30 });
    await page.getByRole('button', { name: 'Add promise to pay' }).click();
    const promiseDialog = page.getByRole('dialog', { name: 'Add promise to pay' });
    await promiseDialog.getByLabel('Amount').fill('290');
    await promiseDialog.getByLabel('Promised date').fill('03/20/2026');
    await promiseDialog.getByLabel('Covers').selectOption({ label: `${seeded.invoiceNumber} · €290.00` });
    await promiseDialog.getByRole('button', { name: 'Add promise to pay' }).click();
    await page.getByText('Promise to pay added.').waitFor();
    await page.getByTestId('customer-promises').getByText('€290.00 · Mar 20, 2026').waitFor();
    await expect.poll(() => timelineKinds(page)).toEqual(['promise', 'stage_change', 'payment', 'ticket', 'invoice']);

    // Finance cannot log activities; a collection note records the call and lands on top of the timeline.
    h.clock.advance({ minutes: 5 });
    await page.getByRole('button', { name: 'Add collection note' }).click();
    const noteDialog = page.getByRole('dialog', { name: 'Add collection note' });
    await noteDialog.getByLabel('Note', { exact: true }).fill('Jonas Reiher confirms the rest by March 20.');
    await noteDialog.getByLabel('Spoke to the customer (counts as last contact)').check();
    await expectNoSeriousAxe(page);
    await noteDialog.getByRole('button', { name: 'Add collection note' }).click();
    await page.getByText('Collection note added.').waitFor();
    await expect.poll(() => timelineKinds(page)).toEqual(['collection_note', 'promise', 'stage_change', 'payment', 'ticket', 'invoice']);
    const noteEvent = page.getByTestId('timeline-event').first();
    await noteEvent.getByText('Customer contacted', { exact: true }).waitFor();
    await noteEvent.getByText('Jonas Reiher confirms the rest by March 20.', { exact: true }).waitFor();
    await h.screenshot(page, 'customers-360');

    // Finance puts the account on hold by hand (a reason is required), then releases it.
    await page.getByRole('button', { name: 'Put on hold' }).click();
    const holdDialog = page.getByRole('dialog', { name: 'Put on hold' });
    await holdDialog.getByRole('button', { name: 'Put on hold' }).click();
    await holdDialog.getByText('This field is required.').waitFor();
    await holdDialog.getByLabel('Reason').fill('Disputes the installation fee');
    await holdDialog.getByRole('button', { name: 'Put on hold' }).click();
    await page.getByText('The customer is on hold.').waitFor();
    await page.locator('.customer360__hold').getByText('On hold').waitFor();
    await page.getByRole('button', { name: 'Release hold' }).click();
    const releaseDialog = page.getByRole('dialog', { name: 'Release hold' });
    await releaseDialog.getByText('On hold by hand since Mar 10, 2026: Disputes the installation fee').waitFor();
    await expectNoSeriousAxe(page);
    await releaseDialog.getByLabel('Reason').fill('Fee waived');
    await releaseDialog.getByRole('button', { name: 'Release hold' }).click();
    await page.getByText('The hold is released.').waitFor();
    await page.getByRole('button', { name: 'Put on hold' }).waitFor();
    expect(await page.locator('.customer360__hold').count()).toBe(0);

    // German: labels and amounts follow the switcher.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Finanzen' }).waitFor();
    await page.getByText('Überfällig', { exact: true }).waitFor();
    await expect(page.getByTestId('customer-overdue').textContent().then(nbsp)).resolves.toBe('290,00 €');
    await page.getByTestId('customer-promises').getByText('Aktiv').waitFor();
    // Codes shown as words of the language (the ticket's priority was "normal").
    await page.getByTestId('customer-tickets').getByText(/Gelöst · Normale Priorität/).waitFor();
    // The opportunity's default first stage in German, as the pipeline board names it.
    await page.getByTestId('customer-timeline').getByText('Kranich fleet expansion in Phase Akquise').waitFor();
    await h.screenshot(page, 'customers-360-german');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('an account manager creates a customer with its billing address (a textarea, a line per line), corrects it and logs a call', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'revops@example.com', name: 'Rolf Revops', role: 'revops' });
    await page.goto('/customers');
    await page.getByRole('button', { name: 'New customer' }).click();
    const create = page.getByRole('dialog', { name: 'New customer' });
    await create.getByLabel('Name').fill('Reiher Spedition GmbH');
    // Typed loosely (spaces, a blank line): stored and shown as two clean lines.
    await create.getByLabel('Billing address').fill('  Hafenstraße 3\n\n20457 Hamburg ');
    await create.getByLabel('Country').fill('de');
    await expectNoSeriousAxe(page);
    await create.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Reiher Spedition GmbH', level: 1 }).waitFor();
    await expect(page.getByTestId('customer-billing-address').textContent()).resolves.toBe('Hafenstraße 3\n20457 Hamburg');

    // Seven lines are refused next to the field, and what was typed stays; six are saved.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit details' });
    const address = edit.getByLabel('Billing address');
    await expect(address.inputValue()).resolves.toBe('Hafenstraße 3\n20457 Hamburg');
    await address.fill('Reiher Spedition GmbH\nz. Hd. Buchhaltung\nHafenstraße 3\nHaus B\n3. OG\nZimmer 12\n20457 Hamburg');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    // The limit the server names (its params), next to the field.
    const addressError = async (field: typeof address) => page.locator(`[id="${String(await field.getAttribute('id'))}-error"]`).textContent();
    await expect(addressError(address)).resolves.toBe('At most 6 lines.');
    await h.screenshot(page, 'customers-edit-details');
    await address.fill('z. Hd. Buchhaltung\nKai 7\n20457 Hamburg');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The customer\'s details are saved.').waitFor();
    // The message comes with the answer to the save; the header shows the new address once the 360 is read again.
    await expect.poll(() => page.getByTestId('customer-billing-address').textContent()).toBe('z. Hd. Buchhaltung\nKai 7\n20457 Hamburg');
    await h.screenshot(page, 'customers-360-address');

    // A call logged at a time typed on the English 12-hour clock: 9:30 alone is asked "AM or PM?" and not sent;
    // 9:30 am on 03/09/2026 in the browser's Berlin reaches the API as 08:30 UTC.
    await page.getByRole('button', { name: 'Log activity' }).click();
    const activity = page.getByRole('dialog', { name: 'Log activity' });
    await activity.getByLabel('Subject').fill('Kick-off call');
    await activity.getByLabel('When', { exact: true }).fill('03/09/2026');
    await activity.getByLabel('When, time').fill('9:30');
    const logged = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/activities');
    await activity.getByRole('button', { name: 'Log activity' }).click();
    await activity.getByText('Add AM or PM: 9:30 AM or 9:30 PM.').waitFor();
    expect(await activity.getByLabel('When, time').getAttribute('aria-invalid')).toBe('true');
    await activity.getByLabel('When, time').fill('9:30 am');
    await activity.getByRole('button', { name: 'Log activity' }).click();
    expect((await logged).postDataJSON()).toMatchObject({ type: 'call', subject: 'Kick-off call', occurredAt: '2026-03-09T08:30:00.000Z' });
    await page.getByText('Activity logged.').waitFor();

    // A German reader is told the limit too, in German with its number.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Stammdaten bearbeiten' }).click();
    const editDe = page.getByRole('dialog', { name: 'Stammdaten bearbeiten' });
    const addressDe = editDe.getByLabel('Rechnungsanschrift');
    await addressDe.fill('1\n2\n3\n4\n5\n6\n7');
    await editDe.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => addressDe.getAttribute('aria-invalid')).toBe('true');
    await expect(addressError(addressDe)).resolves.toBe('Höchstens 6 Zeilen.');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('keeps a long list light: a window of rows in the DOM, pages loaded on scroll, server-side sort, arrow keys', async () => {
    for (let i = 1; i <= 130; i += 1) await createAccount(h.ctx, { name: `Zeta filler ${String(i).padStart(3, '0')}`, currency: 'EUR' });
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'collector@example.com', role: 'finance' });
    await page.goto('/customers');
    await page.getByLabel('Search').fill('Zeta filler');
    const table = page.getByTestId('customers-table');
    const rows = table.locator('tbody tr[data-row-index]');
    await rows.first().getByText('Zeta filler 001').waitFor();
    await expect(table.locator('table').getAttribute('aria-rowcount')).resolves.toBe('-1'); // more on the server
    expect(await rows.count()).toBeLessThan(40); // 50 loaded, only the visible window rendered

    // Arrow keys move between rows; focus follows into rows that were not rendered before.
    await rows.first().focus();
    for (let i = 0; i < 25; i += 1) await page.keyboard.press('ArrowDown');
    const focused = page.locator(':focus');
    await expect(focused.getAttribute('data-row-index')).resolves.toBe('25');
    await expect(focused.textContent()).resolves.toContain('Zeta filler 026');

    // Scrolling to the end loads the remaining pages; still only a window of rows in the DOM.
    const scroller = table.locator('.data-table__scroll');
    await expect.poll(async () => {
      await scroller.evaluate((element) => { element.scrollTop = element.scrollHeight; });
      return table.locator('table').getAttribute('aria-rowcount');
    }).toBe('131');
    // The last page may arrive after the final scroll: scroll to the new end until the last row shows.
    await expect.poll(async () => {
      await scroller.evaluate((element) => { element.scrollTop = element.scrollHeight; });
      return table.getByText('Zeta filler 130').isVisible();
    }).toBe(true);
    expect(await rows.count()).toBeLessThan(40);

    // Sorting is the server's: Name descending starts from the other end.
    await table.getByRole('button', { name: /Name/ }).click();
    await expect.poll(() => table.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
    await rows.first().getByText('Zeta filler 130').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
