import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createAccount } from '../../crm/index.ts';
import { LEDGER_ACCOUNTS, trialBalance } from '../../ledger/index.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import { draftInvoicesForSubscription } from '../invoicing/draft-invoices.ts';
import { loadBilledInvoices } from '../invoicing/invoice-documents.ts';
import { issueInvoice } from '../invoicing/issue-invoice.ts';
import { parseTaxNote } from './tax-note.ts';
import { setItemTaxCategory, setTaxRate, setTaxSettings } from './tax-settings.ts';
import { validEuVatId } from './vat-id.ts';

// Seller in Germany. 10 seats × 49.00 = 490.00 a month; VAT 19% domestic, 20% to France, 7% reduced.
describe('tax scenarios', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1900, name: 'USt 19%' });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', taxCategory: 'reduced', rateBps: 700, name: 'USt 7%' });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'FR', rateBps: 2000, name: 'TVA 20%' });
    await setItemTaxCategory(t.ctx, { itemKey: 'ebook', taxCategory: 'reduced' });
  });
  afterAll(() => t.close());

  async function billCustomer(account: { country: string; taxId?: string }, overrides: Parameters<typeof makeSubscriptionInput>[1] = {}) {
    const { id } = await createAccount(t.ctx, { name: `Customer ${account.country} ${account.taxId ?? ''}`, currency: 'EUR', country: account.country, taxId: account.taxId ?? null });
    const sub = await createSubscription(t.ctx, makeSubscriptionInput(id, { currency: 'EUR', startDate: '2026-01-01', ...overrides }));
    const drafted = await draftInvoicesForSubscription(t.ctx, { subscriptionId: sub.id, throughDate: sub.startDate });
    for (const invoiceId of drafted.invoiceIds) await issueInvoice(t.ctx, { invoiceId });
    return loadBilledInvoices(t.ctx, drafted.invoiceIds);
  }

  it('domestic, tax-exclusive: 19% on top, rounded half-up per line, posted to tax payable', async () => {
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    const [invoice] = await billCustomer({ country: 'DE' }, { items: [makeItemInput(), makeItemInput({ itemKey: 'ebook', quantity: 1, unitPriceMinor: 1999 })] });
    // seats: 49000 × 19% = 9310; ebook: 1999 × 7% = 139.93 → 140
    expect(invoice?.lines.map((line) => [line.amountMinor, line.taxRateBps, line.taxMinor])).toEqual([[1999n, 700, 140n], [49000n, 1900, 9310n]]);
    expect(invoice).toMatchObject({ subtotalMinor: 50999n, taxMinor: 9450n, totalMinor: 60449n, taxNote: null });
    const tb = await trialBalance(t.ctx, { asOfDate: '2026-01-01', currency: 'EUR' });
    const byCode = Object.fromEntries(tb.rows.map((row) => [row.accountCode, row.debit.amountMinor - row.credit.amountMinor]));
    expect(byCode).toMatchObject({ [LEDGER_ACCOUNTS.accountsReceivable]: 60449n, [LEDGER_ACCOUNTS.taxPayable]: -9450n, [LEDGER_ACCOUNTS.deferredRevenue]: -50999n });
  });

  it('EU B2B with a valid VAT id: reverse charge, no VAT, noted on the invoice; an invalid id is taxed', async () => {
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    const [reverse] = await billCustomer({ country: 'FR', taxId: 'FR 40 303265045' });
    expect(reverse).toMatchObject({ subtotalMinor: 49000n, taxMinor: 0n, totalMinor: 49000n });
    expect(reverse?.taxNote).toBe('Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC). Customer VAT ID FR40303265045.');
    const [taxed] = await billCustomer({ country: 'FR', taxId: 'FR123' });
    expect(taxed).toMatchObject({ taxMinor: 9800n, totalMinor: 58800n, taxNote: null });
  });

  it('outside the EU: no VAT and the invoice says why, unless a rate is set for that country; a seller outside the EU notes nothing', async () => {
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    const [swiss] = await billCustomer({ country: 'CH', taxId: 'CHE-116.281.710' });
    expect(swiss).toMatchObject({ subtotalMinor: 49000n, taxMinor: 0n, totalMinor: 49000n, taxNote: 'Not subject to VAT: the place of supply is outside the EU (Council Directive 2006/112/EC).' });
    expect(parseTaxNote(swiss?.taxNote ?? null)).toEqual({ kind: 'outside_eu' });
    // Registered for Swiss VAT: the configured rate is charged and nothing is noted.
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'CH', rateBps: 810, name: 'MWST 8.1%' });
    const [registered] = await billCustomer({ country: 'CH' });
    expect(registered).toMatchObject({ taxMinor: 3969n, totalMinor: 52969n, taxNote: null });
    // A seller in the United States: EU VAT is not its concern, whatever the customer's country.
    await setTaxSettings(t.ctx, { sellerCountry: 'US', pricesIncludeTax: false });
    const [fromUs] = await billCustomer({ country: 'GB' });
    expect(fromUs).toMatchObject({ taxMinor: 0n, taxNote: null });
  });

  it('tax-inclusive prices: the price is gross, tax = gross × rate ÷ (1 + rate), also on a prorated line', async () => {
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: true });
    const [full] = await billCustomer({ country: 'DE' });
    // 49000 × 19/119 = 7823.53 → 7824; net 41176
    expect(full).toMatchObject({ subtotalMinor: 41176n, taxMinor: 7824n, totalMinor: 49000n });
    const [prorated] = await billCustomer({ country: 'DE' }, { startDate: '2026-01-15', billingMode: 'calendar' });
    // gross 26871 (17/31); tax 26871 × 19/119 = 4290.29 → 4290; net 22581
    expect(prorated).toMatchObject({ subtotalMinor: 22581n, taxMinor: 4290n, totalMinor: 26871n });
  });

  it('validates VAT id formats and check digits per country', () => {
    expect(validEuVatId('DE136695976', 'DE')).toBe('DE136695976');
    expect(validEuVatId('de 136.695.976', 'DE')).toBe('DE136695976');
    expect(validEuVatId('DE13669597', 'DE')).toBeNull();
    expect(validEuVatId('EL094259216', 'GR')).toBe('EL094259216');
    expect(validEuVatId('FR40303265045', 'DE')).toBeNull();
    expect(validEuVatId('GB123456789', 'GB')).toBeNull();
    // Published ids of real companies, one per country with a check-digit rule; each with its last
    // check digit changed must fail (a typo must not zero the VAT on an invoice).
    const valid: Array<[string, string]> = [
      ['DE136695976', 'DE'], ['ATU13585627', 'AT'], ['IT00743110157', 'IT'], ['BE0411905847', 'BE'], ['NL004495445B01', 'NL'],
      ['NL000099998B57', 'NL'], ['FR40303265045', 'FR'], ['DK13585628', 'DK'], ['FI20774740', 'FI'], ['EL094259216', 'GR'],
      ['PL8567346215', 'PL'], ['PT501964843', 'PT'], ['LU15027442', 'LU'], ['SE556188840401', 'SE'],
    ];
    for (const [id, country] of valid) {
      expect(validEuVatId(id, country), id).toBe(id);
      // The check digit: the last one, except the Dutch company form (before "B01") and Sweden (before "01").
      const checkAt = id === 'NL004495445B01' ? id.length - 4 : country === 'SE' ? id.length - 3 : id.length - 1;
      const typo = `${id.slice(0, checkAt)}${(Number(id[checkAt]) + 1) % 10}${id.slice(checkAt + 1)}`;
      expect(validEuVatId(typo, country), typo).toBeNull();
    }
    // Format-valid, wrong check digits: taxed, not reverse-charged.
    for (const [id, country] of [['DE123456789', 'DE'], ['ATU12345678', 'AT'], ['FR12345678901', 'FR'], ['NL123456789B01', 'NL'], ['EL123456789', 'GR']] as const) {
      expect(validEuVatId(id, country), id).toBeNull();
    }
    // No rule for Spain: the format decides.
    expect(validEuVatId('ESB12345678', 'ES')).toBe('ESB12345678');
  });
});
