import { describe, expect, it } from 'vitest';
import { invoiceListQuery, parseInvoiceFilters } from './invoice-list-view.ts';

describe('invoice list filters', () => {
  it('reads the URL and asks the API with an exclusive end (the day after "to")', () => {
    const filters = parseInvoiceFilters(new URLSearchParams('status=issued&overdue=true&currency=EUR&q=%20INV-2026%20&from=2026-01-01&to=2026-01-31'));
    expect(filters).toEqual({ status: 'issued', overdue: 'true', currency: 'EUR', q: 'INV-2026', from: '2026-01-01', to: '2026-01-31' });
    expect(invoiceListQuery(filters)).toEqual({ status: 'issued', overdue: 'true', currency: 'EUR', search: 'INV-2026', issueDateFrom: '2026-01-01', issueDateBefore: '2026-02-01' });
    expect(invoiceListQuery(parseInvoiceFilters(new URLSearchParams('to=2026-12-31'))).issueDateBefore).toBe('2027-01-01');
  });

  it('drops what the API would refuse instead of failing the list', () => {
    const filters = parseInvoiceFilters(new URLSearchParams('status=paid-ish&overdue=yes&currency=eur&from=2026-02-30&to=2026-13-01'));
    expect(filters).toEqual({ status: '', overdue: '', currency: '', q: '', from: '', to: '' });
    expect(parseInvoiceFilters(new URLSearchParams('from=2026-03-01&to=2026-02-01'))).toMatchObject({ from: '2026-03-01', to: '' });
    expect(invoiceListQuery(parseInvoiceFilters(new URLSearchParams()))).toEqual({ status: null, overdue: null, currency: null, search: null, issueDateFrom: null, issueDateBefore: null });
  });
});
