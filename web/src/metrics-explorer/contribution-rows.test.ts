import { describe, expect, it } from 'vitest';
import { sumOfRows, toContributionRows } from './contribution-rows.ts';

describe('explain records as rows', () => {
  it('links customers and their subscriptions and sums the amounts exactly', () => {
    const rows = toContributionRows([
      { accountId: 'acct_1', amountMinor: 392_400, subscriptions: [{ subscriptionId: 'sub_1', currency: 'USD', amountMinor: 32_700 }] },
      { accountId: 'acct_2', amountMinor: '9007199254740993', subscriptions: [] },
    ], 'USD');
    expect(rows[0]?.links.map((link) => link.href)).toEqual(['/customers/acct_1', '/billing/subscriptions/sub_1']);
    expect(sumOfRows(rows)).toBe(9_007_199_255_133_393n);
  });

  it('uses the converted amount in a reporting currency and keeps the original as a detail', () => {
    const [row] = toContributionRows([{ opportunityId: 'opp_1', accountId: 'acct_1', status: 'won', closeDate: '2024-03-01', amountMinor: 10_000, currency: 'USD', convertedMinor: 9_217, rate: '1.0850' }], 'EUR');
    expect(row?.amountMinor).toBe(9_217n);
    expect(row?.currency).toBe('EUR');
    expect(row?.role).toBe('won');
    expect(row?.links.map((link) => link.kind)).toEqual(['customer', 'opportunity']);
    expect(row?.details).toContainEqual({ name: 'originalAmount', value: 10_000, money: true, currency: 'USD' });
  });

  it('links generic records by their type and leaves non-amounts out of the sum', () => {
    const rows = toContributionRows([{ recordType: 'invoice', id: 'inv_1', accountId: 'acct_1', amountMinor: 500 }, { recordType: 'lead', id: 'lead_1', amountMinor: 0.5 }], 'USD');
    expect(rows[0]?.links.map((link) => link.href)).toEqual(['/customers/acct_1', '/billing/invoices/inv_1']);
    expect(rows[1]?.amountMinor).toBeNull();
    expect(sumOfRows(rows)).toBe(500n);
  });
});
