import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { creditNoteListQuery, creditNoteReasonText, parseCreditNoteFilters } from './credit-note-view.ts';

describe('credit note filters in the URL', () => {
  it('reads valid filters and turns the inclusive "to" into the API’s exclusive issueDateBefore', () => {
    const filters = parseCreditNoteFilters(new URLSearchParams('accountId=acct_1&kind=void&open=true&currency=EUR&from=2026-01-01&to=2026-01-31'));
    expect(filters).toEqual({ accountId: 'acct_1', kind: 'void', open: 'true', currency: 'EUR', from: '2026-01-01', to: '2026-01-31' });
    expect(creditNoteListQuery(filters)).toEqual({
      accountId: 'acct_1', kind: 'void', open: 'true', currency: 'EUR', issueDateFrom: '2026-01-01', issueDateBefore: '2026-02-01',
    });
  });

  it('drops values the API would refuse instead of failing the whole list', () => {
    const filters = parseCreditNoteFilters(new URLSearchParams('kind=proration&open=yes&currency=eu&from=2026-02-30&to=tomorrow'));
    expect(filters).toEqual({ accountId: '', kind: '', open: '', currency: '', from: '', to: '' });
    expect(creditNoteListQuery(filters)).toEqual({ accountId: null, kind: null, open: null, currency: null, issueDateFrom: null, issueDateBefore: null });
  });
});

describe('creditNoteReasonText', () => {
  // A stand-in t() that shows the key and its values, so the test reads which message is used with what.
  const t = ((key: string, values?: Record<string, unknown>) => `${key} ${JSON.stringify(values ?? {})}`) as unknown as TFunction;
  const day = (isoDate: string) => `[${isoDate}]`;

  it('words a void with the user’s words and the unused time with the change date in the reader’s format', () => {
    expect(creditNoteReasonText({ kind: 'void', invoiceNumber: 'INV-2026-000001', words: 'Duplicate order' }, t, day))
      .toBe('billing.creditNotes.reasonVoid {"words":"Duplicate order"}');
    expect(creditNoteReasonText({ kind: 'unused_time', changeDate: '2026-01-20' }, t, day))
      .toBe('billing.creditNotes.reasonUnusedTime {"date":"[2026-01-20]"}');
  });

  it('keeps any other reason as written', () => {
    expect(creditNoteReasonText({ kind: 'other', text: 'Goodwill' }, t, day)).toBe('Goodwill');
  });
});
