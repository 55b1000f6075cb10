import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import type { Role } from '../shared/access.ts';
import { auditTrail } from './fixtures.ts';
import { createLedgerTestApp } from './test-fixtures/ledger-test-app.ts';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown };
type EntryJson = { id: string; number: string; lines: Array<{ debit: unknown; credit: unknown }>; reversedByEntryId: string | null };

function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}
const fieldsOf = (problem: Record<string, unknown>) => ((problem['errors'] ?? []) as Array<{ field: string }>).map((e) => e.field);

const invoiceBody = (overrides: Record<string, unknown> = {}) => ({
  entryDate: '2026-01-12',
  description: 'Manual accrual',
  lines: [
    { accountCode: '1100', debit: { amountMinor: 11900, currency: 'EUR' }, refs: { accountId: 'acct_1' } },
    { accountCode: '4000', credit: { amountMinor: '10000', currency: 'eur' } },
    { accountCode: '2100', credit: { amountMinor: 1900, currency: 'EUR' }, memo: 'VAT 19%' },
  ],
  ...overrides,
});

describe('ledger routes', () => {
  let t: TestApp;
  const post = (role: Role, url: string, payload: unknown) => t.request(role, { method: 'POST', url: `/api/v1${url}`, payload: payload as object });
  const get = (role: Role, url: string) => t.request(role, { method: 'GET', url: `/api/v1${url}` });
  beforeAll(async () => {
    t = await createLedgerTestApp({ start: '2026-02-10T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('posts a manual entry as finance, with money as JSON, and reads it back as a viewer', async () => {
    const created = await post('finance', '/ledger/entries', invoiceBody());
    expect(created.statusCode).toBe(201);
    const entry = created.json() as EntryJson;
    expect(created.headers['location']).toBe(`/api/v1/ledger/entries/${entry.id}`);
    expect(entry).toMatchObject({ number: 'JE-2026-000001', entryDate: '2026-01-12', postedBy: expect.stringMatching(/^key_/) });
    expect(entry.lines.map((l) => [l.debit, l.credit])).toEqual([
      [{ amountMinor: 11900, currency: 'EUR' }, null], [null, { amountMinor: 10000, currency: 'EUR' }], [null, { amountMinor: 1900, currency: 'EUR' }],
    ]);
    const read = await get('viewer', `/ledger/entries/${entry.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(entry);
    expect((await auditTrail(t.ctx, 'journal_entry', entry.id)).map((a) => a.action)).toEqual(['post']);
  });

  it('refuses writes to roles outside finance and admin', async () => {
    for (const role of ['sales_rep', 'revops', 'viewer'] as const) {
      expectProblem(await post(role, '/ledger/entries', invoiceBody()), 403, 'forbidden');
    }
    expectProblem(await post('finance', '/ledger/periods/2026-01/close', {}), 403, 'forbidden');
    expectProblem(await get('sales_rep', '/ledger/entries'), 403, 'forbidden');
  });

  it('answers an unbalanced entry with 422 naming the lines, and a malformed line with 400 naming the field', async () => {
    const lines = invoiceBody().lines.slice(0, 2);
    const unbalanced = expectProblem(await post('finance', '/ledger/entries', invoiceBody({ lines })), 422, 'business_rule_violated');
    expect(unbalanced['detail']).toContain('EUR does not balance: debits 119.00, credits 100.00 (lines 1, 2)');
    expect(fieldsOf(unbalanced)).toEqual(['body.lines.0', 'body.lines.1']);
    const bothSides = { accountCode: '1000', debit: { amountMinor: 1, currency: 'EUR' }, credit: { amountMinor: 1, currency: 'EUR' } };
    expect(fieldsOf(expectProblem(await post('finance', '/ledger/entries', invoiceBody({ lines: [...lines, bothSides] })), 400, 'validation_failed'))).toEqual(['body.lines.2.debit']);
    const fractional = { accountCode: '1000', debit: { amountMinor: 1.5, currency: 'EUR' } };
    expect(fieldsOf(expectProblem(await post('finance', '/ledger/entries', invoiceBody({ lines: [...lines, fractional] })), 400, 'validation_failed'))).toEqual(['body.lines.2.debit.amountMinor']);
    expect(fieldsOf(expectProblem(await post('finance', '/ledger/entries', invoiceBody({ extra: 1 })), 400, 'validation_failed'))).toEqual(['body.extra']);
  });

  it('names what is wrong with an amount, the lines and the texts in words, never zod’s raw text', async () => {
    const messages = (problem: Record<string, unknown>) => Object.fromEntries(((problem['errors'] ?? []) as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    const line = (amountMinor: unknown) => ({ accountCode: '1100', debit: { amountMinor, currency: 'EUR' } });
    const amounts = messages(expectProblem(await post('finance', '/ledger/entries', invoiceBody({
      lines: [line(1.5), line(99_999_999_999_999_999_999), line(true), line(-5), line(0)],
    })), 400, 'validation_failed'));
    expect(amounts['body.lines.0.debit.amountMinor']).toMatch(/whole number of minor units/);
    expect(amounts['body.lines.1.debit.amountMinor']).toMatch(/string of digits/);
    expect(amounts['body.lines.2.debit.amountMinor']).toMatch(/whole number of minor units/);
    expect(amounts['body.lines.3.debit.amountMinor']).toMatch(/must be greater than zero/);
    expect(amounts['body.lines.4.debit.amountMinor']).toMatch(/must be greater than zero/);
    const shape = messages(expectProblem(await post('finance', '/ledger/entries', invoiceBody({ description: ' ', lines: 'x' })), 400, 'validation_failed'));
    expect(shape).toEqual({ 'body.description': 'must not be empty', 'body.lines': 'expected a list of journal lines' });
    const reversal = messages(expectProblem(await post('finance', '/ledger/entries/je_missing/reverse', { reason: '' }), 400, 'validation_failed'));
    expect(reversal).toEqual({ 'body.reason': 'must not be empty' });
    for (const message of [...Object.values(amounts), ...Object.values(shape)]) expect(message).not.toMatch(/^(Invalid input|Too small|Too big|Invalid option)/);
  });

  it('reverses once, then answers 409', async () => {
    const entry = (await post('admin', '/ledger/entries', invoiceBody())).json() as EntryJson;
    const reversed = await post('finance', `/ledger/entries/${entry.id}/reverse`, { reason: 'duplicate' });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json()).toMatchObject({ reversesEntryId: entry.id, entryDate: '2026-01-12' });
    expect(reversed.headers['location']).toBe(`/api/v1/ledger/entries/${(reversed.json() as EntryJson).id}`);
    expect(expectProblem(await post('finance', `/ledger/entries/${entry.id}/reverse`, { reason: 'again' }), 409, 'conflict')['reversedByEntryId']).toBe((reversed.json() as EntryJson).id);
    expect(fieldsOf(expectProblem(await post('finance', `/ledger/entries/${entry.id}/reverse`, {}), 400, 'validation_failed'))).toEqual(['body.reason']);
  });

  it('reports a trial balance as of a date and an account balance, money as JSON', async () => {
    const report = await get('revops', '/ledger/trial-balance?asOf=2026-01-31&currency=EUR');
    expect(report.statusCode).toBe(200);
    const body = report.json() as { totals: unknown[]; rows: Array<{ accountCode: string; balance: unknown }> };
    expect(body.totals).toEqual([{ currency: 'EUR', debit: { amountMinor: 35700, currency: 'EUR' }, credit: { amountMinor: 35700, currency: 'EUR' } }]);
    expect(body.rows.find((r) => r.accountCode === '1100')?.balance).toEqual({ amountMinor: 11900, currency: 'EUR' });
    expect(fieldsOf(expectProblem(await get('viewer', '/ledger/trial-balance?asOf=2026-02-30'), 400, 'validation_failed'))).toEqual(['querystring.asOf']);
    const balance = await get('viewer', '/ledger/accounts/2100/balance?asOf=2026-01-31&currency=EUR');
    expect(balance.json()).toMatchObject({ accountCode: '2100', balance: { amountMinor: 1900, currency: 'EUR' } });
  });

  it('lists entries by account with keyset pages', async () => {
    const first = await get('viewer', '/ledger/entries?accountCode=2100&limit=2&order=asc');
    const page1 = first.json() as { data: EntryJson[]; nextCursor: string | null };
    expect(page1.data.map((e) => e.number)).toEqual(['JE-2026-000001', 'JE-2026-000002']);
    const page2 = (await get('viewer', `/ledger/entries?accountCode=2100&limit=2&order=asc&cursor=${page1.nextCursor}`)).json() as typeof page1;
    expect(page2.data.map((e) => e.number)).toEqual(['JE-2026-000003']);
    expect(page2.nextCursor).toBeNull();
    const byCustomer = (await get('viewer', '/ledger/entries?accountId=acct_1')).json() as typeof page1;
    expect(byCustomer.data).toHaveLength(3);
    expect(fieldsOf(expectProblem(await get('viewer', '/ledger/entries?acount=1100'), 400, 'validation_failed'))).toEqual(['querystring.acount']);
  });

  it('closes and reopens a period as admin; a posting into the closed month is a 422', async () => {
    const closed = await post('admin', '/ledger/periods/2026-01/close', { reason: 'month end' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ period: '2026-01', status: 'closed' });
    expect(expectProblem(await post('finance', '/ledger/entries', invoiceBody()), 422, 'business_rule_violated')['period']).toBe('2026-01');
    expect((await get('viewer', '/ledger/periods')).json()).toMatchObject({ data: [{ period: '2026-01', status: 'closed' }] });
    expect(fieldsOf(expectProblem(await post('admin', '/ledger/periods/2026-01/reopen', {}), 400, 'validation_failed'))).toEqual(['body.reason']);
    expect((await post('admin', '/ledger/periods/2026-01/reopen', { reason: 'late invoice' })).json()).toMatchObject({ status: 'open' });
    expect((await post('finance', '/ledger/entries', invoiceBody())).statusCode).toBe(201);
  });

  it('lists the seeded chart, adds an account as finance, refuses a duplicate code and deactivates', async () => {
    const chart = (await get('viewer', '/ledger/accounts')).json() as { data: Array<{ code: string }> };
    expect(chart.data.map((a) => a.code)).toEqual(expect.arrayContaining(['1000', '1100', '1200', '2000', '2100', '2200', '4000', '4100', '4200', '4900', '6100']));
    const created = await post('finance', '/ledger/accounts', { code: '1150', name: 'Allowance for doubtful debts', type: 'asset', normalSide: 'credit' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: '1150', normalSide: 'credit', active: true });
    expect(fieldsOf(expectProblem(await post('admin', '/ledger/accounts', { code: '1150', name: 'Again', type: 'asset' }), 409, 'conflict'))).toEqual(['body.code']);
    expectProblem(await post('sales_rep', '/ledger/accounts', { code: '1160', name: 'X', type: 'asset' }), 403, 'forbidden');
    expect((await post('admin', '/ledger/accounts/1150/deactivate', {})).json()).toMatchObject({ active: false });
  });
});
