import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { catalogAuditTrail, makeProductInput } from './fixtures.ts';
import { addBundleItem, createProduct, deleteProduct, listBundleItems, removeBundleItem, type Product } from './index.ts';
import { refusal } from './test-fixtures/app-error.ts';

describe('bundles', () => {
  let t: TestContext;
  let suite: Product;
  let seat: Product;
  let onboarding: Product;
  beforeAll(async () => {
    t = await createTestContext();
    suite = await createProduct(t.ctx, makeProductInput({ sku: 'SUITE' }));
    seat = await createProduct(t.ctx, makeProductInput({ sku: 'SUITE-SEAT' }));
    onboarding = await createProduct(t.ctx, makeProductInput({ sku: 'ONBOARD', type: 'one_time' }));
  });
  afterAll(() => t.close());

  it('includes products with a quantity, free or priced, and removes them with audit rows', async () => {
    const seats = await addBundleItem(t.ctx, { bundleProductId: suite.id, includedProductId: seat.id, quantity: 5 });
    const setup = await addBundleItem(t.ctx, { bundleProductId: suite.id, includedProductId: onboarding.id, pricing: 'priced' });
    expect(seats).toMatchObject({ id: expect.stringMatching(/^bnd_/), quantity: 5, pricing: 'free' });
    expect(setup).toMatchObject({ quantity: 1, pricing: 'priced' });
    expect((await listBundleItems(t.ctx, suite.id)).map((i) => i.includedProductId)).toEqual([seat.id, onboarding.id]);
    await removeBundleItem(t.ctx, { bundleProductId: suite.id, id: setup.id });
    expect((await listBundleItems(t.ctx, suite.id)).map((i) => i.id)).toEqual([seats.id]);
    expect((await catalogAuditTrail(t.ctx, 'bundle_item', setup.id)).map((row) => row.action)).toEqual(['create', 'delete']);
    expect(await refusal(removeBundleItem(t.ctx, { bundleProductId: suite.id, id: setup.id }))).toEqual(['not_found', []]);
  });

  it('keeps bundles one level deep and refuses itself, duplicates and unknown products', async () => {
    const outer = await createProduct(t.ctx, makeProductInput());
    const include = (bundleProductId: string, includedProductId: string) => addBundleItem(t.ctx, { bundleProductId, includedProductId });
    expect(await refusal(include(outer.id, suite.id))).toEqual(['business_rule_violated', ['body.includedProductId']]);
    expect(await refusal(include(seat.id, onboarding.id))).toEqual(['business_rule_violated', ['body.includedProductId']]);
    expect(await refusal(include(suite.id, suite.id))).toEqual(['validation_failed', ['body.includedProductId']]);
    expect(await refusal(include(suite.id, seat.id))).toEqual(['conflict', ['body.includedProductId']]);
    expect(await refusal(include(suite.id, 'prod_unknown'))).toEqual(['validation_failed', ['body.includedProductId']]);
    expect(await refusal(include('prod_unknown', seat.id))).toEqual(['not_found', []]);
    expect(await refusal(addBundleItem(t.ctx, { bundleProductId: suite.id, includedProductId: onboarding.id, quantity: 0 }))).toEqual(['validation_failed', ['body.quantity']]);
  });

  it('refuses to delete a product that is part of a bundle', async () => {
    expect(await refusal(deleteProduct(t.ctx, { id: seat.id, expectedVersion: 1 }))).toEqual(['business_rule_violated', []]);
    expect(await refusal(deleteProduct(t.ctx, { id: suite.id, expectedVersion: 1 }))).toEqual(['business_rule_violated', []]);
  });
});
