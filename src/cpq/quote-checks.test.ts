import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import { createApprovalRule, createProductRule, createQuote, submitQuote } from './index.ts';
import { createCpqTestApp, expectProblem } from './test-fixtures/cpq-test-app.ts';
import { makeBook, makeDeal, makePricedProduct, type PricedProduct } from './test-fixtures/seed.ts';

describe('GET /quotes/:id/checks: what a submit would meet, placed at the lines concerned', () => {
  let t: TestApp;
  let bookId = '';
  let seat: PricedProduct;
  let analytics: PricedProduct;
  let platform: PricedProduct;
  let ruleId = '';
  const checks = (id: string) => t.request('revops', { method: 'GET', url: `/api/v1/quotes/${id}/checks` });

  beforeAll(async () => {
    t = await createCpqTestApp();
    bookId = await makeBook(t.ctx);
    seat = await makePricedProduct(t.ctx, bookId);
    analytics = await makePricedProduct(t.ctx, bookId);
    platform = await makePricedProduct(t.ctx, bookId);
    await createProductRule(t.ctx, { name: 'Analytics needs the platform', kind: 'requires', productId: analytics.productId, relatedProductId: platform.productId });
    ruleId = (await createApprovalRule(t.ctx, { name: 'Discount over 20 %', condition: { metric: 'maxLineDiscountBps', op: '>', value: 2000 }, approverRole: 'sales_manager' })).id;
  });
  afterAll(() => t.close());

  it('names the broken configuration rule and the approval a deep line discount needs, at their lines, without changing the quote', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, {
      opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12,
      lines: [{ productId: seat.productId, quantity: 10, discount: { percentBps: 1000 } }, { productId: analytics.productId, quantity: 1, discount: { percentBps: 3000 } }],
    });
    const response = await checks(quote.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      configuration: [expect.objectContaining({ name: 'Analytics needs the platform', kind: 'requires', lineNumbers: [2] })],
      validation: [],
      approvals: [{
        ruleId, ruleName: 'Discount over 20 %', level: 1, approverRole: 'sales_manager', approverUserId: null,
        condition: { metric: 'maxLineDiscountBps', op: '>', value: 2000 }, actual: 3000, lineNumbers: [2],
      }],
    });
    const after = await t.request('revops', { method: 'GET', url: `/api/v1/quotes/${quote.id}` });
    expect(after.json()).toMatchObject({ status: 'draft', version: quote.version });
  });

  it('drops an approval once granted and still covering the quote; 404 for an unknown quote', async () => {
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = await createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines: [{ productId: seat.productId, quantity: 1, discount: { percentBps: 1500 } }] });
    expect((await checks(quote.id)).json()).toEqual({ configuration: [], validation: [], approvals: [] });
    expect((await submitQuote(t.ctx, { id: quote.id })).quote.status).toBe('approved');
    expectProblem(await checks('quo_unknown'), 404, 'not_found');
  });
});
