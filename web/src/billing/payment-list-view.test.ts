import { describe, expect, it } from 'vitest';
import { parsePaymentFilters, paymentListQuery } from './payment-list-view.ts';

describe('payment list filters', () => {
  it('reads the URL and asks the API with an exclusive end (the day after "to")', () => {
    const filters = parsePaymentFilters(new URLSearchParams('accountId=acct_1&unapplied=true&method=card&currency=USD&q=%20SEPA%2050%25%20&from=2026-03-02&to=2026-03-08'));
    expect(filters).toEqual({ accountId: 'acct_1', unapplied: 'true', method: 'card', currency: 'USD', q: 'SEPA 50%', from: '2026-03-02', to: '2026-03-08' });
    expect(paymentListQuery(filters)).toEqual({
      accountId: 'acct_1', unapplied: 'true', method: 'card', currency: 'USD', search: 'SEPA 50%', receivedDateFrom: '2026-03-02', receivedDateBefore: '2026-03-09',
    });
    expect(paymentListQuery(parsePaymentFilters(new URLSearchParams('to=2026-02-28'))).receivedDateBefore).toBe('2026-03-01');
    expect(paymentListQuery(parsePaymentFilters(new URLSearchParams('unapplied=false'))).unapplied).toBe('false');
  });

  it('drops what the API would refuse instead of failing the list', () => {
    const filters = parsePaymentFilters(new URLSearchParams(`accountId=${'x'.repeat(101)}&unapplied=yes&method=paypal&currency=usd&from=2026-02-30&to=2026-13-01`));
    expect(filters).toEqual({ accountId: '', unapplied: '', method: '', currency: '', q: '', from: '', to: '' });
    expect(parsePaymentFilters(new URLSearchParams('from=2026-03-08&to=2026-03-02'))).toMatchObject({ from: '2026-03-08', to: '' });
    expect(parsePaymentFilters(new URLSearchParams(`q=${'a'.repeat(150)}`)).q).toHaveLength(100);
    expect(paymentListQuery(parsePaymentFilters(new URLSearchParams()))).toEqual({
      accountId: null, unapplied: null, method: null, currency: null, search: null, receivedDateFrom: null, receivedDateBefore: null,
    });
  });
});
