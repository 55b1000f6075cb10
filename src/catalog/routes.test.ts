import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/support/test-app.ts';
import type { Role } from '../shared/access.ts';
import { makePriceBookInput, makeProductInput } from './fixtures.ts';
import { createCatalogTestApp } from './test-fixtures/catalog-test-app.ts';
import { created, expectProblem, fieldsOf } from './test-fixtures/http.ts';

describe('catalog routes', () => {
  let t: TestApp;
  const send = (role: Role | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.request(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}), headers });
  beforeAll(async () => {
    t = await createCatalogTestApp();
  });
  afterAll(() => t.close());

  it('runs a product through create, read, update and delete with ETags and If-Match', async () => {
    const response = await send('revops', 'POST', '/products', makeProductInput({ sku: 'HTTP-1', family: 'http' }));
    const product = created<{ id: string }>(response);
    expect([response.headers['etag'], response.headers['location']]).toEqual(['"1"', `/api/v1/products/${product.id}`]);
    const read = await send('viewer', 'GET', `/products/${product.id}`);
    expect([read.statusCode, read.headers['etag'], read.json()]).toEqual([200, '"1"', product]);
    const patched = await send('admin', 'PATCH', `/products/${product.id}`, { name: 'Renamed' }, { 'if-match': '"1"' });
    expect([patched.statusCode, patched.headers['etag']]).toEqual([200, '"2"']);
    expectProblem(await send('admin', 'PATCH', `/products/${product.id}`, { name: 'Again' }), 428, 'precondition_required');
    expectProblem(await send('admin', 'PATCH', `/products/${product.id}`, { name: 'Again', version: 1 }), 409, 'version_conflict');
    const list = (await send('sales_rep', 'GET', '/products?family=http&active=true')).json() as { data: Array<{ id: string }> };
    expect(list.data.map((p) => p.id)).toEqual([product.id]);
    expect((await send('admin', 'DELETE', `/products/${product.id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(204);
    expectProblem(await send('viewer', 'GET', `/products/${product.id}`), 404, 'not_found');
  });

  it('answers invalid input with 400 and field names, never 500', async () => {
    const bad = expectProblem(await send('admin', 'POST', '/products', { ...makeProductInput(), type: 'hardware', color: 'red' }), 400, 'validation_failed');
    expect(fieldsOf(bad).sort()).toEqual(['body.color', 'body.type']);
    expect(fieldsOf(expectProblem(await send('admin', 'GET', '/products?active=yes'), 400, 'validation_failed'))).toEqual(['querystring.active']);
    expect(fieldsOf(expectProblem(await send('admin', 'POST', '/price-books', { name: 'X', currency: 'EURO' }), 400, 'validation_failed'))).toEqual(['body.currency']);
    const book = created<{ id: string }>(await send('admin', 'POST', '/price-books', makePriceBookInput()));
    const product = created<{ id: string }>(await send('admin', 'POST', '/products', makeProductInput()));
    const tiers = [{ upTo: 10, unitAmount: '1.00' }, { upTo: 5, unitAmount: 'abc' }];
    const problem = expectProblem(
      await send('admin', 'POST', `/price-books/${book.id}/prices`, { productId: product.id, pricingModel: 'tiered', billingPeriod: 'monthly', tiers }),
      400,
      'validation_failed',
    );
    expect(fieldsOf(problem)).toEqual(['body.tiers.1.unitAmount', 'body.tiers.1.upTo', 'body.tiers.1.upTo']);
    const order = await send('admin', 'POST', `/price-books/${book.id}/prices`, { productId: product.id, pricingModel: 'tiered', billingPeriod: 'monthly', tiers: [tiers[0], { upTo: 5, unitAmount: '1' }] });
    expect(fieldsOf(expectProblem(order, 400, 'validation_failed'))).toEqual(['body.tiers.1.upTo', 'body.tiers.1.upTo']);
    const currency = await send('admin', 'POST', `/price-books/${book.id}/prices`, { productId: product.id, pricingModel: 'flat', billingPeriod: 'monthly', unitAmount: '1', currency: 'usd' });
    expect(fieldsOf(expectProblem(currency, 400, 'validation_failed'))).toEqual(['body.currency']);
    const junk: Array<[unknown, number]> = [[[], 400], ['text', 415], [{ productId: 7 }, 400], [{ productId: product.id, pricingModel: null }, 400]];
    for (const [body, status] of junk) {
      const response = await send('admin', 'POST', `/price-books/${book.id}/prices`, body as object);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
    }
  });

  it('lets every role read and only admin and revops write; anonymous callers get 401', async () => {
    const routes = t.app.routeCatalog.filter((r) => /^\/api\/v1\/(products|price-books|prices|pricing)/.test(r.url));
    expect(routes.length).toBe(17);
    for (const route of routes) {
      const writes = Array.isArray(route.access) && !route.access.includes('viewer');
      expect([route.url, route.method, writes], 'writes are exactly the non-GET routes but the preview').toEqual([route.url, route.method, route.method !== 'GET' && route.url !== '/api/v1/pricing/preview']);
      const url = route.url.replace(/:([A-Za-z]+)/g, 'x_$1');
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const asViewer = await t.request('viewer', { method, url, ...(payload ? { payload } : {}) });
      expect(asViewer.statusCode === 403, `${method} ${route.url} as viewer: ${asViewer.statusCode}`).toBe(writes);
      expect((await t.request(null, { method, url, ...(payload ? { payload } : {}) })).statusCode).toBe(401);
    }
    expectProblem(await send('viewer', 'POST', '/products', makeProductInput()), 403, 'forbidden');
    expectProblem(await send('sales_manager', 'POST', '/price-books', makePriceBookInput()), 403, 'forbidden');
  });

  it('includes products in a bundle over HTTP', async () => {
    const bundle = created<{ id: string }>(await send('admin', 'POST', '/products', makeProductInput()));
    const seat = created<{ id: string }>(await send('admin', 'POST', '/products', makeProductInput()));
    const item = created<{ id: string }>(await send('revops', 'POST', `/products/${bundle.id}/bundle-items`, { includedProductId: seat.id, quantity: 3 }));
    expect((await send('viewer', 'GET', `/products/${bundle.id}/bundle-items`)).json()).toEqual({ data: [item] });
    const nested = await send('revops', 'POST', `/products/${seat.id}/bundle-items`, { includedProductId: bundle.id });
    expect(fieldsOf(expectProblem(nested, 422, 'business_rule_violated'))).toEqual(['body.includedProductId']);
    expect((await send('revops', 'DELETE', `/products/${bundle.id}/bundle-items/${item.id}`)).statusCode).toBe(204);
  });

  it('documents every catalog route in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/v1/products', '/api/v1/products/{id}', '/api/v1/products/{id}/bundle-items', '/api/v1/products/{id}/bundle-items/{itemId}',
      '/api/v1/price-books', '/api/v1/price-books/{id}', '/api/v1/price-books/{id}/prices', '/api/v1/prices/{id}', '/api/v1/pricing/preview',
    ]));
    expect(JSON.stringify(spec.paths['/api/v1/price-books/{id}/prices']?.['post'])).toContain('packageSize');
  });
});
