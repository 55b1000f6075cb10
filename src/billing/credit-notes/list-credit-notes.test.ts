import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createAccount, updateAccount } from '../../crm/index.ts';
import type { Role } from '../../shared/access.ts';
import { inTransaction } from '../../shared/context.ts';
import { encodeCursor } from '../../shared/http/pagination.ts';
import { money } from '../../shared/money.ts';
import { applyToInvoice } from '../settlement/apply-to-invoice.ts';

type Json = Record<string, unknown>;
type Page = { data: Array<Json & { id: string; number: string }>; nextCursor: string | null };

// GET /api/v1/credit-notes as finance reads it: three credit notes made by the real flows — an adjustment for the
// unused time after a cancellation (part applied to an invoice, part refunded in cash, the rest open) and the voids
// of two other customers' invoices on one day — listed, filtered, paged, and refused with problem+json naming the field.
describe('GET /credit-notes', () => {
  let t: TestApp;
  const alpha = { accountId: '', invoiceId: '', invoiceNumber: '', creditNoteId: '' };
  const beta = { accountId: '', invoiceId: '', invoiceNumber: '', creditNoteId: '' };
  const gamma = { accountId: '', invoiceId: '', invoiceNumber: '', creditNoteId: '' };
  const get = (role: Role | null, url: string) => t.request(role, { method: 'GET', url: `/api/v1${url}` });
  const list = async (query: string, role: Role = 'finance'): Promise<Page> => {
    const response = await get(role, `/credit-notes${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const numbers = async (query: string) => (await list(query)).data.map((note) => note.number);
  const problemFields = async (query: string) => {
    const response = await get('finance', `/credit-notes${query}`);
    expect(response.statusCode).toBe(400);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    return ((response.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((error) => error.field);
  };

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-01-01T06:00:00Z' });
    const post = async (url: string, payload: object) => {
      const response = await t.request('finance', { method: 'POST', url: `/api/v1${url}`, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as Json & { id: string; version: number };
    };
    alpha.accountId = (await createAccount(t.ctx, { name: 'Alpha GmbH', currency: 'EUR', country: 'DE' })).id;
    beta.accountId = (await createAccount(t.ctx, { name: 'Beta Ltd', currency: 'USD', country: 'GB' })).id;
    gamma.accountId = (await createAccount(t.ctx, { name: 'Gamma Inc', currency: 'USD', country: 'US' })).id;
    const subscription = await post('/subscriptions', { accountId: alpha.accountId, currency: 'EUR', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'seat', quantity: 10, unitPriceMinor: 4900 }] });
    for (const customer of [beta, gamma]) {
      await post('/subscriptions', { accountId: customer.accountId, currency: 'USD', startDate: '2026-01-01', billingMode: 'calendar', items: [{ itemKey: 'seat', quantity: 1, unitPriceMinor: 10000 }] });
    }
    await post('/billing/runs', { date: '2026-01-01', issue: true });
    const invoices = (await get('finance', '/invoices')).json() as { data: Array<{ id: string; accountId: string; number: string }> };
    for (const customer of [alpha, beta, gamma]) {
      const invoice = invoices.data.find((row) => row.accountId === customer.accountId);
      customer.invoiceId = invoice?.id ?? '';
      customer.invoiceNumber = invoice?.number ?? '';
    }

    // Alpha cancels from Jan 20: 12/31 of 49000 unused → an adjustment credit note of 18968 (docs/billing.md).
    t.clock.set('2026-01-20T06:00:00Z');
    await post(`/subscriptions/${subscription.id}/cancel`, { version: subscription.version, cancelDate: '2026-01-20' });
    expect(await post('/billing/runs', { date: '2026-01-20', issue: true })).toMatchObject({ creditNotesIssued: 1 });
    const alphaNotes = await list(`?accountId=${alpha.accountId}`);
    alpha.creditNoteId = alphaNotes.data[0]?.id ?? '';
    // 10000 of it settles Alpha's invoice (what payments' applyCreditNotes does), 3000 is paid back in cash.
    await inTransaction(t.ctx, (tx) => applyToInvoice(tx, {
      invoiceId: alpha.invoiceId, amount: money(10_000n, 'EUR'), source: { type: 'credit_note', id: alpha.creditNoteId }, effectiveDate: '2026-01-20',
    }));
    await post(`/credit-notes/${alpha.creditNoteId}/refunds`, { amountMinor: 3000, reason: 'customer asked' });
    // Renamed later: the list keeps the name the credit note was issued to.
    const account = await updateAccount(t.ctx, { id: alpha.accountId, expectedVersion: 1, changes: { name: 'Alpha Holding GmbH' } });
    expect(account.name).toBe('Alpha Holding GmbH');

    // Beta's invoice, then Gamma's, are voided on Feb 3 (the clock stands still): a void credit note for all of each.
    t.clock.set('2026-02-03T06:00:00Z');
    for (const [customer, reason] of [[beta, 'Duplicate order'], [gamma, 'Wrong customer']] as const) {
      const voided = await post(`/invoices/${customer.invoiceId}/void`, { reason });
      customer.creditNoteId = (voided['creditNote'] as { id: string }).id;
    }
  });
  afterAll(() => t.close());

  it('lists every credit note, newest issue date first, with its customer as issued, its invoice and what is left of its credit', async () => {
    const page = await list('');
    expect(page.nextCursor).toBeNull();
    // The same issue date: the later number first (the order they were issued in, whatever their ids).
    expect(page.data[0]).toMatchObject({ id: gamma.creditNoteId, number: 'CN-2026-000003', accountName: 'Gamma Inc', invoiceNumber: gamma.invoiceNumber, issueDate: '2026-02-03' });
    expect(page.data.slice(1)).toEqual([
      {
        id: beta.creditNoteId, number: 'CN-2026-000002', kind: 'void', accountId: beta.accountId, accountName: 'Beta Ltd', subscriptionId: expect.any(String),
        invoiceId: beta.invoiceId, invoiceNumber: beta.invoiceNumber, currency: 'USD', issueDate: '2026-02-03',
        net: { amountMinor: 10000, currency: 'USD' }, tax: { amountMinor: 0, currency: 'USD' }, total: { amountMinor: 10000, currency: 'USD' },
        applied: { amountMinor: 10000, currency: 'USD' }, refunded: { amountMinor: 0, currency: 'USD' }, remaining: { amountMinor: 0, currency: 'USD' },
        reason: `Void of ${beta.invoiceNumber}: Duplicate order`, reasonParts: { kind: 'void', invoiceNumber: beta.invoiceNumber, words: 'Duplicate order' },
      },
      {
        id: alpha.creditNoteId, number: 'CN-2026-000001', kind: 'adjustment', accountId: alpha.accountId, accountName: 'Alpha GmbH', subscriptionId: expect.any(String),
        invoiceId: null, invoiceNumber: null, currency: 'EUR', issueDate: '2026-01-20',
        net: { amountMinor: 18968, currency: 'EUR' }, tax: { amountMinor: 0, currency: 'EUR' }, total: { amountMinor: 18968, currency: 'EUR' },
        applied: { amountMinor: 10000, currency: 'EUR' }, refunded: { amountMinor: 3000, currency: 'EUR' }, remaining: { amountMinor: 5968, currency: 'EUR' },
        reason: 'Credit for unused time (subscription change on 2026-01-20)', reasonParts: { kind: 'unused_time', changeDate: '2026-01-20' },
      },
    ]);
    expect(await numbers('?order=asc')).toEqual(['CN-2026-000001', 'CN-2026-000002', 'CN-2026-000003']);
  });

  it('filters by customer, invoice, currency, kind, issue dates and open credit', async () => {
    expect(await numbers(`?accountId=${alpha.accountId}`)).toEqual(['CN-2026-000001']);
    expect(await numbers('?accountId=acct_nobody')).toEqual([]);
    // An invoice's credit notes: the one that voids it, or one applied to it.
    expect(await numbers(`?invoiceId=${beta.invoiceId}`)).toEqual(['CN-2026-000002']);
    expect(await numbers(`?invoiceId=${alpha.invoiceId}`)).toEqual(['CN-2026-000001']);
    expect(await numbers('?currency=usd')).toEqual(['CN-2026-000003', 'CN-2026-000002']);
    expect(await numbers('?kind=adjustment')).toEqual(['CN-2026-000001']);
    expect(await numbers('?kind=void')).toEqual(['CN-2026-000003', 'CN-2026-000002']);
    // Half-open [from, before): "issued in January" and "issued on Jan 20".
    expect(await numbers('?issueDateFrom=2026-01-01&issueDateBefore=2026-02-01')).toEqual(['CN-2026-000001']);
    expect(await numbers('?issueDateFrom=2026-01-20&issueDateBefore=2026-01-21')).toEqual(['CN-2026-000001']);
    expect(await numbers('?issueDateFrom=2026-01-21')).toEqual(['CN-2026-000003', 'CN-2026-000002']);
    expect(await numbers('?issueDateBefore=2026-01-20')).toEqual([]);
    expect(await numbers('?open=true')).toEqual(['CN-2026-000001']);
    expect(await numbers('?open=false')).toEqual(['CN-2026-000003', 'CN-2026-000002']);
    expect(await numbers(`?open=true&currency=EUR&kind=adjustment&accountId=${alpha.accountId}`)).toEqual(['CN-2026-000001']);
  });

  it('pages with a keyset cursor in either order, also between credit notes of one day', async () => {
    const pages: string[][] = [];
    for (const order of ['desc', 'asc']) {
      const numbersInOrder: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: Page = await list(`?limit=1&order=${order}${cursor === '' ? '' : `&cursor=${cursor}`}`);
        expect(page.data).toHaveLength(1);
        numbersInOrder.push(...page.data.map((note) => note.number));
        cursor = page.nextCursor;
      }
      pages.push(numbersInOrder);
    }
    expect(pages).toEqual([['CN-2026-000003', 'CN-2026-000002', 'CN-2026-000001'], ['CN-2026-000001', 'CN-2026-000002', 'CN-2026-000003']]);
  });

  it('refuses bad filters with problem+json naming the field', async () => {
    expect(await problemFields('?currency=EURO')).toEqual(['querystring.currency']);
    expect(await problemFields('?kind=proration')).toEqual(['querystring.kind']);
    expect(await problemFields('?issueDateFrom=2026-02-30')).toEqual(['querystring.issueDateFrom']);
    expect(await problemFields('?issueDateBefore=yesterday')).toEqual(['querystring.issueDateBefore']);
    expect(await problemFields('?issueDateFrom=2026-02-01&issueDateBefore=2026-02-01')).toEqual(['querystring.issueDateBefore']);
    expect(await problemFields('?open=yes')).toEqual(['querystring.open']);
    expect(await problemFields('?order=newest')).toEqual(['querystring.order']);
    expect(await problemFields('?limit=0')).toEqual(['querystring.limit']);
    expect(await problemFields('?cursor=not-a-cursor')).toEqual(['querystring.cursor']);
    // A cursor of another list (an account list's, sorted by name) is not taken for a date.
    expect(await problemFields(`?cursor=${encodeCursor({ sortValue: 'Alpha GmbH', id: 'acct_x' })}`)).toEqual(['querystring.cursor']);
    const misspelt = await get('finance', '/credit-notes?customer=Alpha');
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.body).toContain('customer');
  });

  it('is read by the roles that read invoices; sales roles and anonymous callers are refused', async () => {
    for (const role of ['admin', 'revops', 'finance', 'success', 'viewer'] as const) {
      expect((await get(role, '/credit-notes')).statusCode, role).toBe(200);
      expect((await get(role, `/credit-notes/${alpha.creditNoteId}/settlements`)).statusCode, role).toBe(200);
    }
    for (const role of ['sales_rep', 'sales_manager'] as const) {
      expect((await get(role, '/credit-notes')).statusCode, role).toBe(403);
      expect((await get(role, `/credit-notes/${alpha.creditNoteId}/settlements`)).statusCode, role).toBe(403);
    }
    expect((await get(null, '/credit-notes')).statusCode).toBe(401);
    // A list is read, never written: other methods are a 405 naming GET.
    const post = await t.request('finance', { method: 'POST', url: '/api/v1/credit-notes', payload: {} });
    expect(post.statusCode).toBe(405);
    expect(String(post.headers['allow'])).toContain('GET');
  });

  it('shows what became of one credit note: applications, refunds and what is left', async () => {
    const alphaSettlements = await get('viewer', `/credit-notes/${alpha.creditNoteId}/settlements`);
    expect(alphaSettlements.json()).toEqual({
      creditNote: expect.objectContaining({ id: alpha.creditNoteId, applied: { amountMinor: 10000, currency: 'EUR' }, remaining: { amountMinor: 5968, currency: 'EUR' } }),
      applications: [{ invoiceId: alpha.invoiceId, invoiceNumber: alpha.invoiceNumber, reason: 'apply', amount: { amountMinor: 10000, currency: 'EUR' }, effectiveDate: '2026-01-20' }],
      refunds: [{ id: expect.stringMatching(/^rfd_/), amount: { amountMinor: 3000, currency: 'EUR' }, date: '2026-01-20', reason: 'customer asked', journalEntryId: expect.stringMatching(/^je_/) }],
    });
    // A void credited its invoice in full when it was issued: nothing applied later, nothing left.
    const betaSettlements = (await get('viewer', `/credit-notes/${beta.creditNoteId}/settlements`)).json() as Json;
    expect(betaSettlements).toMatchObject({ creditNote: { applied: { amountMinor: 10000 }, remaining: { amountMinor: 0 } }, applications: [], refunds: [] });
    const missing = await get('viewer', '/credit-notes/cn_missing/settlements');
    expect(missing.statusCode).toBe(404);
    expect(String(missing.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });

  it('gives the credit note itself its invoice number and its reason as parts', async () => {
    const voidNote = (await get('viewer', `/credit-notes/${beta.creditNoteId}`)).json() as Json;
    expect(voidNote).toMatchObject({ invoiceId: beta.invoiceId, invoiceNumber: beta.invoiceNumber, reasonParts: { kind: 'void', invoiceNumber: beta.invoiceNumber, words: 'Duplicate order' } });
    const adjustment = (await get('viewer', `/credit-notes/${alpha.creditNoteId}`)).json() as Json;
    expect(adjustment).toMatchObject({ invoiceId: null, invoiceNumber: null, reasonParts: { kind: 'unused_time', changeDate: '2026-01-20' } });
  });

  it('is documented in OpenAPI with its filters', async () => {
    type Operation = { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> };
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get?: Operation }> };
    const operation = doc.paths['/api/v1/credit-notes']?.get;
    expect(operation?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining([
      'limit', 'cursor', 'accountId', 'invoiceId', 'currency', 'kind', 'issueDateFrom', 'issueDateBefore', 'open', 'order',
    ]));
    expect(doc.paths['/api/v1/credit-notes/{id}/settlements']?.get?.responses).toHaveProperty('200');
  });
});
