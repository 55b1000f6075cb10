import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createAccount, getAccount, updateAccount } from '../../crm/index.ts';
import { cancelSubscription } from '../cancel-subscription.ts';
import { changeSubscriptionItems } from '../change-subscription-items.ts';
import { scenarioKit } from '../invoicing/scenario-kit.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import { setTaxRate, setTaxSettings } from './tax-settings.ts';

// A credit for unused time corrects a charge already invoiced, so it carries that charge's VAT — the
// rate and the inclusive/exclusive mode it was taxed with — even when the rate, the mode or the
// customer's VAT status changed since (otherwise the customer never gets back the VAT they paid, or
// gets back VAT they never paid).
describe('tax of credit lines', () => {
  let t: TestContext;
  const kit = scenarioKit(() => t);
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-01-01T06:00:00Z' });
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1900, name: 'USt 19%' });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'FR', rateBps: 2000, name: 'TVA 20%' });
  });
  afterAll(() => t.close());

  async function subscribe(country: string) {
    const { id } = await createAccount(t.ctx, { name: `Customer ${country}`, currency: 'EUR', country });
    return { accountId: id, sub: await createSubscription(t.ctx, makeSubscriptionInput(id, { currency: 'EUR', startDate: '2026-01-01', items: [makeItemInput()] })) };
  }

  it('a cancellation credit after a rate change is taxed at the rate of the charge it credits', async () => {
    const { sub } = await subscribe('DE');
    const [invoice] = (await kit.billOn(sub.id, '2026-01-01')).invoices;
    expect(invoice).toMatchObject({ taxMinor: 9310n, totalMinor: 58310n });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1600, name: 'USt 16%' });
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    const [note] = (await kit.billOn(sub.id, '2026-01-20')).creditNotes;
    // −18968 at 19% = −3603.92 → −3604 (not 16%: −3035)
    expect(note?.lines.map((line) => [line.amountMinor, line.taxRateBps, line.taxMinor])).toEqual([[-18968n, 1900, -3604n]]);
    expect(note).toMatchObject({ totalMinor: 22572n });
    await setTaxRate(t.ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1900, name: 'USt 19%' });
  });

  it('an upgrade after the customer gave a valid VAT id: the credit line refunds the VAT charged, the new charge is reverse-charged', async () => {
    const { accountId, sub } = await subscribe('FR');
    expect((await kit.billOn(sub.id, '2026-01-01')).invoices[0]).toMatchObject({ taxMinor: 9800n });
    const account = await getAccount(t.ctx, accountId);
    await updateAccount(t.ctx, { id: accountId, expectedVersion: account.version, changes: { taxId: 'FR40303265045' } });
    await changeSubscriptionItems(t.ctx, { id: sub.id, effectiveDate: '2026-01-16', changes: [{ action: 'update', itemKey: 'pro-seat', quantity: 20 }] });
    const [upgrade] = (await kit.billOn(sub.id, '2026-01-16')).invoices;
    expect(upgrade?.lines.map((line) => [line.amountMinor, line.taxRateBps, line.taxMinor])).toEqual([[-25290n, 2000, -5058n], [50581n, 0, 0n]]);
    expect(upgrade?.taxNote).toMatch(/^Reverse charge/);
  });

  it('a credit after prices switched from tax-inclusive to tax-exclusive keeps the inclusive treatment of its charge', async () => {
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: true });
    const { sub } = await subscribe('DE');
    expect((await kit.billOn(sub.id, '2026-01-01')).invoices[0]).toMatchObject({ subtotalMinor: 41176n, taxMinor: 7824n, totalMinor: 49000n });
    await setTaxSettings(t.ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
    t.clock.set('2026-01-20T06:00:00Z');
    await cancelSubscription(t.ctx, { id: sub.id, cancelDate: '2026-01-20' });
    const [note] = (await kit.billOn(sub.id, '2026-01-20')).creditNotes;
    // gross −18968 inside which 19/119 is VAT: −3028.5 → −3029 (half away from zero); the credit is the gross 18968
    expect(note?.lines.map((line) => [line.amountMinor, line.taxInclusive, line.taxMinor])).toEqual([[-18968n, true, -3029n]]);
    expect(note).toMatchObject({ totalMinor: 18968n });
  });
});
