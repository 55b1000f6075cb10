import { describe, expect, it } from 'vitest';
import type { JournalLine, LedgerPeriod, LedgerRefs, TrialBalanceRow } from './ledger-types.ts';
import { entryListQuery, entryTotals, groupTrialBalance, hasEnded, nextDay, parseEntryFilters, periodRows, sourcePath } from './ledger-view.ts';

const row = (accountCode: string, currency: string, debit: number | string, credit: number | string): TrialBalanceRow => ({
  accountCode, accountName: `Account ${accountCode}`, accountType: 'asset', normalSide: 'debit', currency,
  debit: { amountMinor: debit, currency }, credit: { amountMinor: credit, currency }, balance: { amountMinor: 0, currency },
});
const noRefs: LedgerRefs = { accountId: null, subscriptionId: null, invoiceId: null };
const line = (side: 'debit' | 'credit', amountMinor: number | string, currency: string, refs = noRefs): JournalLine => ({
  lineNumber: 1, accountCode: '1100', memo: null, refs,
  debit: side === 'debit' ? { amountMinor, currency } : null, credit: side === 'credit' ? { amountMinor, currency } : null,
});

describe('groupTrialBalance', () => {
  it('sums debit and credit per currency, each currency on its own, sorted by code', () => {
    const sections = groupTrialBalance({
      asOfDate: '2026-01-31', currency: null, totals: [],
      rows: [row('1100', 'EUR', 142800, 0), row('1000', 'USD', 155000, 0), row('2000', 'EUR', 0, 120000), row('2100', 'EUR', 0, 22800), row('4900', 'USD', 0, 155000)],
    });
    expect(sections.map(({ currency, debitMinor, creditMinor, balanced, rows }) => ({ currency, debitMinor, creditMinor, balanced, accounts: rows.map((r) => r.accountCode) }))).toEqual([
      { currency: 'EUR', debitMinor: 142800n, creditMinor: 142800n, balanced: true, accounts: ['1100', '2000', '2100'] },
      { currency: 'USD', debitMinor: 155000n, creditMinor: 155000n, balanced: true, accounts: ['1000', '4900'] },
    ]);
  });

  it('keeps amounts beyond 2^53 exact and flags a currency that does not balance', () => {
    const [section] = groupTrialBalance({ asOfDate: '2026-01-31', currency: null, totals: [], rows: [row('1100', 'EUR', '9007199254740993', 0), row('2000', 'EUR', 0, '9007199254740992')] });
    expect(section).toMatchObject({ debitMinor: 9007199254740993n, creditMinor: 9007199254740992n, balanced: false });
  });

  it('gives no sections for an empty ledger', () => {
    expect(groupTrialBalance({ asOfDate: '2026-01-31', currency: null, totals: [], rows: [] })).toEqual([]);
  });
});

describe('entryTotals', () => {
  it('sums each side per currency (an FX entry balances in both)', () => {
    expect(entryTotals({ lines: [line('debit', 155000, 'USD'), line('credit', 155000, 'USD'), line('debit', 142800, 'EUR'), line('credit', 100000, 'EUR'), line('credit', 42800, 'EUR')] })).toEqual([
      { currency: 'USD', debitMinor: 155000n, creditMinor: 155000n },
      { currency: 'EUR', debitMinor: 142800n, creditMinor: 142800n },
    ]);
  });
});

describe('entry filters in the URL', () => {
  it('reads valid filters and turns the inclusive "to" into the API’s exclusive endDate', () => {
    const filters = parseEntryFilters(new URLSearchParams('from=2026-01-01&to=2026-01-31&accountCode=1100&sourceType=invoice&sourceId=inv_1'));
    expect(filters).toEqual({ from: '2026-01-01', to: '2026-01-31', accountCode: '1100', sourceType: 'invoice', sourceId: 'inv_1' });
    expect(entryListQuery(filters)).toEqual({ startDate: '2026-01-01', endDate: '2026-02-01', accountCode: '1100', sourceType: 'invoice', sourceId: 'inv_1' });
  });

  it('drops values the API would refuse instead of failing the whole list', () => {
    const filters = parseEntryFilters(new URLSearchParams('from=2026-13-01&to=yesterday&accountCode=11&sourceType=Invoice'));
    expect(filters).toEqual({ from: '', to: '', accountCode: '', sourceType: '', sourceId: '' });
    expect(entryListQuery(filters)).toEqual({ startDate: null, endDate: null, accountCode: null, sourceType: null, sourceId: null });
    // A day that does not exist, which the API would refuse with a 400 (it used to pass the pattern).
    expect(parseEntryFilters(new URLSearchParams('from=2026-02-30&to=2028-02-29'))).toMatchObject({ from: '', to: '2028-02-29' });
  });

  it('steps over month and year ends, and leap days', () => {
    expect([nextDay('2026-12-31'), nextDay('2028-02-28'), nextDay('2026-02-28')]).toEqual(['2027-01-01', '2028-02-29', '2026-03-01']);
  });
});

describe('sourcePath', () => {
  const refs = { accountId: 'acct_1', subscriptionId: null, invoiceId: 'inv_9' };
  it('links invoices and credit notes to their page, write-offs to their invoice, payments to the customer’s payments', () => {
    expect(sourcePath({ source: { type: 'invoice', id: 'inv_1' }, lines: [] })).toBe('/billing/invoices/inv_1');
    // A credit note has its own page, with or without an invoice (an adjustment has none).
    expect(sourcePath({ source: { type: 'credit_note', id: 'cn_1' }, lines: [line('debit', 1, 'EUR'), line('credit', 1, 'EUR', refs)] })).toBe('/billing/credit-notes/cn_1');
    expect(sourcePath({ source: { type: 'credit_note', id: 'cn 2' }, lines: [line('debit', 1, 'EUR')] })).toBe('/billing/credit-notes/cn%202');
    expect(sourcePath({ source: { type: 'write_off', id: 'wo_1' }, lines: [line('debit', 1, 'EUR'), line('credit', 1, 'EUR', refs)] })).toBe('/billing/invoices/inv_9');
    expect(sourcePath({ source: { type: 'payment', id: 'pay_1' }, lines: [line('debit', 1, 'EUR', refs)] })).toBe('/billing/payments?accountId=acct_1');
  });
  it('gives no link where the web app has no page', () => {
    expect(sourcePath({ source: null, lines: [] })).toBeNull();
    expect(sourcePath({ source: { type: 'manual', id: 'x' }, lines: [] })).toBeNull();
    expect(sourcePath({ source: { type: 'write_off', id: 'wo_1' }, lines: [line('debit', 1, 'EUR')] })).toBeNull();
  });
});

describe('periods', () => {
  const closed: LedgerPeriod = { period: '2025-06', status: 'closed', closedAt: '2025-07-02T08:00:00Z', closedBy: 'usr_1', reason: null, updatedAt: '2025-07-02T08:00:00Z' };
  it('lists the last months newest first across a year end, open unless closed, plus older closed months', () => {
    const rows = periodRows('2026-02-15', [closed, { ...closed, period: '2026-01' }], 3);
    expect(rows.map((r) => `${r.period} ${r.status}`)).toEqual(['2026-02 open', '2026-01 closed', '2025-12 open', '2025-06 closed']);
  });
  it('lets a month close only once it has ended', () => {
    expect([hasEnded('2026-02', '2026-02-28'), hasEnded('2026-02', '2026-03-01'), hasEnded('2025-12', '2026-01-01')]).toEqual([false, true, true]);
  });
});
