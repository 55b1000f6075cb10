import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { makePriceBookInput, makePriceInput, makeProductInput } from './fixtures.ts';
import { createPriceBook, createProduct, deleteProduct, findPrice, findPrices, findProduct, findProducts, setPrice } from './index.ts';

describe('batch lookups', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('findProducts and findPrices answer as the single lookups do, for many ids at once', async () => {
    const book = await createPriceBook(t.ctx, makePriceBookInput());
    const seat = await createProduct(t.ctx, makeProductInput({ sku: 'BATCH-SEAT' }));
    const addon = await createProduct(t.ctx, makeProductInput({ sku: 'BATCH-ADDON' }));
    const gone = await createProduct(t.ctx, makeProductInput({ sku: 'BATCH-GONE' }));
    const v1 = await setPrice(t.ctx, makePriceInput(book.id, seat.id, { unitAmount: '10.00' }));
    t.clock.advance({ days: 1 });
    const v2 = await setPrice(t.ctx, makePriceInput(book.id, seat.id, { unitAmount: '12.00' }));
    const addonPrice = await setPrice(t.ctx, makePriceInput(book.id, addon.id, { unitAmount: '3.00' }));
    await deleteProduct(t.ctx, { id: gone.id, expectedVersion: gone.version });

    const products = await findProducts(t.ctx, [seat.id, addon.id, seat.id, gone.id, 'prod_missing']);
    expect([...products.keys()].sort()).toEqual([seat.id, addon.id].sort());
    expect(products.get(seat.id)).toEqual(await findProduct(t.ctx, seat.id));
    expect(products.get(addon.id)).toEqual(await findProduct(t.ctx, addon.id));

    // Superseded versions too: quotes hold price ids forever.
    const prices = await findPrices(t.ctx, [v1.id, v2.id, addonPrice.id, 'price_missing']);
    expect([...prices.keys()].sort()).toEqual([v1.id, v2.id, addonPrice.id].sort());
    expect(prices.get(v1.id)).toEqual(await findPrice(t.ctx, v1.id));
    expect(prices.get(v1.id)?.supersededAt).not.toBeNull();
    expect(prices.get(addonPrice.id)).toEqual(await findPrice(t.ctx, addonPrice.id));

    expect((await findProducts(t.ctx, [])).size).toBe(0);
    expect((await findPrices(t.ctx, [])).size).toBe(0);
  });
});
