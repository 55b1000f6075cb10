import { describe, expect, it } from 'vitest';
import { agingByCurrency, type AgingResponse } from './use-ar-aging.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('agingByCurrency (the AR aging card’s payments data)', () => {
  it('reads unapplied credit notes and net AR per currency beside the buckets', () => {
    const response: AgingResponse = {
      asOfDate: '2026-04-15',
      customers: [{ accountId: 'acct_1', accountName: 'Acme', currency: 'EUR', invoices: [{ invoiceId: 'inv_1', number: 'INV-1', dueDate: '2026-03-31', daysPastDue: 15, bucket: 'days1To30', amountDue: eur(10_000) }] }],
      totals: [{
        currency: 'EUR', buckets: { current: eur(0), days1To30: eur(10_000), days31To60: eur(0), days61To90: eur(0), over90: eur(0), total: eur(10_000) },
        unappliedCredits: eur(18_968), net: eur(-8_968),
      }],
    };
    const [first] = agingByCurrency(response, 'formula');
    expect(first).toMatchObject({ currency: 'EUR', unappliedCreditsMinor: 18_968n, netMinor: -8_968n });
    expect(first?.buckets.find((bucket) => bucket.key === 'days1To30')?.amountMinor).toBe(10_000n);
    expect(first?.explain.contributions).toHaveLength(1);
  });

  it('treats a server without the credit fields as no credits (net = invoices)', () => {
    const [first] = agingByCurrency({ asOfDate: '2026-04-15', customers: [], totals: [{ currency: 'EUR', buckets: { over90: eur(500), total: eur(500) } }] }, 'formula');
    expect([first?.unappliedCreditsMinor, first?.netMinor]).toEqual([0n, 500n]);
  });

  it('asked in a reporting currency, answers one entry in it: every document currency converted, none left out', () => {
    const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
    const response: AgingResponse = {
      asOfDate: '2026-04-15',
      customers: [
        { accountId: 'acct_1', accountName: 'Acme', currency: 'EUR', invoices: [{ invoiceId: 'inv_1', number: 'INV-1', dueDate: '2026-03-31', daysPastDue: 15, bucket: 'days1To30', amountDue: eur(10_000), reportingAmountDue: eur(10_000) }] },
        { accountId: 'acct_2', accountName: 'Bolt', currency: 'USD', invoices: [{ invoiceId: 'inv_2', number: 'INV-2', dueDate: '2026-04-30', daysPastDue: 0, bucket: 'current', amountDue: usd(10_811), reportingAmountDue: eur(10_000) }] },
      ],
      totals: [
        { currency: 'EUR', buckets: { days1To30: eur(10_000), total: eur(10_000) }, unappliedCredits: eur(500), net: eur(9_500) },
        { currency: 'USD', buckets: { current: usd(10_811), total: usd(10_811) }, unappliedCredits: usd(0), net: usd(10_811) },
      ],
      reportingTotal: { currency: 'EUR', buckets: { current: eur(10_000), days1To30: eur(10_000), total: eur(20_000) }, unappliedCredits: eur(500), net: eur(19_500) },
    };
    const entries = agingByCurrency(response, 'formula');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ currency: 'EUR', unappliedCreditsMinor: 500n, netMinor: 19_500n });
    expect(entries[0]?.buckets.map((bucket) => bucket.amountMinor)).toEqual([10_000n, 10_000n, 0n, 0n, 0n]);
    expect(entries[0]?.explain.contributions.map((row) => [row['invoiceId'], row['amountMinor'], row['currency']])).toEqual([['inv_1', 10_000, 'EUR'], ['inv_2', 10_000, 'EUR']]);
  });
});
