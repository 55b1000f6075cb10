import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscription, getInvoice, listInvoices, runBilling } from '../../src/billing/index.ts';
import { createAccount } from '../../src/crm/index.ts';
import { listPayments } from '../../src/payments/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { expectNoSeriousAxe } from '../support/expect-axe.ts';

/**
 * A German bookkeeper imports the bank's CSV download in the browser: `;`-separated, Windows-1252,
 * decimal commas, German column names. Checking it shows what each line would do and saves nothing;
 * importing records the customer's payment against the invoice named in the reference, skips the
 * bank's fee, and leaves the line it cannot place as an error to fix.
 */
describe('bank statement import in the browser', () => {
  let h: BrowserHarness;
  const seeded = { accountId: '', invoiceId: '', number: '' };

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-01-01T08:00:00Z' });
    const account = await createAccount(h.ctx, { name: 'Müller Maschinenbau GmbH', currency: 'EUR', country: 'DE' });
    await createSubscription(h.ctx, { accountId: account.id, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'pro-seat', quantity: 30, unitPriceMinor: 4900 }] });
    expect(await runBilling(h.ctx, { date: '2026-01-01', issue: true })).toMatchObject({ invoicesIssued: 1, errors: [] });
    const [invoice] = (await listInvoices(h.ctx, { accountId: account.id })).data;
    Object.assign(seeded, { accountId: account.id, invoiceId: invoice?.id ?? '', number: invoice?.number ?? '' });
    h.clock.set('2026-01-20T09:00:00Z');
  }, 240_000);
  afterAll(() => h?.close());

  it('checks a German bank export, then imports it', async () => {
    const { page, pageErrors } = await h.newPage({ locale: 'de-DE' });
    await h.signIn(page, { email: 'buchhaltung@example.com', name: 'Berta Buchhaltung', role: 'finance', locale: 'de' });
    await page.goto('/billing/payments');
    const panel = page.getByTestId('statement-import');
    await panel.getByRole('heading', { name: 'Kontoauszug importieren' }).waitFor();
    // The German UI starts with the decimal comma, as German banks write amounts.
    await expect(panel.getByLabel('Beträge geschrieben als').inputValue()).resolves.toBe(',');

    const text = [
      'Buchungstag;Valutadatum;Verwendungszweck;Betrag;Währung',
      `15.01.2026;15.01.2026;Überweisung ${seeded.number} Müller;1.470,00;EUR`,
      '16.01.2026;16.01.2026;Kontoführung Januar;-9,90;EUR',
      '17.01.2026;17.01.2026;Unbekannter Zahler;250,00;EUR',
    ].join('\r\n');
    const windows1252 = Buffer.from([...text].map((char) => char.charCodeAt(0)));
    await panel.getByLabel('Kontoauszug (CSV)').setInputFiles({ name: 'umsaetze-januar.csv', mimeType: 'text/csv', buffer: windows1252 });
    await panel.getByRole('button', { name: 'Auszug prüfen' }).click();

    const rows = panel.getByTestId('statement-rows');
    await panel.getByText('Prüfung: 1 Zahlungen würden erfasst, 0 bereits importiert, 1 übersprungen, 1 mit Fehlern.').waitFor();
    const paid = rows.locator('tr[data-outcome="would_record"]');
    await paid.getByText(`Überweisung ${seeded.number} Müller`).waitFor();
    await paid.getByRole('link', { name: 'Müller Maschinenbau GmbH' }).waitFor();
    await expect(paid.locator('td').nth(1).textContent()).resolves.toBe('15.01.2026');
    await expect(paid.locator('td').nth(4).textContent().then((value) => value?.replace(/\u00a0/g, ' '))).resolves.toBe('1.470,00 €');
    await paid.getByRole('link', { name: seeded.number }).waitFor();
    const fee = rows.locator('tr[data-outcome="skipped"]');
    await fee.getByText('Übersprungen: Ausgang (keine Kundenzahlung)').waitFor();
    await expect(fee.locator('td').nth(4).textContent().then((value) => value?.replace(/\u00a0/g, ' '))).resolves.toBe('-9,90 €');
    await rows.locator('tr[data-outcome="error"]').getByText('Kunde: keine Kundenspalte, und der Verwendungszweck nennt keine offene Rechnung').waitFor();
    // Checking saved nothing.
    expect((await listPayments(h.ctx, { accountId: seeded.accountId })).data).toEqual([]);
    await expectNoSeriousAxe(page);
    await h.screenshot(page, 'statement-import-check');

    await panel.getByRole('button', { name: 'Zahlungen importieren (1)' }).click();
    await panel.getByText('Importiert: 1 Zahlungen erfasst, 0 bereits importiert, 1 übersprungen, 1 mit Fehlern.').waitFor();
    await rows.locator('tr[data-outcome="recorded"]').getByText('Erfasst').waitFor();
    // The payments list below shows it at once, and the invoice is paid.
    await page.getByTestId('payment-list').getByText(`Überweisung ${seeded.number} Müller`).waitFor();
    await expect(getInvoice(h.ctx, seeded.invoiceId)).resolves.toMatchObject({ status: 'paid' });

    // The same file again: nothing twice.
    await panel.getByRole('button', { name: 'Auszug prüfen' }).click();
    await panel.getByText('Prüfung: 0 Zahlungen würden erfasst, 1 bereits importiert, 1 übersprungen, 1 mit Fehlern.').waitFor();
    expect(await panel.getByRole('button', { name: /Zahlungen importieren/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('names the missing column of a file that is not a statement', async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'finance@example.com', name: 'Fiona Finance', role: 'finance' });
    await page.goto('/billing/payments');
    const panel = page.getByTestId('statement-import');
    await panel.getByRole('button', { name: 'Check statement' }).click();
    await panel.getByText('Choose the statement file.').waitFor();
    await panel.getByLabel('Statement file (CSV)').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('name,email\nAda,ada@example.com\n') });
    await panel.getByRole('button', { name: 'Check statement' }).click();
    await panel.getByText("The file's header lacks a column").waitFor();
    await panel.getByText(/^Date: column missing/).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
