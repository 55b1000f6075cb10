import { describe, expect, it } from 'vitest';
import { agingCsv, agingLines, agingQuery, parseAgingSettings, rateText, type AgingReport } from './aging-view.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const buckets = (money: (n: number) => { amountMinor: number; currency: string }, current: number, d30: number, over90: number) => ({
  current: money(current), days1To30: money(d30), days31To60: money(0), days61To90: money(0), over90: money(over90), total: money(current + d30 + over90),
});

const report: AgingReport = {
  asOfDate: '2026-03-31', reportingCurrency: null, rates: [],
  customers: [
    { accountId: 'acct_a', accountName: 'Alpha GmbH', currency: 'EUR', buckets: buckets(eur, 10_000, 0, 0), reportingBuckets: null, unappliedCredits: eur(2_500), net: eur(7_500), reportingUnappliedCredits: null, reportingNet: null, invoices: [{ invoiceId: 'inv_1', number: 'INV-1' }] },
    { accountId: 'acct_b', accountName: '=Bravo, Ltd', currency: 'USD', buckets: buckets(usd, 0, 5_000, 90_000), reportingBuckets: null, unappliedCredits: usd(0), net: usd(95_000), reportingUnappliedCredits: null, reportingNet: null, invoices: [{ invoiceId: 'inv_2', number: 'INV-2' }, { invoiceId: 'inv_3', number: 'INV-3' }] },
    { accountId: 'acct_c', accountName: 'Charlie SpA', currency: 'EUR', buckets: buckets(eur, 0, 0, 40_000), reportingBuckets: null, unappliedCredits: eur(0), net: eur(40_000), reportingUnappliedCredits: null, reportingNet: null, invoices: [] },
  ],
  totals: [
    { currency: 'EUR', buckets: buckets(eur, 10_000, 0, 40_000), unappliedCredits: eur(2_500), net: eur(47_500) },
    { currency: 'USD', buckets: buckets(usd, 0, 5_000, 90_000), unappliedCredits: usd(0), net: usd(95_000) },
  ],
  reportingTotal: null,
};

describe('aged receivables view', () => {
  it('reads its settings from the URL and asks the API in the company currency unless told otherwise', () => {
    expect(parseAgingSettings(new URLSearchParams('asOf=2026-02-30&currency=usd&sort=bogus'))).toEqual({ asOf: '', currency: 'USD', sort: 'total' });
    expect(parseAgingSettings(new URLSearchParams('asOf=2026-03-31&currency=original&sort=over90'))).toEqual({ asOf: '2026-03-31', currency: 'original', sort: 'over90' });
    expect(agingQuery({ asOf: '', currency: '' }, 'EUR')).toBe('currency=EUR');
    expect(agingQuery({ asOf: '2026-03-31', currency: 'original' }, 'EUR')).toBe('asOf=2026-03-31');
    expect(agingQuery({ asOf: '', currency: 'USD' }, null)).toBe('currency=USD');
    expect(agingQuery({ asOf: '', currency: '' }, null)).toBe('');
  });

  it('sorts by total (biggest first), by the oldest bucket, or by name; totals per document currency', () => {
    expect(agingLines(report, 'total').customers.map((line) => line.name)).toEqual(['=Bravo, Ltd', 'Charlie SpA', 'Alpha GmbH']);
    expect(agingLines(report, 'over90').customers.map((line) => line.name)).toEqual(['=Bravo, Ltd', 'Charlie SpA', 'Alpha GmbH']);
    expect(agingLines(report, 'name').customers.map((line) => line.name)).toEqual(['=Bravo, Ltd', 'Alpha GmbH', 'Charlie SpA']);
    const { totals } = agingLines(report, 'name');
    expect(totals.map((line) => [line.currency, line.amounts.total, line.amounts.credits, line.amounts.net])).toEqual([['EUR', 50_000n, 2_500n, 47_500n], ['USD', 95_000n, 0n, 95_000n]]);
  });

  it('shows every customer in the reporting currency when the report converted them', () => {
    const converted: AgingReport = {
      ...report, reportingCurrency: 'EUR',
      customers: report.customers.map((row) => (row.currency === 'USD'
        ? { ...row, reportingBuckets: buckets(eur, 0, 4_600, 82_800), reportingUnappliedCredits: eur(0), reportingNet: eur(87_400) }
        : { ...row, reportingBuckets: row.buckets, reportingUnappliedCredits: row.unappliedCredits, reportingNet: row.net })),
      reportingTotal: { currency: 'EUR', buckets: buckets(eur, 10_000, 4_600, 122_800), unappliedCredits: eur(2_500), net: eur(134_900) },
    };
    const lines = agingLines(converted, 'total');
    expect(lines.customers.map((line) => [line.name, line.currency, line.amounts.total])).toEqual([['=Bravo, Ltd', 'EUR', 87_400n], ['Charlie SpA', 'EUR', 40_000n], ['Alpha GmbH', 'EUR', 10_000n]]);
    expect(lines.totals).toHaveLength(1);
    expect(lines.totals[0]?.amounts.net).toBe(134_900n);
  });

  it('writes CSV with exact decimals, names a spreadsheet cannot run, and the totals last', () => {
    const csv = agingCsv(agingLines(report, 'name'), report.asOfDate, 'Total');
    expect(csv.split('\r\n')).toEqual([
      'as_of,customer,account_id,currency,current,days_1_to_30,days_31_to_60,days_61_to_90,over_90,total,unapplied_credits,net',
      `2026-03-31,"'=Bravo, Ltd",acct_b,USD,0.00,50.00,0.00,0.00,900.00,950.00,0.00,950.00`,
      '2026-03-31,Alpha GmbH,acct_a,EUR,100.00,0.00,0.00,0.00,0.00,100.00,25.00,75.00',
      '2026-03-31,Charlie SpA,acct_c,EUR,0.00,0.00,0.00,0.00,400.00,400.00,0.00,400.00',
      '2026-03-31,Total,,EUR,100.00,0.00,0.00,0.00,400.00,500.00,25.00,475.00',
      '2026-03-31,Total,,USD,0.00,50.00,0.00,0.00,900.00,950.00,0.00,950.00',
      '',
    ]);
  });
});

describe('rate text', () => {
  it('reads an inverse rate as the quote it came from', () => {
    expect(rateText('1/0.8581', 'GBP', 'EUR')).toBe('1 EUR = 0.8581 GBP');
    expect(rateText('1.0811', 'USD', 'EUR')).toBe('1 USD = 1.0811 EUR');
  });
});
