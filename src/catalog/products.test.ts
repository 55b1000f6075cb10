import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { catalogAuditTrail, makePriceBookInput, makePriceInput, makeProductInput } from './fixtures.ts';
import { createPriceBook, createProduct, deleteProduct, findProduct, getProduct, listProducts, setPrice, updateProduct } from './index.ts';
import { appError, refusal } from './test-fixtures/app-error.ts';

describe('product services', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('creates, updates and soft-deletes with one audit row per write', async () => {
    const created = await createProduct(t.ctx, { sku: 'RVL-SEAT', name: ' Revline Seat ', type: 'subscription', family: 'platform', taxCategory: 'saas' });
    expect(created).toEqual({
      id: expect.stringMatching(/^prod_[0-9A-Z]{26}$/),
      sku: 'RVL-SEAT', name: 'Revline Seat', description: null, family: 'platform', type: 'subscription',
      revenueCategory: 'subscription', taxCategory: 'saas', unitOfMeasure: 'unit', active: true,
      createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', version: 1,
    });
    t.clock.advance({ minutes: 1 });
    const updated = await updateProduct(t.ctx, { id: created.id, expectedVersion: 1, changes: { unitOfMeasure: 'seat', active: false } });
    expect(updated).toMatchObject({ unitOfMeasure: 'seat', active: false, version: 2, updatedAt: '2026-01-15T09:01:00.000Z' });
    expect(await updateProduct(t.ctx, { id: created.id, expectedVersion: 2, changes: { unitOfMeasure: 'seat' } })).toEqual(updated);
    const stale = await appError(updateProduct(t.ctx, { id: created.id, expectedVersion: 1, changes: { name: 'X' } }));
    expect([stale.code, stale.extra['currentVersion']]).toEqual(['version_conflict', 2]);

    await deleteProduct(t.ctx, { id: created.id, expectedVersion: 2 });
    expect(await findProduct(t.ctx, created.id)).toBeNull();
    expect((await appError(getProduct(t.ctx, created.id))).code).toBe('not_found');
    const trail = await catalogAuditTrail(t.ctx, 'product', created.id);
    expect(trail.map((row) => [row.action, (row.after as { version: number }).version])).toEqual([['create', 1], ['update', 2], ['delete', 3]]);
    expect(trail[1]?.before).toMatchObject({ unit_of_measure: 'unit', active: true });
  });

  it('keeps SKUs unique among live products, case-insensitively, and frees a deleted one', async () => {
    const first = await createProduct(t.ctx, makeProductInput({ sku: 'DUP-1' }));
    expect(await refusal(createProduct(t.ctx, makeProductInput({ sku: 'dup-1' })))).toEqual(['conflict', ['body.sku']]);
    await deleteProduct(t.ctx, { id: first.id, expectedVersion: 1 });
    expect((await createProduct(t.ctx, makeProductInput({ sku: 'dup-1' }))).sku).toBe('dup-1');
  });

  it('reports invalid fields by name', async () => {
    expect(await refusal(createProduct(t.ctx, makeProductInput({ sku: 'has space', type: 'hardware' as never })))).toEqual(['validation_failed', ['body.sku', 'body.type']]);
    expect(await refusal(createProduct(t.ctx, makeProductInput({ revenueCategory: 'Professional Services' })))).toEqual(['validation_failed', ['body.revenueCategory']]);
  });

  it('fixes the type once the product has a price', async () => {
    const product = await createProduct(t.ctx, makeProductInput());
    const changed = await updateProduct(t.ctx, { id: product.id, expectedVersion: 1, changes: { type: 'usage' } });
    expect(changed.type).toBe('usage');
    const book = await createPriceBook(t.ctx, makePriceBookInput());
    await setPrice(t.ctx, makePriceInput(book.id, product.id, { pricingModel: 'usage', unitAmount: '0.01' }));
    expect(await refusal(updateProduct(t.ctx, { id: product.id, expectedVersion: 2, changes: { type: 'subscription' } }))).toEqual(['business_rule_violated', ['body.type']]);
  });

  it('lists by SKU with filters and keyset pages', async () => {
    for (const sku of ['LST-C', 'lst-a', 'LST-B']) await createProduct(t.ctx, makeProductInput({ sku, family: 'listing', name: `List ${sku}` }));
    await createProduct(t.ctx, makeProductInput({ sku: 'LST-D', family: 'listing', type: 'one_time', active: false }));
    const first = await listProducts(t.ctx, { family: 'listing', limit: 2 });
    expect(first.data.map((p) => p.sku)).toEqual(['lst-a', 'LST-B']);
    const second = await listProducts(t.ctx, { family: 'listing', limit: 2, cursor: first.nextCursor ?? undefined });
    expect([second.data.map((p) => p.sku), second.nextCursor]).toEqual([['LST-C', 'LST-D'], null]);
    expect((await listProducts(t.ctx, { family: 'listing', active: 'false' })).data.map((p) => p.sku)).toEqual(['LST-D']);
    expect((await listProducts(t.ctx, { family: 'listing', type: 'one_time' })).data.map((p) => p.sku)).toEqual(['LST-D']);
    expect((await listProducts(t.ctx, { family: 'listing', q: 'no such 100%_' })).data).toEqual([]);
    expect((await listProducts(t.ctx, { q: 'lst-b' })).data.map((p) => p.sku)).toEqual(['LST-B']);
    expect(await refusal(listProducts(t.ctx, { kind: 'x' } as never))).toEqual(['validation_failed', ['querystring']]);
  });
});
