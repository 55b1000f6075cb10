import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { billingAddressProblem, normalizeBillingAddress } from './billing-address.ts';
import { auditTrail, countAccountRows, makeAccountInput } from './fixtures.ts';

type Problem = { code: string; errors?: Array<{ field: string; message: string; params?: unknown }> };

describe('normalizeBillingAddress', () => {
  it('keeps one trimmed line per line, drops blank ones, gives null for nothing, and is idempotent', () => {
    expect(normalizeBillingAddress('  Musterstraße 1 \r\n\r\n 10115 Berlin\r')).toBe('Musterstraße 1\n10115 Berlin');
    expect(normalizeBillingAddress(' \n\t\n')).toBeNull();
    expect(normalizeBillingAddress('')).toBeNull();
    const once = normalizeBillingAddress('a \n\n b\rc') ?? '';
    expect(normalizeBillingAddress(once)).toBe(once);
    expect(billingAddressProblem('1\n2\n3\n4\n5\n6')).toBeNull();
    expect(billingAddressProblem('1\n2\n3\n4\n5\n6\n7')).toBe('must be at most 6 lines');
    expect(billingAddressProblem('x'.repeat(501))).toBe('must be at most 500 characters');
  });
});

describe('account billing address over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('is created, read, listed, changed and cleared; each change audited and kept in the row history', async () => {
    const created = await t.request('revops', { method: 'POST', url: '/api/v1/accounts', payload: {
      ...makeAccountInput({ name: 'Adresse GmbH', country: 'DE' }), billingAddress: ' Musterstraße 1 \r\n\r\n10115 Berlin ',
    } });
    expect(created.statusCode, created.body).toBe(201);
    const account = created.json() as { id: string; billingAddress: string | null; country: string };
    expect({ address: account.billingAddress, country: account.country }).toEqual({ address: 'Musterstraße 1\n10115 Berlin', country: 'DE' });
    const url = `/api/v1/accounts/${account.id}`;
    expect((await t.request('viewer', { method: 'GET', url })).json()).toMatchObject({ billingAddress: 'Musterstraße 1\n10115 Berlin' });
    const listed = (await t.request('viewer', { method: 'GET', url: '/api/v1/accounts?q=Adresse' })).json() as { data: Array<{ billingAddress: string | null }> };
    expect(listed.data.map((a) => a.billingAddress)).toEqual(['Musterstraße 1\n10115 Berlin']);

    t.clock.advance({ minutes: 5 });
    const moved = await t.request('revops', { method: 'PATCH', url, payload: { billingAddress: 'Friedrichstraße 10\n10117 Berlin', version: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ billingAddress: 'Friedrichstraße 10\n10117 Berlin', version: 2 });
    // The same address in another spelling (spaces, CR LF) is no change: no new version, no audit row.
    const same = await t.request('revops', { method: 'PATCH', url, payload: { billingAddress: 'Friedrichstraße 10 \r\n 10117 Berlin', version: 2 } });
    expect(same.json()).toMatchObject({ version: 2 });
    t.clock.advance({ minutes: 5 });
    const cleared = await t.request('revops', { method: 'PATCH', url, payload: { billingAddress: '  ', version: 2 } });
    expect(cleared.json()).toMatchObject({ billingAddress: null, version: 3 });

    const trail = await auditTrail(t.ctx, account.id);
    expect(trail.map((row) => [row.action, (row.before as { billing_address?: string } | null)?.billing_address ?? null, (row.after as { billing_address: string | null }).billing_address])).toEqual([
      ['create', null, 'Musterstraße 1\n10115 Berlin'],
      ['update', 'Musterstraße 1\n10115 Berlin', 'Friedrichstraße 10\n10117 Berlin'],
      ['update', 'Friedrichstraße 10\n10117 Berlin', null],
    ]);
    // Transaction-time history (migration 202612060800): the earlier versions with their addresses, and as of an instant.
    const history = await sql<{ address: string | null }>`
      select row_data ->> 'billing_address' as address from accounts_history where row_id = ${account.id} order by history_id`.execute(t.ctx.db);
    expect(history.rows.map((row) => row.address)).toEqual(['Musterstraße 1\n10115 Berlin', 'Friedrichstraße 10\n10117 Berlin']);
    const asOf = await sql<{ billing_address: string | null }>`
      select billing_address from accounts_as_of(${'2026-03-02T09:07:00Z'}::timestamptz) where id = ${account.id}`.execute(t.ctx.db);
    expect(asOf.rows).toEqual([{ billing_address: 'Friedrichstraße 10\n10117 Berlin' }]);
  });

  it('refuses an address that is too long, has too many lines or is not text, naming body.billingAddress, and writes nothing', async () => {
    const before = await countAccountRows(t.ctx);
    // The params name the limit broken, so the web app says "Höchstens 6 Zeilen." (lines: Revline's own origin).
    const cases: Array<[unknown, string, unknown]> = [
      ['x'.repeat(501), 'must be at most 500 characters', { origin: 'string', maximum: 500, inclusive: true }],
      ['1\n2\n3\n4\n5\n6\n7', 'must be at most 6 lines', { origin: 'lines', maximum: 6, inclusive: true }],
      [42, 'expected text', { expected: 'string' }],
    ];
    for (const [billingAddress, message, params] of cases) {
      const response = await t.request('revops', { method: 'POST', url: '/api/v1/accounts', payload: { ...makeAccountInput(), billingAddress } });
      expect(response.statusCode, response.body).toBe(400);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      const problem = response.json() as Problem;
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'body.billingAddress', message: expect.stringContaining(message) })]);
      expect(problem.errors?.[0]?.params).toEqual(params);
    }
    expect(await countAccountRows(t.ctx)).toBe(before);
    const account = (await t.request('revops', { method: 'POST', url: '/api/v1/accounts', payload: makeAccountInput() })).json() as { id: string };
    const patch = await t.request('revops', { method: 'PATCH', url: `/api/v1/accounts/${account.id}`, payload: { billingAddress: '1\n2\n3\n4\n5\n6\n7', version: 1 } });
    expect(patch.statusCode).toBe(400);
    expect((patch.json() as Problem).errors?.map((e) => e.field)).toEqual(['body.billingAddress']);
    expect(await auditTrail(t.ctx, account.id)).toHaveLength(1);
  });
});
