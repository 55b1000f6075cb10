import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { upsertImportedPayment } from '../billing/index.ts';
import { createAccount } from '../crm/index.ts';
import type { Role } from '../shared/access.ts';
import { encodeCursor } from '../shared/http/pagination.ts';
import { applyPaymentCredit } from './apply-payment-credit.ts';
import { chargebackPayment } from './chargeback-payment.ts';
import { makeIssuedInvoice } from './fixtures.ts';
import { getPaymentDetail } from './get-payment-detail.ts';
import { listPayments } from './list-payments.ts';
import { recordPayment } from './record-payment.ts';
import { refundPayment } from './refund-payment.ts';
import { unapplyPayment } from './unapply-payment.ts';

type Json = Record<string, unknown>;
type Page = { data: Array<Json & { id: string }>; nextCursor: string | null };

/**
 * GET /api/v1/payments as finance reads it for cash application: payments made by the real flows —
 * partly applied, fully applied, refunded in part and in full, charged back, applied and taken back,
 * imported (on and off the books) — listed newest received day first, filtered, searched and paged,
 * each with what is left of it exactly as the payment's own page counts it.
 */
describe('GET /payments', () => {
  let t: TestApp;
  // Named for what became of each payment; recorded a minute apart, as finance works.
  const p = { imported: '', importedBooked: '', partlyApplied: '', fullyApplied: '', partlyRefunded: '', fullyRefunded: '', chargedBack: '', reapplied: '', backdated: '' };
  const get = (role: Role | null, url: string) => t.request(role, { method: 'GET', url: `/api/v1${url}` });
  const list = async (query: string, role: Role = 'finance'): Promise<Page> => {
    const response = await get(role, `/payments${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  // Three payments recorded in one millisecond: they share a name, as their order among themselves is only their ids'.
  const delta: string[] = [];
  const name = (id: string) => (delta.includes(id) ? 'delta' : Object.entries(p).find(([, value]) => value === id)?.[0] ?? id);
  const names = async (query: string) => (await list(query)).data.map((row) => name(row.id));
  const problemFields = async (query: string) => {
    const response = await get('finance', `/payments${query}`);
    expect(response.statusCode, query).toBe(400);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    return ((response.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((error) => error.field);
  };

  beforeAll(async () => {
    t = await createTestApp({ start: '2026-03-10T09:00:00Z' });
    const alpha = (await createAccount(t.ctx, { name: 'Alpha GmbH', currency: 'EUR', country: 'DE' })).id;
    const beta = (await createAccount(t.ctx, { name: 'Beta Ltd', currency: 'USD', country: 'GB' })).id;
    const gamma = (await createAccount(t.ctx, { name: 'Gamma S.r.l.', currency: 'EUR', country: 'IT' })).id;
    const [a1, a2, a3, g1] = [
      await makeIssuedInvoice(t.ctx, alpha, { totalMinor: 10_000n }), await makeIssuedInvoice(t.ctx, alpha, { totalMinor: 10_000n }),
      await makeIssuedInvoice(t.ctx, alpha, { totalMinor: 4_000n }), await makeIssuedInvoice(t.ctx, gamma, { totalMinor: 15_000n }),
    ];
    const eur = (amountMinor: bigint) => ({ amountMinor, currency: 'EUR' });
    const usd = (amountMinor: bigint) => ({ amountMinor, currency: 'USD' });
    const later = () => t.clock.advance({ minutes: 1 });

    // One bank file's worth at one instant (a fake clock's millisecond), before everything else.
    const deltaAccount = (await createAccount(t.ctx, { name: 'Delta Ltd', currency: 'GBP', country: 'GB' })).id;
    for (const amountMinor of [100n, 200n, 300n]) {
      delta.push((await recordPayment(t.ctx, { accountId: deltaAccount, amount: { amountMinor, currency: 'GBP' }, receivedDate: '2026-02-20', method: 'wallet', autoApply: false })).id);
    }

    // From another billing system: history (no receipt, so nothing of it is credit), and one taken onto the books by a refund.
    // A day of their own: an import draws its ids on the system clock, not this test's fake one (in production the two agree).
    const imported = { sourceSystem: 'legacy', accountId: gamma, currency: 'EUR', method: 'other' as const };
    later();
    p.imported = (await upsertImportedPayment(t.ctx, { ...imported, externalId: 'pay-1', amountMinor: 50_000n, receivedAt: '2026-02-27T15:30:00Z', reference: 'LEGACY-0042' })).record.id;
    later();
    p.importedBooked = (await upsertImportedPayment(t.ctx, { ...imported, externalId: 'pay-2', amountMinor: 4_000n, receivedAt: '2026-02-27T08:00:00Z', reference: 'LEGACY-0043' })).record.id;
    await refundPayment(t.ctx, { paymentId: p.importedBooked, amountMinor: 1_000n });

    later();
    p.partlyApplied = (await recordPayment(t.ctx, { accountId: alpha, amount: eur(15_000n), receivedDate: '2026-03-02', method: 'bank_transfer', reference: 'SEPA 50%_deposit', allocations: [{ invoiceId: a1.id, amountMinor: 10_000n }] })).id;
    later();
    p.fullyApplied = (await recordPayment(t.ctx, { accountId: alpha, amount: eur(10_000n), receivedDate: '2026-03-02', method: 'card', reference: 'CARD-7731', allocations: [{ invoiceId: a2.id, amountMinor: 10_000n }] })).id;
    later();
    p.partlyRefunded = (await recordPayment(t.ctx, { accountId: beta, amount: usd(8_000n), receivedDate: '2026-03-05', method: 'card', reference: 'stripe ch_3Nx', autoApply: false })).id;
    await refundPayment(t.ctx, { paymentId: p.partlyRefunded, amountMinor: 3_000n });
    later();
    p.fullyRefunded = (await recordPayment(t.ctx, { accountId: beta, amount: usd(2_000n), receivedDate: '2026-03-05', method: 'card', reference: 'stripe ch_9Kq', autoApply: false })).id;
    await refundPayment(t.ctx, { paymentId: p.fullyRefunded });
    later();
    p.chargedBack = (await recordPayment(t.ctx, { accountId: alpha, amount: eur(6_000n), receivedDate: '2026-03-09', method: 'direct_debit', reference: 'DD mandate 12', allocations: [{ invoiceId: a3.id, amountMinor: 4_000n }] })).id;
    await chargebackPayment(t.ctx, { paymentId: p.chargedBack, reason: 'disputed' });
    later();
    p.reapplied = (await recordPayment(t.ctx, { accountId: gamma, amount: eur(20_000n), receivedDate: '2026-03-10', method: 'bank_transfer', reference: 'Bonifico 10/03', autoApply: false })).id;
    await applyPaymentCredit(t.ctx, { paymentId: p.reapplied, allocations: [{ invoiceId: g1.id, amountMinor: 12_000n }] });
    await unapplyPayment(t.ctx, { paymentId: p.reapplied, invoiceId: g1.id, amountMinor: 2_000n });
    // Recorded last, received earliest: listed under its day, not on top.
    later();
    p.backdated = (await recordPayment(t.ctx, { accountId: gamma, amount: eur(3_000n), receivedDate: '2026-03-01', method: 'cash', autoApply: false })).id;
  }, 120_000);
  afterAll(() => t.close());

  const everything = ['reapplied', 'chargedBack', 'fullyRefunded', 'partlyRefunded', 'fullyApplied', 'partlyApplied', 'backdated', 'importedBooked', 'imported', 'delta', 'delta', 'delta'];

  it('lists by received day, newest first, and within a day the last recorded first, each with what is left of it', async () => {
    const page = await list('');
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((row) => name(row.id))).toEqual(everything);
    const leftOf = (row: Json) => (row['unapplied'] as { amountMinor: number }).amountMinor;
    const left = Object.fromEntries(page.data.filter((row) => !delta.includes(row.id)).map((row) => [name(row.id), leftOf(row)]));
    expect(left).toEqual({
      reapplied: 10_000, // 20000 − (12000 applied − 2000 taken back)
      chargedBack: 0, fullyRefunded: 0, fullyApplied: 0,
      partlyRefunded: 5_000, // 8000 − 3000 refunded
      partlyApplied: 5_000, // 15000 − 10000 applied
      backdated: 3_000,
      importedBooked: 3_000, // 4000 − 1000 refunded, on the books since
      imported: 0, // history: booked nothing, so it is no credit (getPaymentDetail)
    });
    // Each of the three keeps all of its money.
    expect(page.data.filter((row) => delta.includes(row.id)).map(leftOf).sort()).toEqual([100, 200, 300]);
    // Recorded in one millisecond, a day's payments come by id: a total order, whatever it is (paging below keeps it).
    const sameInstant = page.data.filter((row) => delta.includes(row.id)).map((row) => row.id);
    expect(sameInstant).toEqual([...delta].sort().reverse());
    // The same count as each payment's own page, the one the cash application panel shows.
    for (const row of page.data) {
      const detail = await getPaymentDetail(t.ctx, row.id);
      expect({ id: row.id, applied: row['applied'], unapplied: row['unapplied'], receivedDate: row['receivedDate'] }).toEqual({
        id: detail.id, receivedDate: detail.receivedDate,
        applied: { amountMinor: Number(detail.appliedMinor), currency: detail.currency }, unapplied: { amountMinor: Number(detail.unappliedMinor), currency: detail.currency },
      });
    }
    expect(page.data.find((row) => row.id === p.partlyApplied)).toEqual({
      id: p.partlyApplied, accountId: expect.stringMatching(/^acct_/), amount: { amountMinor: 15_000, currency: 'EUR' }, receivedDate: '2026-03-02',
      receivedAt: '2026-03-02T00:00:00.000Z', method: 'bank_transfer', reference: 'SEPA 50%_deposit', status: 'succeeded', sourceSystem: null, externalId: null,
      applied: { amountMinor: 10_000, currency: 'EUR' }, unapplied: { amountMinor: 5_000, currency: 'EUR' },
      allocations: [{ invoiceId: expect.stringMatching(/^inv_/), amount: { amountMinor: 10_000, currency: 'EUR' } }],
      createdAt: expect.stringMatching(/^2026-03-10T09:\d\d:00\.000Z$/), updatedAt: expect.stringMatching(/^2026-03-10T09:/), version: 1,
    });
    // The service answers the same (bigint amounts), for callers in-process.
    const direct = await listPayments(t.ctx, { unapplied: 'true', currency: 'USD' });
    expect(direct.data.map((row) => [row.id, row.receivedDate, row.appliedMinor, row.unappliedMinor])).toEqual([[p.partlyRefunded, '2026-03-05', 0n, 5_000n]]);
  });

  it('pages one row at a time, and a few at a time with a filter, through the same order', async () => {
    for (const [query, expected] of [['', everything], ['&unapplied=true', ['reapplied', 'partlyRefunded', 'partlyApplied', 'backdated', 'importedBooked', 'delta', 'delta', 'delta']]] as const) {
      for (const limit of [1, 2, 4]) {
        const seen: string[] = [];
        let cursor: string | null = '';
        while (cursor !== null) {
          const page: Page = await list(`?limit=${limit}${query}${cursor === '' ? '' : `&cursor=${cursor}`}`);
          expect(page.data.length).toBeLessThanOrEqual(limit);
          seen.push(...page.data.map((row) => name(row.id)));
          cursor = page.nextCursor;
        }
        expect(seen, `limit ${limit}${query}`).toEqual(expected);
      }
    }
  });

  it('filters by unapplied money, status, method, currency, customer and received days (half-open)', async () => {
    expect(await names('?unapplied=true')).toEqual(['reapplied', 'partlyRefunded', 'partlyApplied', 'backdated', 'importedBooked', 'delta', 'delta', 'delta']);
    expect(await names('?unapplied=false')).toEqual(['chargedBack', 'fullyRefunded', 'fullyApplied', 'imported']);
    expect(await names('?status=refunded')).toEqual(['chargedBack', 'fullyRefunded']);
    expect(await names('?status=failed')).toEqual([]);
    expect(await names('?method=card')).toEqual(['fullyRefunded', 'partlyRefunded', 'fullyApplied']);
    expect(await names('?method=cash')).toEqual(['backdated']);
    expect(await names('?currency=usd')).toEqual(['fullyRefunded', 'partlyRefunded']);
    const alpha = (await list('?search=Alpha')).data[0]?.accountId as string;
    expect(await names(`?accountId=${alpha}`)).toEqual(['chargedBack', 'fullyApplied', 'partlyApplied']);
    expect(await names(`?accountId=${alpha}&unapplied=true`)).toEqual(['partlyApplied']);
    expect(await names('?receivedDateFrom=2026-03-05')).toEqual(['reapplied', 'chargedBack', 'fullyRefunded', 'partlyRefunded']);
    expect(await names('?receivedDateFrom=2026-03-02&receivedDateBefore=2026-03-05')).toEqual(['fullyApplied', 'partlyApplied']);
    expect(await names('?receivedDateBefore=2026-03-02')).toEqual(['backdated', 'importedBooked', 'imported', 'delta', 'delta', 'delta']);
    expect(await names('?receivedDateFrom=2026-02-27&receivedDateBefore=2026-02-28')).toEqual(['importedBooked', 'imported']);
    expect(await names('?receivedDateFrom=2026-02-20&receivedDateBefore=2026-02-21&method=wallet&currency=GBP')).toEqual(['delta', 'delta', 'delta']);
    expect(await names('?receivedDateFrom=2026-03-09&receivedDateBefore=2026-03-10')).toEqual(['chargedBack']);
    expect(await names('?receivedDateFrom=2026-03-02&unapplied=true&currency=EUR&method=bank_transfer')).toEqual(['reapplied', 'partlyApplied']);
  });

  it('finds by part of the reference or of the customer name, any case, wildcards taken literally', async () => {
    expect(await names('?search=card-77')).toEqual(['fullyApplied']);
    expect(await names('?search=%20stripe%20')).toEqual(['fullyRefunded', 'partlyRefunded']);
    expect(await names('?search=BETA')).toEqual(['fullyRefunded', 'partlyRefunded']);
    expect(await names('?search=legacy-004')).toEqual(['importedBooked', 'imported']);
    expect(await names('?search=s.r.l.')).toEqual(['reapplied', 'backdated', 'importedBooked', 'imported']);
    expect(await names('?search=50%25_dep')).toEqual(['partlyApplied']);
    // As wildcards these would match CARD-7731, "SEPA 50%_deposit" and Gamma S.r.l.: taken literally they match nothing.
    expect(await names('?search=CARD_7731')).toEqual([]);
    expect(await names('?search=SEPA%25deposit')).toEqual([]);
    expect(await names('?search=S_r_l')).toEqual([]);
    expect(await names('?search=%5C')).toEqual([]);
  });

  it('refuses bad filters with problem+json naming the field', async () => {
    expect(await problemFields('?receivedDateFrom=2026-03-05&receivedDateBefore=2026-03-05')).toEqual(['querystring.receivedDateBefore']);
    expect(await problemFields('?receivedDateFrom=2026-03-05&receivedDateBefore=2026-03-01')).toEqual(['querystring.receivedDateBefore']);
    expect(await problemFields('?receivedDateFrom=2026-02-30')).toEqual(['querystring.receivedDateFrom']);
    expect(await problemFields('?receivedDateBefore=yesterday')).toEqual(['querystring.receivedDateBefore']);
    expect(await problemFields('?unapplied=yes')).toEqual(['querystring.unapplied']);
    expect(await problemFields('?method=paypal')).toEqual(['querystring.method']);
    expect(await problemFields('?status=pending')).toEqual(['querystring.status']);
    expect(await problemFields('?currency=EURO')).toEqual(['querystring.currency']);
    expect(await problemFields('?search=%20%20')).toEqual(['querystring.search']);
    expect(await problemFields(`?search=${'x'.repeat(101)}`)).toEqual(['querystring.search']);
    expect(await problemFields('?limit=0')).toEqual(['querystring.limit']);
    expect(await problemFields('?cursor=not-a-cursor')).toEqual(['querystring.cursor']);
    // A cursor of the list before it was ordered by day (no sort value), or of another list, is not taken for a date.
    expect(await problemFields(`?cursor=${encodeCursor({ sortValue: null, id: p.fullyApplied })}`)).toEqual(['querystring.cursor']);
    expect(await problemFields(`?cursor=${encodeCursor({ sortValue: 'Alpha GmbH', id: 'acct_x' })}`)).toEqual(['querystring.cursor']);
    const misspelt = await get('finance', '/payments?customer=Alpha');
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.body).toContain('customer');
  });

  it('is read by the money readers only, and documented with its filters', async () => {
    for (const role of ['admin', 'revops', 'finance', 'success', 'viewer'] as const) expect((await get(role, '/payments')).statusCode, role).toBe(200);
    for (const role of ['sales_rep', 'sales_manager'] as const) expect((await get(role, '/payments')).statusCode, role).toBe(403);
    expect((await get(null, '/payments')).statusCode).toBe(401);
    type Operation = { parameters?: Array<{ name: string; in: string }> };
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get?: Operation }> };
    expect(doc.paths['/api/v1/payments']?.get?.parameters?.filter((param) => param.in === 'query').map((param) => param.name).sort()).toEqual([
      'accountId', 'currency', 'cursor', 'limit', 'method', 'receivedDateBefore', 'receivedDateFrom', 'search', 'status', 'unapplied',
    ]);
  });
});
