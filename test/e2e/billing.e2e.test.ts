import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelSubscription, createSubscription, draftInvoicesForSubscription, issueInvoice, listInvoices, runBilling } from '../../src/billing/index.ts';
import { createAccount } from '../../src/crm/index.ts';
import { recordPayment } from '../../src/payments/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';
import { cutText, layoutProblems, sticksOut } from '../support/layout-checks.ts';

/**
 * Billing in the browser, as finance: an invoice billed by the real run, its PDF, a partial payment
 * applied by hand (the open amount drops to the cent), a void with a credit note, the collections
 * worklist, German labels and numbers, credit notes (list, filters, a credit note's page and PDF), the payments
 * list's filters for cash application, and axe on the main pages.
 */

// Two EUR customers, 10 seats × 49.00 a month from 2026-01-01: the run of Jan 1 issues one 490.00 invoice each (due Jan 31).
describe('billing in the browser', () => {
  let h: BrowserHarness;
  const seeded = { nordwind: { accountId: '', invoiceId: '', number: '' }, sonne: { accountId: '', invoiceId: '', number: '' } };

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-01-01T08:00:00Z' });
    for (const [key, name] of [['nordwind', 'Nordwind GmbH'], ['sonne', 'Sonnenschein AG']] as const) {
      const account = await createAccount(h.ctx, { name, currency: 'EUR', country: 'DE' });
      await createSubscription(h.ctx, { accountId: account.id, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
      seeded[key].accountId = account.id;
    }
    const run = await runBilling(h.ctx, { date: '2026-01-01', issue: true });
    expect(run).toMatchObject({ invoicesIssued: 2, errors: [] });
    for (const key of ['nordwind', 'sonne'] as const) {
      const [invoice] = (await listInvoices(h.ctx, { accountId: seeded[key].accountId })).data;
      seeded[key].invoiceId = invoice?.id ?? '';
      seeded[key].number = invoice?.number ?? '';
    }
    // A third customer's invoice stays a draft (a run without --issue): it is not yet owed.
    const draftAccount = await createAccount(h.ctx, { name: 'Entwurf KG', currency: 'EUR', country: 'DE' });
    await createSubscription(h.ctx, { accountId: draftAccount.id, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 1, unitPriceMinor: 4900 }] });
    expect(await runBilling(h.ctx, { date: '2026-01-01' })).toMatchObject({ invoicesDrafted: 1, invoicesIssued: 0, errors: [] });
    h.clock.set('2026-03-10T09:00:00Z'); // Nordwind's invoice is now 38 days past due
  }, 240_000);
  afterAll(() => h?.close());


  it('lists, opens, prints, collects part of and voids invoices; shows the worklist', async () => {
    const { page, context, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });

    // The list: find Nordwind's invoice and open it.
    await page.goto('/billing/invoices');
    const row = page.getByTestId('invoice-list').locator('tr', { hasText: seeded.nordwind.number });
    await row.getByText('Nordwind GmbH').waitFor();
    await expect(row.getByTestId('invoice-open').textContent()).resolves.toBe('€490.00');
    // A draft owes nothing yet: no open amount in the list.
    const draftRow = page.getByTestId('invoice-list').locator('tr', { hasText: 'Entwurf KG' });
    await expect(draftRow.getByTestId('invoice-open').textContent()).resolves.toBe('—');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-invoices');
    await row.locator('td').first().click();
    await page.waitForURL(`**/billing/invoices/${seeded.nordwind.invoiceId}`);
    await expect(page.getByTestId('invoice-amount-due').textContent()).resolves.toBe('€490.00');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-invoice-detail');

    // The PDF behind the link answers as a PDF.
    const href = await page.getByTestId('invoice-pdf').getAttribute('href');
    const pdf = await context.request.get(href ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Record 200.00 kept as credit, then apply 150.00 of it to the invoice by hand: 50.00 stays unapplied.
    await page.getByRole('link', { name: 'Record payment' }).click();
    await page.waitForURL('**/billing/payments?**');
    await page.getByLabel('Amount', { exact: true }).fill('200.00');
    await page.getByLabel('Received on').fill('03/10/2026');
    await page.getByRole('button', { name: 'Record payment' }).click();
    const panel = page.getByTestId('cash-application');
    await expect(panel.getByTestId('payment-unapplied').textContent()).resolves.toBe('€200.00');
    await panel.getByLabel(`Amount to apply to ${seeded.nordwind.number}`).fill('150.00');
    await page.getByText('Remaining unapplied: €50.00').waitFor();
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-payments');
    await panel.getByRole('button', { name: 'Apply to invoices' }).click();
    await panel.getByTestId('payment-unapplied').getByText('€50.00').waitFor();

    await page.goto(`/billing/invoices/${seeded.nordwind.invoiceId}`);
    await expect(page.getByTestId('invoice-amount-due').textContent()).resolves.toBe('€340.00'); // 49000 − 15000

    // Void Sonnenschein's invoice with a reason: a credit note appears.
    await page.goto(`/billing/invoices/${seeded.sonne.invoiceId}`);
    await page.getByRole('button', { name: 'Void…' }).click();
    await page.getByRole('button', { name: 'Void with credit note' }).click();
    await page.getByText('This field is required.').waitFor(); // no reason, no void
    await page.getByLabel('Reason').fill('Duplicate order');
    await page.getByRole('button', { name: 'Void with credit note' }).click();
    await page.getByTestId('credit-notes').getByText('CN-2026-000001').waitFor();
    // The credit note as a document of its own, linked beside it.
    const creditNotePdf = page.getByTestId('credit-notes').getByRole('link', { name: 'Credit note CN-2026-000001 as PDF' });
    const pdfResponse = await page.request.get((await creditNotePdf.getAttribute('href')) ?? '');
    expect({ status: pdfResponse.status(), type: pdfResponse.headers()['content-type'] }).toEqual({ status: 200, type: 'application/pdf' });
    await expect(page.getByTestId('invoice-status').textContent()).resolves.toBe('Void');

    // The invoice's change history, opened on demand: the void is the newest entry, status issued → void.
    const history = page.getByTestId('record-history');
    expect(await history.getByTestId('audit-trail-entry').count()).toBe(0); // collapsed: nothing fetched
    await history.getByRole('button', { name: 'Change history' }).click();
    const voidEntry = history.getByTestId('audit-trail-entry').first();
    await voidEntry.locator('.badge', { hasText: /^Voided$/ }).waitFor(); // the action in words (audit labels), not the code
    const statusChange = voidEntry.getByRole('row', { name: /^status\b/ });
    await expect(statusChange.locator('del').textContent()).resolves.toBe('issued');
    await expect(statusChange.locator('ins').textContent()).resolves.toBe('void');
    await voidEntry.getByRole('cell', { name: 'Duplicate order' }).waitFor(); // the reason, only after
    await expectNoSeriousAxe(page);

    // The worklist: Nordwind is overdue (340.00, 38 days); the voided Sonnenschein is not.
    await page.goto('/billing/collections');
    const worklist = page.getByTestId('collections-worklist');
    const overdue = worklist.getByTestId('worklist-row').filter({ hasText: 'Nordwind GmbH' });
    await overdue.getByText('€340.00').waitFor();
    await overdue.getByText('38 d').waitFor();
    expect(await worklist.getByText('Sonnenschein AG').count()).toBe(0);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-collections');
    await overdue.getByRole('button', { name: /Add promise/ }).click();
    await page.getByLabel('Promised date').fill('03/20/2026');
    await page.getByLabel('Amount (EUR)').fill('340');
    await page.getByRole('button', { name: 'Save' }).click();
    await overdue.getByText('€340.00 by Mar 20, 2026').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('speaks German with German number formats', async () => {
    // A German browser (a reload keeps the browser's language; the user's saved one applies at sign-in).
    const { page, pageErrors } = await h.newPage({ locale: 'de-DE' });
    await h.signIn(page, { email: 'buchhaltung@example.com', name: 'Berta Buchhaltung', role: 'finance', locale: 'de' });
    await page.goto('/billing/invoices');
    await page.getByRole('heading', { name: 'Rechnungen', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Offener Betrag' }).waitFor();
    const row = page.getByTestId('invoice-list').locator('tr', { hasText: seeded.nordwind.number });
    await expect(row.getByTestId('invoice-open').textContent().then((text) => text?.replace(/\u00a0/g, ' '))).resolves.toBe('340,00 €');
    expect(await sticksOut(page)).toEqual([]);

    // Issue dates typed as Germans write them (the app's language decides, not the browser's); the URL and the API keep ISO days.
    const issuedFrom = page.getByLabel('Ausgestellt ab');
    const issuedTo = page.getByLabel('Ausgestellt bis');
    expect(await issuedTo.getAttribute('placeholder')).toBe('TT.MM.JJJJ');
    await issuedFrom.fill('1.1.2026');
    await page.waitForURL('**/billing/invoices?from=2026-01-01');
    const asked = page.waitForRequest((request) => {
      const url = new URL(request.url());
      return url.pathname === '/api/v1/invoices' && url.searchParams.get('issueDateFrom') === '2026-01-01' && url.searchParams.get('issueDateBefore') === '2026-02-01';
    });
    await issuedTo.fill('31.01.2026');
    await page.waitForURL('**/billing/invoices?from=2026-01-01&to=2026-01-31');
    await asked;
    const list = page.getByTestId('invoice-list');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2); // the January invoices; the draft has no issue date
    expect(await list.getByText('Entwurf KG').count()).toBe(0);
    await issuedFrom.blur();
    await expect(issuedFrom.inputValue()).resolves.toBe('01.01.2026'); // written in the pattern once left
    // A link's ISO days shown in German; no day of January after the 1st has an invoice.
    await page.goto('/billing/invoices?from=2026-01-02&to=2026-01-31');
    await list.getByText('Keine Rechnungen zu diesen Filtern.').waitFor();
    await expect(issuedFrom.inputValue()).resolves.toBe('02.01.2026');
    // A day that does not exist is named at the field, in German, and filters nothing.
    await issuedTo.fill('31.02.2026');
    await issuedTo.press('Tab');
    await page.getByText('Den 31.02.2026 gibt es nicht: Der letzte Tag dieses Monats ist der 28.02.2026.').waitFor();
    expect(await issuedTo.getAttribute('aria-invalid')).toBe('true');
    await page.waitForURL('**/billing/invoices?from=2026-01-02');
    await page.goto('/billing/collections');
    await page.getByRole('heading', { name: 'Mahnwesen: Arbeitsliste' }).waitFor();
    await page.getByTestId('worklist-row').first().waitFor();
    expect(await sticksOut(page)).toEqual([]);

    // Credit notes: the void of the first test, its credit in German, the headings inside their columns.
    await page.getByRole('link', { name: 'Gutschriften' }).click();
    await page.getByRole('heading', { name: 'Gutschriften', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Offenes Guthaben' }).waitFor();
    const creditNote = page.getByTestId('credit-note-list').locator('tr', { hasText: 'CN-2026-000001' });
    await creditNote.getByText(seeded.sonne.number).waitFor();
    await expect(creditNote.locator('td').nth(4).textContent().then((text) => text?.replace(/\u00a0/g, ' '))).resolves.toBe('490,00 €');
    expect(await sticksOut(page)).toEqual([]);

    // Subscriptions: the list, one subscription with its item versions and the invoices it is linked to.
    await page.getByRole('link', { name: 'Abonnements' }).click();
    const subscription = page.getByTestId('subscription-list').locator('tr', { hasText: 'Nordwind GmbH' });
    await subscription.locator('td').first().click();
    await page.getByRole('heading', { name: 'Positionen und Versionen' }).waitFor();
    await page.getByRole('cell', { name: '49,00 €' }).waitFor();
    await page.getByRole('link', { name: seeded.nordwind.number }).waitFor();
    await expectNoSeriousAxe(page);

    // Commissions: the signed-in user's statement for a month (none earned), the month chosen by its German name;
    // the API gets the ISO month. A three-digit year is named at the field and no statement is asked for.
    await page.getByRole('link', { name: 'Provisionen' }).click();
    const statementPeriods: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/commissions/statements') statementPeriods.push(url.searchParams.get('period') ?? '');
    });
    await page.getByLabel('Monat', { exact: true }).selectOption({ label: 'März' });
    await page.getByLabel('Monat, Jahr').fill('202');
    await page.getByRole('button', { name: 'Abrechnung anzeigen' }).click();
    await page.getByText('Geben Sie das Jahr vierstellig ein, z. B. 2026.').waitFor();
    expect(await page.getByLabel('Monat, Jahr').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Monat, Jahr').fill('2026');
    await page.getByRole('button', { name: 'Abrechnung anzeigen' }).click();
    await page.getByText('Keine Provision in diesem Monat.').waitFor();
    expect(statementPeriods).toEqual(['2026-03']);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('fits the Russian collections worklist into its card', async () => {
    // Russian's long words (Последний контакт, Обещание оплаты) and a promise in the row, at 1280 px.
    const { page, pageErrors } = await h.newPage({ locale: 'ru-RU' });
    await h.signIn(page, { email: 'buhgalteriya@example.com', name: 'Вера Бухгалтер', role: 'finance', locale: 'ru' });
    await page.goto('/billing/collections');
    await page.getByRole('heading', { name: 'Рабочий список взыскания' }).waitFor();
    const overdue = page.getByTestId('worklist-row').filter({ hasText: 'Nordwind GmbH' });
    await overdue.getByText('38 дн.').waitFor();
    expect(await sticksOut(page)).toEqual([]);
    // A narrower laptop screen as well: the headroom that keeps 1280 px safe with wider fonts than this browser's.
    await page.setViewportSize({ width: 1024, height: 860 });
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(1024);
    expect(await sticksOut(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    // The worklist and the other lists of the section, in Russian at 1280 px: no heading past its column, no word
    // broken, and no date, status, method, currency or amount cut with an ellipsis (only names, references and
    // descriptions may be: "28 нояб. 2026 г.", Выставлен, Банковский перевод were cut before).
    await page.setViewportSize({ width: 1280, height: 860 });
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(1280);
    expect(await cutText(page)).toEqual([]);
    const lists = [
      ['/billing/invoices', 'td.data-table__cell'], ['/billing/credit-notes', 'td.data-table__cell'], ['/billing/payments', 'td.data-table__cell'],
      ['/billing/aging', 'thead th'], ['/billing/subscriptions', 'td.data-table__cell'], ['/billing/ledger', 'thead th'], ['/billing/ledger/entries', 'td.data-table__cell'],
    ] as const;
    const found: { path: string; problems: string[] }[] = [];
    for (const [path, loaded] of lists) {
      await page.goto(path);
      await page.locator(loaded).first().waitFor();
      found.push({ path, problems: await layoutProblems(page) });
    }
    expect(found).toEqual(lists.map(([path]) => ({ path, problems: [] })));
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('lists credit notes, filters them and opens one with its lines, credit and PDF', async () => {
    // A fourth customer paid March in advance and cancels on Mar 10: 22/31 of 490.00 unused → a credit note of
    // 347.74 with nothing to settle (docs/billing.md "Changes"), still open. Billed for this one subscription only.
    const account = await createAccount(h.ctx, { name: 'Kündigung AG', currency: 'EUR', country: 'DE' });
    const subscription = await createSubscription(h.ctx, { accountId: account.id, currency: 'EUR', startDate: '2026-03-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 10, unitPriceMinor: 4900 }] });
    const drafted = await draftInvoicesForSubscription(h.ctx, { subscriptionId: subscription.id, throughDate: '2026-03-10' });
    expect(drafted.invoiceIds).toHaveLength(1);
    for (const invoiceId of drafted.invoiceIds) await issueInvoice(h.ctx, { invoiceId });
    await recordPayment(h.ctx, { accountId: account.id, amount: { amountMinor: 49000, currency: 'EUR' }, receivedDate: '2026-03-10' });
    await cancelSubscription(h.ctx, { id: subscription.id, cancelDate: '2026-03-10' });
    expect((await draftInvoicesForSubscription(h.ctx, { subscriptionId: subscription.id, throughDate: '2026-03-10' })).creditNoteIds).toHaveLength(1);

    const { page, context, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/billing/invoices');
    await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: 'Credit notes' }).click();
    await page.waitForURL('**/billing/credit-notes');
    const list = page.getByTestId('credit-note-list');
    // Both: the void of Sonnenschein's invoice (first test) with nothing left, the cancellation's credit still open.
    const voidRow = list.locator('tr', { hasText: 'CN-2026-000001' });
    const openRow = list.locator('tr', { hasText: 'CN-2026-000002' });
    await voidRow.getByText('Sonnenschein AG').waitFor();
    await expect(voidRow.getByTestId('credit-note-remaining').textContent()).resolves.toBe('—');
    await expect(openRow.getByTestId('credit-note-remaining').textContent()).resolves.toBe('€347.74');
    // Issued the same day: the later number first.
    const order = await list.locator('tr', { hasText: /CN-2026-/ }).evaluateAll((rows) => rows.map((row) => /CN-2026-\d+/.exec(row.textContent ?? '')?.[0]));
    expect(order).toEqual(['CN-2026-000002', 'CN-2026-000001']);
    // Document numbers and the customer are read whole, never cut with an ellipsis.
    const cut = await voidRow.locator('td').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent));
    expect(cut).toEqual([]);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-credit-notes');

    // Only open credit: the void leaves the list (filtered on the server, the filter in the URL).
    await page.locator('#credit-note-open-filter').selectOption('true');
    await page.waitForURL('**/billing/credit-notes?open=true');
    await expect.poll(() => voidRow.count()).toBe(0);
    await openRow.getByText('Kündigung AG').waitFor();

    // Its page: the reason in the reader's words, the open credit, its line (negative, as on its PDF) and the PDF.
    await openRow.locator('td').first().click();
    await page.getByRole('heading', { name: 'CN-2026-000002', level: 1 }).waitFor();
    await expect(page.getByTestId('credit-note-reason').textContent()).resolves.toBe('Credit for unused time (subscription change on Mar 10, 2026)');
    await expect(page.getByTestId('credit-note-open-credit').textContent()).resolves.toBe('€347.74');
    const lines = page.getByRole('region', { name: 'Lines' }).locator('tbody tr');
    expect(await lines.count()).toBe(1);
    await expect(lines.first().locator('td').last().textContent()).resolves.toBe('-€347.74');
    await page.getByTestId('credit-note-settlements').getByText('Not applied to any invoice yet.').waitFor();
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-credit-note-detail');
    const pdf = await context.request.get((await page.getByTestId('credit-note-pdf').getAttribute('href')) ?? '');
    expect({ status: pdf.status(), type: pdf.headers()['content-type'] }).toEqual({ status: 200, type: 'application/pdf' });
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The void's page, reached from the list filtered by kind: it links its invoice and credited it in full.
    await page.goto('/billing/credit-notes?kind=void');
    await page.getByTestId('credit-note-list').locator('tr', { hasText: 'CN-2026-000001' }).locator('td').first().click();
    await page.getByRole('heading', { name: 'CN-2026-000001', level: 1 }).waitFor();
    await expect(page.getByTestId('credit-note-invoice').textContent()).resolves.toBe(seeded.sonne.number);
    await expect(page.getByTestId('credit-note-reason').textContent()).resolves.toBe('Invoice voided: Duplicate order');
    await page.getByText(`Credited in full to invoice ${seeded.sonne.number} when issued.`).waitFor();

    // The Customer 360 links the customer's credit notes: the list filtered to them.
    await page.goto(`/customers/${account.id}`);
    await page.getByTestId('customer-credit-notes').click();
    await page.waitForURL(`**/billing/credit-notes?accountId=${account.id}`);
    await page.getByTestId('credit-note-list').locator('tr', { hasText: 'CN-2026-000002' }).waitFor();
    await expect.poll(() => page.getByTestId('credit-note-list').locator('tr', { hasText: 'CN-2026-000001' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows aged receivables per customer with totals, as of a day, and downloads them as CSV', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/billing/invoices');
    await page.getByRole('link', { name: 'Aged receivables' }).click();
    await page.waitForURL('**/billing/aging');
    const table = page.getByTestId('aging-table');
    // Nordwind: 490.00 − 150.00 paid, 38 days past due on Mar 10 → 31–60 days.
    const nordwind = table.getByTestId('aging-row').filter({ hasText: 'Nordwind GmbH' });
    await expect(nordwind.locator('[data-column="days31To60"]').textContent()).resolves.toBe('€340.00');
    await expect(nordwind.locator('[data-column="current"]').textContent()).resolves.toBe('—');
    // The voided invoice owes nothing: Sonnenschein is not listed.
    expect(await table.getByText('Sonnenschein AG').count()).toBe(0);
    const total = table.getByTestId('aging-total');
    await expect(total.locator('th').textContent()).resolves.toBe('Total EUR');
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-aging');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('ar-aging-2026-03-10.csv');
    const csv = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(csv.split('\r\n')[0]).toBe('as_of,customer,account_id,currency,current,days_1_to_30,days_31_to_60,days_61_to_90,over_90,total,unapplied_credits,net');
    expect(csv).toContain(`2026-03-10,Nordwind GmbH,${seeded.nordwind.accountId},EUR,0.00,0.00,340.00,0.00,0.00,340.00,0.00,340.00`);
    // As of Feb 15, before the payment: Nordwind owed 490.00, 15 days past due.
    await page.getByLabel('As of', { exact: true }).fill('02/15/2026');
    await page.waitForURL('**/billing/aging?asOf=2026-02-15');
    await page.getByText('Receivables as of Feb 15, 2026').waitFor();
    await expect(nordwind.locator('[data-column="days1To30"]').textContent()).resolves.toBe('€490.00');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('finds invoices by customer or number and by issue dates, the filters kept in the URL', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/billing/invoices');
    const list = page.getByTestId('invoice-list');
    await list.locator('tr', { hasText: 'Entwurf KG' }).waitFor();
    // Typing pauses, then the server is asked: only Sonnenschein's invoice (any case, part of the name).
    await page.getByLabel('Find').fill('sonnen');
    await page.waitForURL('**/billing/invoices?q=sonnen');
    await list.locator('tr', { hasText: seeded.sonne.number }).waitFor();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    // By number; the issue dates leave the draft out (it has none yet).
    await page.getByLabel('Find').fill(seeded.nordwind.number.toLowerCase());
    await list.locator('tr', { hasText: 'Nordwind GmbH' }).waitFor();
    await page.getByLabel('Find').fill('');
    await page.getByLabel('Issued from').fill('01/01/2026');
    await page.getByLabel('Issued to').fill('1/1/2026');
    await page.waitForURL('**/billing/invoices?from=2026-01-01&to=2026-01-01');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    expect(await list.getByText('Entwurf KG').count()).toBe(0);
    // A link keeps the filters: the rest of January has no invoices.
    await page.goto('/billing/invoices?from=2026-01-02&to=2026-01-31');
    await list.getByText('No invoices').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('finds the payments with money left to apply, by reference, and opens one for cash application', async () => {
    // Besides Nordwind's 200.00 (150.00 applied in the first test) and Kündigung's 490.00 (all of it paid its
    // invoice): Sonnenschein's transfer finds no open invoice (its invoice was voided), a US customer's card payment neither.
    await recordPayment(h.ctx, { accountId: seeded.sonne.accountId, amount: { amountMinor: 12000, currency: 'EUR' }, receivedDate: '2026-03-05', reference: 'SEPA-REF-4711 Sonnenschein' });
    const hudson = await createAccount(h.ctx, { name: 'Hudson Analytics Inc', currency: 'USD', country: 'US' });
    await recordPayment(h.ctx, { accountId: hudson.id, amount: { amountMinor: 7500, currency: 'USD' }, receivedDate: '2026-03-09', method: 'card', reference: 'ch_3PqR' });

    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'fin@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/billing/payments');
    const list = page.getByTestId('payment-list');
    const row = (customer: string) => list.locator('tbody tr', { hasText: customer });
    await row('Kündigung AG').waitFor();
    // What is left on each payment, or a dash when nothing is.
    await expect(row('Kündigung AG').getByTestId('payment-list-unapplied').textContent()).resolves.toBe('—');
    await expect(row('Nordwind GmbH').getByTestId('payment-list-unapplied').textContent()).resolves.toBe('€50.00');

    // Only money still to apply (filtered on the server, the filter in the URL): Kündigung's payment leaves.
    await page.locator('#payment-unapplied-filter').selectOption('true');
    await page.waitForURL('**/billing/payments?unapplied=true');
    await expect.poll(() => row('Kündigung AG').count()).toBe(0);
    await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
    await expect(row('Hudson Analytics Inc').getByTestId('payment-list-unapplied').textContent()).resolves.toBe('$75.00');
    // By part of the reference, any case, once typing pauses.
    await page.getByLabel('Find payment').fill('ref-4711');
    await page.waitForURL('**/billing/payments?unapplied=true&q=ref-4711');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await expect(row('Sonnenschein AG').getByTestId('payment-list-unapplied').textContent()).resolves.toBe('€120.00');
    // The customer is read whole beside the new column, never cut with an ellipsis.
    expect(await row('Sonnenschein AG').locator('td').nth(1).evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'billing-payments-filtered');

    // Opening it brings up its cash application with the money left to apply.
    await row('Sonnenschein AG').locator('td').first().click();
    const panel = page.getByTestId('cash-application');
    await expect(panel.getByTestId('payment-unapplied').textContent()).resolves.toBe('€120.00');
    await panel.getByText('This customer has no open invoices in this currency.').waitFor();

    // A link keeps the filters: card payments in USD received Mar 9–10; and the Customer 360's link by customer.
    await page.goto('/billing/payments?method=card&currency=USD&from=2026-03-09&to=2026-03-10');
    await row('Hudson Analytics Inc').waitFor();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await page.goto('/billing/payments?from=2026-03-06&to=2026-03-08');
    await list.getByText('No payments match these filters.').waitFor();
    await page.goto(`/billing/payments?accountId=${seeded.nordwind.accountId}`);
    await row('Nordwind GmbH').waitFor();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    await expect(page.locator('#payment-account-filter').inputValue()).resolves.toBe(seeded.nordwind.accountId);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('fits the German payments list, its new column and its filters, into the page', async () => {
    const { page, pageErrors } = await h.newPage({ locale: 'de-DE' });
    await h.signIn(page, { email: 'buchhaltung@example.com', name: 'Berta Buchhaltung', role: 'finance', locale: 'de' });
    await page.goto('/billing/payments?unapplied=true');
    await page.getByRole('columnheader', { name: 'Nicht zugeordnet' }).waitFor();
    const sonne = page.getByTestId('payment-list').locator('tbody tr', { hasText: 'Sonnenschein AG' });
    await expect(sonne.getByTestId('payment-list-unapplied').textContent().then((text) => text?.replace(/\u00a0/g, ' '))).resolves.toBe('120,00 €');
    await page.getByLabel('Nicht zugeordneter Betrag').waitFor();
    expect(await sticksOut(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
