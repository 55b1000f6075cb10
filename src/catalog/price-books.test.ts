import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { catalogAuditTrail, makePriceBookInput } from './fixtures.ts';
import { createPriceBook, deletePriceBook, findPriceBook, getPriceBook, listPriceBooks, updatePriceBook } from './index.ts';
import { refusal } from './test-fixtures/app-error.ts';

describe('price book services', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates a book with its currency normalized and flags it expired once validToDate is reached', async () => {
    const book = await createPriceBook(t.ctx, makePriceBookInput({ name: 'EU 2026', currency: 'eur', validFromDate: '2026-01-01', validToDate: '2026-02-01' }));
    expect(book).toMatchObject({ currency: 'EUR', channel: 'direct', active: true, isDefault: false, expired: false, version: 1 });
    t.clock.set('2026-01-31T23:59:59Z');
    expect((await getPriceBook(t.ctx, book.id)).expired).toBe(false);
    t.clock.set('2026-02-01T00:00:00Z'); // half-open: the first day no longer valid
    expect((await getPriceBook(t.ctx, book.id)).expired).toBe(true);
    t.clock.set('2026-01-15T09:00:00Z');
  });

  it('keeps one default per currency and channel, moving the flag with an audit row', async () => {
    const first = await createPriceBook(t.ctx, makePriceBookInput({ currency: 'USD', channel: 'partner', isDefault: true }));
    const second = await createPriceBook(t.ctx, makePriceBookInput({ currency: 'USD', channel: 'partner', isDefault: true }));
    expect((await getPriceBook(t.ctx, first.id)).isDefault).toBe(false);
    expect((await getPriceBook(t.ctx, second.id)).isDefault).toBe(true);
    const otherChannel = await createPriceBook(t.ctx, makePriceBookInput({ currency: 'USD', channel: 'direct', isDefault: true }));
    expect((await getPriceBook(t.ctx, second.id)).isDefault).toBe(true);

    const back = await updatePriceBook(t.ctx, { id: first.id, expectedVersion: 2, changes: { isDefault: true } });
    expect(back.isDefault).toBe(true);
    expect((await getPriceBook(t.ctx, second.id)).isDefault).toBe(false);
    // Moving a default to a channel that has one takes the flag there too.
    await updatePriceBook(t.ctx, { id: first.id, expectedVersion: 3, changes: { channel: 'direct' } });
    expect((await getPriceBook(t.ctx, otherChannel.id)).isDefault).toBe(false);
    const trail = await catalogAuditTrail(t.ctx, 'price_book', second.id);
    expect(trail.map((row) => [row.action, (row.after as { is_default: boolean }).is_default])).toEqual([['create', true], ['update', false]]);
  });

  it('refuses an inactive default, inverted validity and a currency change, naming the field', async () => {
    expect(await refusal(createPriceBook(t.ctx, makePriceBookInput({ isDefault: true, active: false })))).toEqual(['validation_failed', ['body.isDefault']]);
    expect(await refusal(createPriceBook(t.ctx, makePriceBookInput({ validFromDate: '2026-03-01', validToDate: '2026-03-01' })))).toEqual(['validation_failed', ['body.validToDate']]);
    expect(await refusal(createPriceBook(t.ctx, makePriceBookInput({ currency: 'EURO', channel: 'retail' as never })))).toEqual(['validation_failed', ['body.currency', 'body.channel']]);
    const book = await createPriceBook(t.ctx, makePriceBookInput({ validFromDate: '2026-03-01' }));
    expect(await refusal(updatePriceBook(t.ctx, { id: book.id, expectedVersion: 1, changes: { validToDate: '2026-02-01' } }))).toEqual(['validation_failed', ['body.validToDate']]);
    expect(await refusal(updatePriceBook(t.ctx, { id: book.id, expectedVersion: 1, changes: { currency: 'USD' } as never }))).toEqual(['validation_failed', ['body']]);
  });

  it('lists live books by name with filters and soft-deletes', async () => {
    const jpy = await createPriceBook(t.ctx, makePriceBookInput({ name: 'Japan', currency: 'JPY', channel: 'self_service' }));
    await createPriceBook(t.ctx, makePriceBookInput({ name: 'Japan partners', currency: 'JPY', channel: 'partner', active: false }));
    expect((await listPriceBooks(t.ctx, { currency: 'jpy' })).data.map((b) => b.name)).toEqual(['Japan', 'Japan partners']);
    expect((await listPriceBooks(t.ctx, { currency: 'JPY', active: false })).data.map((b) => b.name)).toEqual(['Japan partners']);
    await deletePriceBook(t.ctx, { id: jpy.id, expectedVersion: 1 });
    expect(await findPriceBook(t.ctx, jpy.id)).toBeNull();
    expect((await listPriceBooks(t.ctx, { currency: 'JPY', channel: 'self_service' })).data).toEqual([]);
  });
});
