import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { allowedMethods } from './method-not-allowed.ts';

// A path that exists answers 405 with Allow for a method it does not have, not 404 "No route".
describe('405 Method Not Allowed', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());

  it('answers PATCH and DELETE on an invoice with 405, Allow and the correction to use', async () => {
    for (const method of ['PATCH', 'DELETE', 'PUT'] as const) {
      const response = await t.request('finance', { method, url: '/api/v1/invoices/inv_anything', payload: {} });
      expect(response.statusCode).toBe(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 405, code: 'method_not_allowed', detail: expect.stringMatching(/immutable.*credit note/) });
    }
  });

  it('names the reversing entry for journal entries and a new document for credit notes', async () => {
    const entry = await t.request('finance', { method: 'DELETE', url: '/api/v1/ledger/entries/je_1' });
    expect([entry.statusCode, entry.headers['allow']]).toEqual([405, 'GET, HEAD']);
    expect(entry.json().detail).toMatch(/reversing entry.*\/reverse/);
    const note = await t.request('finance', { method: 'PATCH', url: '/api/v1/credit-notes/cn_1', payload: {} });
    expect(note.statusCode).toBe(405);
    expect(note.json().detail).toMatch(/immutable/);
  });

  it('lists every method of a path, localizes the title, and keeps 404 for paths that do not exist', async () => {
    const entries = await t.request('finance', { method: 'DELETE', url: '/api/v1/ledger/entries?x=1', headers: { 'accept-language': 'de' } });
    expect(entries.statusCode).toBe(405);
    expect(entries.headers['allow']).toBe('GET, HEAD, POST');
    expect(entries.json()).toMatchObject({ code: 'method_not_allowed', title: expect.not.stringMatching(/not allowed/) });
    expect(entries.json().detail).toContain('DELETE');
    expect((await t.request('finance', { method: 'GET', url: '/api/v1/no-such-thing' })).statusCode).toBe(404);
    expect((await t.request('finance', { method: 'DELETE', url: '/api/v1/invoices/inv_1/no-such-thing' })).statusCode).toBe(404);
  });

  it('matches route patterns segment by segment, ignoring wildcards and a trailing slash', () => {
    const catalog = [
      { method: 'GET', url: '/api/v1/invoices/:id', immutable: 'frozen' },
      { method: 'POST', url: '/api/v1/invoices/:id/void' },
      { method: 'GET', url: '/*' },
    ];
    expect(allowedMethods(catalog, '/api/v1/invoices/inv_1/')).toEqual({ methods: ['GET', 'HEAD'], immutable: 'frozen' });
    expect(allowedMethods(catalog, '/api/v1/invoices/inv_1/void?x=1')).toEqual({ methods: ['POST'], immutable: undefined });
    expect(allowedMethods(catalog, '/dashboard')).toEqual({ methods: [], immutable: undefined });
  });
});
