import { PostgresQueryCompiler, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { createQuote, getQuoteDocument } from './index.ts';
import { makeBook, makeDeal, makePricedProduct, type PricedProduct } from './test-fixtures/seed.ts';

/** Counts the statements that read products or price versions by id, as a plugin on the context's database. */
function countingCatalogReads(ctx: Ctx): { ctx: Ctx; reads: () => { products: number; prices: number } } {
  const compiler = new PostgresQueryCompiler();
  const counts = { products: 0, prices: 0 };
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      const sql = compiler.compileQuery(node, queryId).sql;
      if (/from "products" where "id"/.test(sql)) counts.products += 1;
      if (/from "prices" where "id"/.test(sql)) counts.prices += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { ctx: { ...ctx, db: ctx.db.withPlugin(plugin) }, reads: () => ({ ...counts }) };
}

async function fieldOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(() => new Error('expected an AppError'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors[0]?.field;
}

describe('cpq reads the catalog once per operation, not once per line', () => {
  let t: TestContext;
  let bookId = '';
  let products: PricedProduct[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    bookId = await makeBook(t.ctx);
    products = [await makePricedProduct(t.ctx, bookId), await makePricedProduct(t.ctx, bookId, { unitAmount: '25.00' }), await makePricedProduct(t.ctx, bookId, { billingPeriod: 'one_time', unitAmount: '900.00' })];
  });
  afterAll(() => t.close());

  async function quoteWith(lines: Array<{ productId: string; priceId?: string; quantity: number }>) {
    const { opportunityId } = await makeDeal(t.ctx);
    const counted = countingCatalogReads(t.ctx);
    const quote = await createQuote(counted.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines });
    const created = counted.reads();
    const document = countingCatalogReads(t.ctx);
    await getQuoteDocument(document.ctx, quote.id);
    return { quote, created, document: document.reads() };
  }

  it('creating and printing a four-line quote reads products and prices as often as a one-line one', async () => {
    const [a, b, c] = products as [PricedProduct, PricedProduct, PricedProduct];
    const one = await quoteWith([{ productId: a.productId, priceId: a.priceId, quantity: 1 }]);
    const four = await quoteWith([
      { productId: a.productId, priceId: a.priceId, quantity: 1 }, { productId: b.productId, priceId: b.priceId, quantity: 2 },
      { productId: c.productId, quantity: 1 }, { productId: a.productId, priceId: a.priceId, quantity: 3 },
    ]);
    expect(four.quote.lines.map((line) => [line.lineNumber, line.productId, line.priceId])).toEqual([
      [1, a.productId, a.priceId], [2, b.productId, b.priceId], [3, c.productId, c.priceId], [4, a.productId, a.priceId],
    ]);
    expect(four.created).toEqual(one.created);
    expect(four.document).toEqual(one.document);
    expect(four.created.products).toBeGreaterThan(0);
  });

  it('names the first bad line, in the order sent, whatever the batch read found', async () => {
    const [a, b] = products as [PricedProduct, PricedProduct];
    const { opportunityId } = await makeDeal(t.ctx);
    const quote = (lines: Array<{ productId: string; priceId?: string; quantity: number }>) =>
      createQuote(t.ctx, { opportunityId, priceBookId: bookId, startDate: '2026-02-01', termMonths: 12, lines });
    expect(await fieldOf(quote([{ productId: a.productId, quantity: 1 }, { productId: 'prd_missing', quantity: 1 }, { productId: b.productId, priceId: a.priceId, quantity: 1 }])))
      .toBe('body.lines.1.productId');
    expect(await fieldOf(quote([{ productId: a.productId, quantity: 1 }, { productId: b.productId, priceId: a.priceId, quantity: 1 }, { productId: 'prd_missing', quantity: 1 }])))
      .toBe('body.lines.1.priceId');
    expect(await fieldOf(quote([{ productId: a.productId, priceId: 'prc_missing', quantity: 1 }]))).toBe('body.lines.0.priceId');
  });
});
