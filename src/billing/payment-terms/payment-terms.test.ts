import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createAccount } from '../../crm/index.ts';
import { parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { dueDateFor, dueDatesAtIssue } from '../invoicing/document-dates.ts';
import { getPaymentTerms, setAccountPaymentTerms, setDefaultPaymentTerms } from './terms-repo.ts';

describe('due dates from payment terms (pure)', () => {
  it('computes net N, due on receipt and end of month + N', () => {
    expect(dueDateFor('2026-01-15', { kind: 'net', days: 30 })).toBe('2026-02-14');
    expect(dueDateFor('2026-01-31', { kind: 'net', days: 30 })).toBe('2026-03-02');
    expect(dueDateFor('2026-01-15', { kind: 'net', days: 0 })).toBe('2026-01-15');
    expect(dueDateFor('2026-01-15', { kind: 'due_on_receipt', days: 0 })).toBe('2026-01-15');
    expect(dueDateFor('2026-01-15', { kind: 'end_of_month', days: 10 })).toBe('2026-02-10');
    expect(dueDateFor('2026-01-31', { kind: 'end_of_month', days: 0 })).toBe('2026-01-31');
    expect(dueDateFor('2028-02-20', { kind: 'end_of_month', days: 0 })).toBe('2028-02-29');
    expect(dueDateFor('2026-12-05', { kind: 'end_of_month', days: 30 })).toBe('2027-01-30');
  });

  it('end of month + N is N days after the last day of the issue month, never before the issue date', () => {
    const day = fc.integer({ min: 0, max: 3652 }).map((offset) => toIsoDate(parsePlainDate('2024-01-01').add({ days: offset })));
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 365 }), (issueDate, days) => {
      const issued = parsePlainDate(issueDate);
      const due = parsePlainDate(dueDateFor(issueDate, { kind: 'end_of_month', days }));
      const monthEnd = due.subtract({ days });
      expect([monthEnd.year, monthEnd.month, monthEnd.day]).toEqual([issued.year, issued.month, issued.daysInMonth]);
      expect(parsePlainDate(dueDateFor(issueDate, { kind: 'net', days })).since(issued).days).toBe(days);
    }));
  });
});

describe('payment terms per account with a default setting', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ start: '2026-01-15T09:00:00Z' }); });
  afterAll(async () => { await t.close(); });

  it('resolves the account’s own terms, else the default, else net 30; audited', async () => {
    const own = (await createAccount(t.ctx, { name: 'Own terms', currency: 'EUR' })).id;
    const other = (await createAccount(t.ctx, { name: 'Default terms', currency: 'EUR' })).id;
    expect(await getPaymentTerms(t.ctx, other)).toEqual({ accountId: other, terms: { kind: 'net', days: 30 }, source: 'built_in' });
    expect(await dueDatesAtIssue(t.ctx, [{ accountId: other, issueDate: '2026-01-15' }])).toEqual(['2026-02-14']);

    await setDefaultPaymentTerms(t.ctx, { kind: 'end_of_month', days: 15 });
    expect(await setAccountPaymentTerms(t.ctx, own, { kind: 'net', days: 10 })).toEqual({ accountId: own, terms: { kind: 'net', days: 10 }, source: 'account' });
    expect(await dueDatesAtIssue(t.ctx, [
      { accountId: own, issueDate: '2026-01-15' }, { accountId: other, issueDate: '2026-01-15' }, { accountId: own, issueDate: '2026-02-27' },
    ])).toEqual(['2026-01-25', '2026-02-15', '2026-03-09']);

    await setAccountPaymentTerms(t.ctx, own, { kind: 'due_on_receipt' });
    expect(await dueDatesAtIssue(t.ctx, [{ accountId: own, issueDate: '2026-01-15' }])).toEqual(['2026-01-15']);
    expect(await setAccountPaymentTerms(t.ctx, own, null)).toMatchObject({ terms: { kind: 'end_of_month', days: 15 }, source: 'default' });
    const trail = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'payment_terms').orderBy('seq').execute();
    expect(trail.map((row) => [row.action, row.entity_id])).toEqual([['create', 'default'], ['create', own], ['update', own], ['delete', own]]);

    const bad = await setAccountPaymentTerms(t.ctx, own, { kind: 'due_on_receipt', days: 5 }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).fieldErrors.map((field) => field.field)).toEqual(['body.days']);
    const unknown = await setAccountPaymentTerms(t.ctx, 'acct_404', { kind: 'net', days: 5 }).catch((error: unknown) => error);
    expect((unknown as AppError).fieldErrors.map((field) => field.field)).toEqual(['params.accountId']);
  });

  it('serves and sets terms over HTTP, with problem+json for bad input', async () => {
    const accountId = (await createAccount(t.ctx, { name: 'HTTP terms', currency: 'EUR' })).id;
    const put = await t.request('finance', { method: 'PUT', url: `/api/v1/billing/payment-terms/accounts/${accountId}`, payload: { kind: 'end_of_month', days: 10 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ accountId, terms: { kind: 'end_of_month', days: 10, label: 'end of month + 10' }, source: 'account' });
    const bad = await t.request('finance', { method: 'PUT', url: '/api/v1/billing/payment-terms', payload: { kind: 'net', days: 400 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.days' })]);
    expect((await t.request('viewer', { method: 'PUT', url: '/api/v1/billing/payment-terms', payload: { kind: 'net', days: 14 } })).statusCode).toBe(403);
    const unknown = await t.request('viewer', { method: 'GET', url: '/api/v1/billing/payment-terms/accounts/acct_404' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const removed = await t.request('admin', { method: 'DELETE', url: `/api/v1/billing/payment-terms/accounts/${accountId}` });
    expect(removed.json()).toMatchObject({ accountId, terms: { kind: 'end_of_month', days: 15 }, source: 'default' }); // the default the test above set
  });
});
