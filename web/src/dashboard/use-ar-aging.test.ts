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
});
