import { createSubscription, listInvoices, recognizeRevenue, runBilling, setTaxRate, setTaxSettings, voidInvoice } from '../../billing/index.ts';
import { createAccount } from '../../crm/index.ts';
import { createLedgerAccount, LEDGER_ACCOUNTS, postJournalEntry } from '../../ledger/index.ts';
import { chargebackPayment, recordPayment, refundPayment } from '../../payments/index.ts';
import type { FakeClock } from '../../shared/clock.ts';
import type { Ctx } from '../../shared/context.ts';
import { money } from '../../shared/money.ts';

export type FinanceExample = Record<'atlas' | 'birch' | 'cedar', string>;

/**
 * The finance worked example of docs/metrics.md, written through the billing, payments and ledger
 * services on a fake clock (EUR, seller in Germany, 19 % VAT for German customers), Q1 2026:
 * Atlas 10 seats × 100.00 a month in advance for a 12-month term; Birch 12,000.00 a year in
 * advance, 12-month term; Cedar open-ended, 500.00 a month in arrears from 15 January plus a
 * 300.00 set-up fee. Recognition runs at each month end; payments, a refund, a chargeback, a void
 * and 100.00 of interest income (non-operating) happen on the dates in the docs.
 */
export async function seedFinanceExample(ctx: Ctx, clock: FakeClock): Promise<FinanceExample> {
  const on = (date: string) => clock.set(`${date}T06:00:00Z`);
  on('2026-01-01');
  await setTaxSettings(ctx, { sellerCountry: 'DE', pricesIncludeTax: false });
  await setTaxRate(ctx, { sellerCountry: 'DE', customerCountry: 'DE', rateBps: 1_900, name: 'USt 19%' });
  const account = async (name: string, segment: string, country: string) => (await createAccount(ctx, { name, segment, country, currency: 'EUR' })).id;
  const ids = { atlas: await account('Atlas', 'smb', 'DE'), birch: await account('Birch', 'enterprise', 'US'), cedar: await account('Cedar', 'smb', 'DE') };
  const calendar = { currency: 'EUR', billingMode: 'calendar' } as const;
  await createSubscription(ctx, { ...calendar, accountId: ids.atlas, startDate: '2026-01-01', endDate: '2027-01-01', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 10_000 }] });
  await createSubscription(ctx, { ...calendar, accountId: ids.birch, startDate: '2026-01-01', endDate: '2027-01-01', items: [{ itemKey: 'platform', quantity: 1, unitPriceMinor: 1_200_000, billingIntervalMonths: 12 }] });
  const bill = async (date: string) => {
    on(date);
    const run = await runBilling(ctx, { date, issue: true });
    if (run.errors.length > 0) throw new Error(`billing run ${date}: ${JSON.stringify(run.errors)}`);
  };
  await bill('2026-01-01');
  on('2026-01-15');
  await createSubscription(ctx, { ...calendar, accountId: ids.cedar, startDate: '2026-01-15', items: [
    { itemKey: 'seat', quantity: 1, unitPriceMinor: 50_000, timing: 'in_arrears' },
    { itemKey: 'setup', kind: 'one_time', quantity: 1, unitPriceMinor: 30_000 },
  ] });
  await bill('2026-01-15');
  const invoiceOf = async (accountId: string, issueDate: string) => {
    const invoice = (await listInvoices(ctx, { accountId })).data.find((i) => i.issueDate === issueDate);
    if (!invoice) throw new Error(`no invoice of ${accountId} issued ${issueDate}`);
    return invoice;
  };
  on('2026-01-20');
  await recordPayment(ctx, { accountId: ids.atlas, amount: { amountMinor: 119_000, currency: 'EUR' }, receivedDate: '2026-01-20' });
  on('2026-01-31');
  await recognizeRevenue(ctx, { date: '2026-01-31' });
  await bill('2026-02-01');
  on('2026-02-05');
  const setup = await invoiceOf(ids.cedar, '2026-01-15');
  const cedarPayment = await recordPayment(ctx, { accountId: ids.cedar, amount: { amountMinor: 40_000, currency: 'EUR' }, receivedDate: '2026-02-05', allocations: [{ invoiceId: setup.id, amountMinor: 35_700 }] });
  on('2026-02-10');
  await recordPayment(ctx, { accountId: ids.birch, amount: { amountMinor: 600_000, currency: 'EUR' }, receivedDate: '2026-02-10' });
  on('2026-02-15');
  const atlasFebruary = await recordPayment(ctx, { accountId: ids.atlas, amount: { amountMinor: 119_000, currency: 'EUR' }, receivedDate: '2026-02-15' });
  on('2026-02-20');
  await refundPayment(ctx, { paymentId: cedarPayment.id, amountMinor: 4_300, date: '2026-02-20' });
  on('2026-02-27');
  await createLedgerAccount(ctx, { code: '4500', name: 'Interest income', type: 'revenue' });
  await postJournalEntry(ctx, {
    entryDate: '2026-02-27', description: 'Bank interest', source: { type: 'manual', id: 'interest-2026-02' }, idempotencyKey: 'manual:interest-2026-02',
    lines: [{ accountCode: LEDGER_ACCOUNTS.cash, debit: money(10_000n, 'EUR') }, { accountCode: '4500', credit: money(10_000n, 'EUR') }],
  });
  on('2026-02-28');
  await recognizeRevenue(ctx, { date: '2026-02-28' });
  await bill('2026-03-01');
  on('2026-03-05');
  await voidInvoice(ctx, { invoiceId: (await invoiceOf(ids.cedar, '2026-03-01')).id, reason: 'billed in error' });
  on('2026-03-10');
  await chargebackPayment(ctx, { paymentId: atlasFebruary.id, date: '2026-03-10' });
  on('2026-03-31');
  await recognizeRevenue(ctx, { date: '2026-03-31' });
  return ids;
}
