import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { catalogAuditTrail, makePriceBookInput, makePriceInput, makeProductInput } from './fixtures.ts';
import {
  createPriceBook, createProduct, deletePriceBook, deleteProduct, findActivePrice, getPrice, listPriceBook, listPriceVersions, priceLine, setPrice,
  type PriceBook, type Product,
} from './index.ts';
import { refusal } from './test-fixtures/app-error.ts';

const instant = (text: string) => Temporal.Instant.from(text);

describe('price versions', () => {
  let t: TestContext;
  let book: PriceBook;
  let seat: Product;
  beforeAll(async () => {
    t = await createTestContext();
    book = await createPriceBook(t.ctx, makePriceBookInput());
    seat = await createProduct(t.ctx, makeProductInput({ sku: 'SEAT' }));
  });
  afterAll(() => t.close());

  it('a new version supersedes the old one without changing it; past lookups return the old one', async () => {
    const v1 = await setPrice(t.ctx, makePriceInput(book.id, seat.id, { unitAmount: '10.00', minPrice: { amountMinor: 800, currency: 'EUR' }, maxDiscountBps: 2000 }));
    expect(v1).toMatchObject({
      id: expect.stringMatching(/^price_/), version: 1, currency: 'EUR', periodMonths: 1, billingTiming: 'in_advance',
      minPrice: { amountMinor: 800, currency: 'EUR' }, effectiveAt: '2026-01-15T09:00:00.000Z', supersededAt: null,
    });
    t.clock.advance({ days: 30 });
    const v2 = await setPrice(t.ctx, makePriceInput(book.id, seat.id, { unitAmount: '12.00' }));
    expect(v2).toMatchObject({ version: 2, unitAmount: '12.00', effectiveAt: '2026-02-14T09:00:00.000Z', supersededAt: null });

    const v1Now = await getPrice(t.ctx, v1.id);
    expect(v1Now).toEqual({ ...v1, supersededAt: '2026-02-14T09:00:00.000Z' });
    // A quote priced with v1 prices the same after the change.
    expect(priceLine({ price: v1Now, quantity: 3 }).netAmount.amountMinor).toBe(3000n);
    expect((await findActivePrice(t.ctx, { priceBookId: book.id, productId: seat.id, at: instant('2026-02-01T00:00:00Z') }))?.id).toBe(v1.id);
    expect((await findActivePrice(t.ctx, { priceBookId: book.id, productId: seat.id, at: instant('2026-02-14T09:00:00Z') }))?.id).toBe(v2.id);
    expect((await findActivePrice(t.ctx, { priceBookId: book.id, productId: seat.id }))?.id).toBe(v2.id);
    expect(await findActivePrice(t.ctx, { priceBookId: book.id, productId: seat.id, at: instant('2026-01-15T08:59:59Z') })).toBeNull();
    expect((await catalogAuditTrail(t.ctx, 'price', v1.id)).map((row) => row.action)).toEqual(['create', 'supersede']);
  });

  it('the database refuses to rewrite or delete a version', async () => {
    const [v1] = await listPriceVersions(t.ctx, { priceBookId: book.id, productId: seat.id });
    const rewrite = sql`update prices set unit_amount = '1.00' where id = ${v1?.id}`.execute(t.ctx.db);
    await expect(rewrite).rejects.toThrow(/immutable/);
    await expect(sql`update prices set superseded_at = now() where id = ${v1?.id}`.execute(t.ctx.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from prices where id = ${v1?.id}`.execute(t.ctx.db)).rejects.toThrow(/never deleted/);
  });

  it('schedules a future version and refuses one in the past or before the latest', async () => {
    const product = await createProduct(t.ctx, makeProductInput());
    const now = await setPrice(t.ctx, makePriceInput(book.id, product.id, { unitAmount: '5.00' }));
    const later = await setPrice(t.ctx, makePriceInput(book.id, product.id, { unitAmount: '6.00', effectiveAt: '2026-06-01T00:00:00Z' }));
    expect((await findActivePrice(t.ctx, { priceBookId: book.id, productId: product.id }))?.id).toBe(now.id);
    expect((await findActivePrice(t.ctx, { priceBookId: book.id, productId: product.id, at: instant('2026-06-01T00:00:00Z') }))?.id).toBe(later.id);
    expect(await refusal(setPrice(t.ctx, makePriceInput(book.id, product.id, { effectiveAt: '2026-05-01T00:00:00Z' })))).toEqual(['business_rule_violated', ['body.effectiveAt']]);
    expect(await refusal(setPrice(t.ctx, makePriceInput(book.id, product.id, { effectiveAt: '2020-01-01T00:00:00Z' })))).toEqual(['validation_failed', ['body.effectiveAt']]);
    expect((await listPriceVersions(t.ctx, { priceBookId: book.id, productId: product.id })).map((p) => [p.version, p.supersededAt])).toEqual([
      [1, '2026-06-01T00:00:00.000Z'],
      [2, null],
    ]);
  });

  it('validates terms per model and against the book and the product, naming fields', async () => {
    const usage = await createProduct(t.ctx, makeProductInput({ type: 'usage' }));
    const setup = await createProduct(t.ctx, makeProductInput({ type: 'one_time' }));
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ currency: 'USD' }, seat.id, ['body.currency']],
      [{ minPrice: { amountMinor: 100, currency: 'USD' } }, seat.id, ['body.minPrice.currency']],
      [{ pricingModel: 'tiered' }, seat.id, ['body.tiers', 'body.unitAmount']],
      [{ pricingModel: 'tiered', unitAmount: undefined, tiers: [{ upTo: 10, unitAmount: '1' }, { upTo: 10, unitAmount: '1' }] }, seat.id, ['body.tiers.1.upTo', 'body.tiers.1.upTo']],
      [{ pricingModel: 'package', packageSize: 0 }, seat.id, ['body.packageSize']],
      [{ pricingModel: 'per_unit', packageSize: 10 }, seat.id, ['body.packageSize']],
      [{ unitAmount: '-1' }, seat.id, ['body.unitAmount']],
      [{ unitAmount: '1.12345678901' }, seat.id, ['body.unitAmount']],
      [{ billingPeriod: 'multi_year' }, seat.id, ['body.periodMonths']],
      [{ billingPeriod: 'annual', periodMonths: 6 }, seat.id, ['body.periodMonths']],
      [{ pricingModel: 'usage', billingTiming: 'in_advance' }, usage.id, ['body.billingTiming']],
      [{ pricingModel: 'usage' }, seat.id, ['body.pricingModel']],
      [{ billingPeriod: 'one_time' }, seat.id, ['body.billingPeriod']],
      [{}, setup.id, ['body.billingPeriod']],
      [{}, usage.id, ['body.pricingModel']],
      [{}, 'prod_unknown', ['body.productId']],
    ];
    for (const [override, productId, fields] of cases) {
      const [code, names] = await refusal(setPrice(t.ctx, { ...makePriceInput(book.id, productId), ...override } as never));
      expect([code, names], JSON.stringify(override)).toEqual(['validation_failed', fields]);
    }
    expect(await refusal(setPrice(t.ctx, makePriceInput('pbk_unknown', seat.id)))).toEqual(['not_found', []]);
  });

  it('stores every model the engine prices, sub-cent amounts and tiers exactly', async () => {
    const calls = await createProduct(t.ctx, makeProductInput({ type: 'usage', unitOfMeasure: 'API call' }));
    const usage = await setPrice(t.ctx, makePriceInput(book.id, calls.id, { pricingModel: 'usage', unitAmount: '0.0125' }));
    expect(usage).toMatchObject({ billingTiming: 'in_arrears', unitAmount: '0.0125' });
    expect(priceLine({ price: usage, quantity: 1, usageQuantity: 1_234_567 }).netAmount.amountMinor).toBe(1543209n);
    const tiered = await createProduct(t.ctx, makeProductInput());
    const tiers = [{ upTo: 10, unitAmount: '10.00' }, { upTo: null, unitAmount: '8.00', flatAmount: '5.00' }];
    const stored = await setPrice(t.ctx, makePriceInput(book.id, tiered.id, { pricingModel: 'tiered', unitAmount: undefined, tiers, billingPeriod: 'multi_year', periodMonths: 36 }));
    expect(stored).toMatchObject({ tiers, unitAmount: null, periodMonths: 36 });
    expect(priceLine({ price: stored, quantity: 11, termMonths: 36 }).netAmount.amountMinor).toBe(11300n);
  });

  it('lists the versions in effect for live products, at now or a past instant', async () => {
    const listing = await listPriceBook(t.ctx, { id: book.id });
    expect(listing.priceBook.id).toBe(book.id);
    const seatNow = listing.data.find((p) => p.productId === seat.id);
    expect(seatNow?.version).toBe(2);
    const past = await listPriceBook(t.ctx, { id: book.id, at: '2026-01-20T00:00:00Z' });
    expect(past.data.map((p) => [p.productId, p.version])).toEqual([[seat.id, 1]]);
    const paged = await listPriceBook(t.ctx, { id: book.id, limit: 2 });
    const rest = await listPriceBook(t.ctx, { id: book.id, limit: 500, cursor: paged.nextCursor ?? undefined });
    expect([...paged.data, ...rest.data].map((p) => p.id)).toEqual(listing.data.map((p) => p.id));

    const gone = await createProduct(t.ctx, makeProductInput());
    await setPrice(t.ctx, makePriceInput(book.id, gone.id));
    await deleteProduct(t.ctx, { id: gone.id, expectedVersion: 1 });
    expect((await listPriceBook(t.ctx, { id: book.id })).data.map((p) => p.productId)).not.toContain(gone.id);
    expect(await findActivePrice(t.ctx, { priceBookId: book.id, productId: gone.id })).toBeNull();
  });

  it('concurrent price changes line up as consecutive versions with one open (PostgreSQL runs them in parallel)', async () => {
    const product = await createProduct(t.ctx, makeProductInput());
    const amounts = ['1.00', '2.00', '3.00', '4.00', '5.00'];
    await Promise.all(amounts.map((unitAmount) => setPrice(t.ctx, makePriceInput(book.id, product.id, { unitAmount }))));
    const versions = await listPriceVersions(t.ctx, { priceBookId: book.id, productId: product.id });
    expect(versions.map((p) => p.version)).toEqual([1, 2, 3, 4, 5]);
    expect(versions.filter((p) => p.supersededAt === null)).toHaveLength(1);
    expect(versions.slice(0, -1).map((p) => p.supersededAt)).toEqual(versions.slice(1).map((p) => p.effectiveAt));
    expect(new Set(versions.map((p) => p.unitAmount))).toEqual(new Set(amounts));
  });

  it('a deleted book keeps its versions readable by id only', async () => {
    const other = await createPriceBook(t.ctx, makePriceBookInput());
    const price = await setPrice(t.ctx, makePriceInput(other.id, seat.id));
    await deletePriceBook(t.ctx, { id: other.id, expectedVersion: 1 });
    expect((await getPrice(t.ctx, price.id)).id).toBe(price.id);
    expect(await findActivePrice(t.ctx, { priceBookId: other.id, productId: seat.id })).toBeNull();
    expect(await refusal(listPriceBook(t.ctx, { id: other.id }))).toEqual(['not_found', []]);
  });
});
