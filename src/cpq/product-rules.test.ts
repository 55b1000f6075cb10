import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { createProductRule, createQuote, submitQuote, updateProductRule, type CreateProductRuleInput, type LineInput } from './index.ts';
import { makeBook, makeDeal, makePricedProduct, type PricedProduct } from './test-fixtures/seed.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('configuration rules at submit', () => {
  let t: TestContext;
  let bookId = '';
  const p = {} as Record<'platform' | 'analytics' | 'onPrem' | 'cloud' | 'addon' | 'seats', PricedProduct>;
  let opportunityId = '';
  const submitWith = async (lines: LineInput[]) => {
    const quote = await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 24, lines });
    return submitQuote(t.ctx, { id: quote.id });
  };
  const rule = (input: CreateProductRuleInput) => createProductRule(t.ctx, input);

  beforeAll(async () => {
    t = await createTestContext();
    bookId = await makeBook(t.ctx);
    for (const name of ['platform', 'analytics', 'onPrem', 'cloud', 'addon', 'seats'] as const) p[name] = await makePricedProduct(t.ctx, bookId);
    opportunityId = (await makeDeal(t.ctx)).opportunityId;
    await rule({ name: 'Analytics runs on the platform', kind: 'requires', productId: p.analytics.productId, relatedProductId: p.platform.productId });
    await rule({ name: 'One deployment model', kind: 'excludes', productId: p.onPrem.productId, relatedProductId: p.cloud.productId });
    await rule({ name: 'Add-on of the platform', kind: 'addon_of', productId: p.addon.productId, relatedProductId: p.platform.productId });
    await rule({ name: 'Add-on of cloud', kind: 'addon_of', productId: p.addon.productId, relatedProductId: p.cloud.productId });
    await rule({ name: 'At least 5 seats', kind: 'min_qty', productId: p.seats.productId, quantity: 5 });
    await rule({ name: 'At most 100 seats', kind: 'max_qty', productId: p.seats.productId, quantity: 100 });
  });
  afterAll(() => t.close());

  it.each([
    ['requires', (): LineInput[] => [{ productId: p.analytics.productId, quantity: 1 }], 'Analytics runs on the platform', (): string => `${p.analytics.sku} requires ${p.platform.sku} on the same quote`],
    ['excludes', (): LineInput[] => [{ productId: p.onPrem.productId, quantity: 1 }, { productId: p.cloud.productId, quantity: 1 }], 'One deployment model', (): string => `${p.onPrem.sku} cannot be quoted together with ${p.cloud.sku}`],
    ['addon_of', (): LineInput[] => [{ productId: p.addon.productId, quantity: 1 }], 'Add-on of the platform', (): string => `needs its base product ${p.platform.sku} or ${p.cloud.sku}`],
    ['min_qty', (): LineInput[] => [{ productId: p.seats.productId, quantity: 4 }], 'At least 5 seats', (): string => 'line 1 quantity of'],
    ['max_qty (a ramp year)', (): LineInput[] => [{ productId: p.seats.productId, ramp: [{ year: 1, quantity: 50 }, { year: 2, quantity: 101 }] }], 'At most 100 seats', (): string => 'line 1 year 2 quantity'],
  ] as const)('refuses %s with a 422 naming the rule', async (_kind, lines, ruleName, fragment) => {
    const error = await appError(submitWith([...lines()]));
    expect(error.code).toBe('business_rule_violated');
    expect(error.detail).toContain(`Rule "${ruleName}"`);
    expect(error.detail).toContain(fragment());
    expect(error.extra['rule']).toMatchObject({ type: 'product', name: ruleName });
  });

  it('passes a valid configuration, any one base satisfies an add-on, and an inactive rule does not apply', async () => {
    const valid = await submitWith([
      { productId: p.analytics.productId, quantity: 1 }, { productId: p.platform.productId, quantity: 1 },
      { productId: p.addon.productId, quantity: 1 }, { productId: p.seats.productId, quantity: 5 },
    ]);
    expect(valid.quote.status).toBe('approved');
    expect((await submitWith([{ productId: p.addon.productId, quantity: 1 }, { productId: p.cloud.productId, quantity: 1 }])).quote.status).toBe('approved');
    const excludes = await rule({ name: 'Temporary', kind: 'excludes', productId: p.platform.productId, relatedProductId: p.seats.productId, active: false });
    expect((await submitWith([{ productId: p.platform.productId, quantity: 1 }, { productId: p.seats.productId, quantity: 10 }])).quote.status).toBe('approved');
    await updateProductRule(t.ctx, { id: excludes.id, expectedVersion: 1, changes: { active: true } });
    expect((await appError(submitWith([{ productId: p.platform.productId, quantity: 1 }, { productId: p.seats.productId, quantity: 10 }]))).detail).toContain('Rule "Temporary"');
    await updateProductRule(t.ctx, { id: excludes.id, expectedVersion: 2, changes: { active: false } });
  });

  it('lists every broken rule, and refuses malformed rules with field errors', async () => {
    const error = await appError(submitWith([{ productId: p.analytics.productId, quantity: 1 }, { productId: p.seats.productId, quantity: 1 }]));
    expect((error.extra['violations'] as Array<{ name: string }>).map((v) => v.name).sort()).toEqual(['Analytics runs on the platform', 'At least 5 seats']);
    const bad = await appError(rule({ name: 'x', kind: 'requires', productId: p.seats.productId, quantity: 3 }));
    expect(bad.fieldErrors.map((f) => f.field).sort()).toEqual(['body.quantity', 'body.relatedProductId']);
    expect((await appError(rule({ name: 'x', kind: 'min_qty', productId: 'prod_missing', quantity: 1 }))).fieldErrors[0]?.field).toBe('body.productId');
  });
});
