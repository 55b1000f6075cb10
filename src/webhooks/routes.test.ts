import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { API_ROUTE_PLUGINS } from '../http/route-plugins.ts';
import { inTransaction } from '../shared/context.ts';
import { createSubscriberRegistry, publishEvent } from '../shared/events/index.ts';
import { webhookRoutes } from './routes.ts';

// Until src/http/route-plugins.ts lists webhookRoutes, mount it for this file's process (each test file runs in its own fork).
if (!API_ROUTE_PLUGINS.includes(webhookRoutes)) API_ROUTE_PLUGINS.push(webhookRoutes);

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown };

function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}

describe('webhook routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is admin only', async () => {
    expectProblem(await t.request(null, { method: 'GET', url: '/api/v1/webhooks' }), 401, 'unauthenticated');
    expectProblem(await t.request('revops', { method: 'GET', url: '/api/v1/webhooks' }), 403, 'forbidden');
    expectProblem(await t.request('finance', { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://example.com', eventTypes: ['*'] } }), 403, 'forbidden');
  });

  it('validates the body: http(s) URLs, event type patterns, no unknown fields', async () => {
    const post = (payload: object) => t.request('admin', { method: 'POST', url: '/api/v1/webhooks', payload });
    expectProblem(await post({ url: 'ftp://example.com/x', eventTypes: ['*'] }), 400, 'validation_failed');
    expectProblem(await post({ url: 'https://example.com/x', eventTypes: ['Quote Accepted'] }), 400, 'validation_failed');
    expectProblem(await post({ url: 'https://example.com/x', eventTypes: [] }), 400, 'validation_failed');
    expectProblem(await post({ url: 'https://example.com/x', eventTypes: ['*'], secret: 'whsec_mine' }), 400, 'validation_failed');
  });

  it('creates (secret shown once), lists, reads, updates with If-Match, shows deliveries, retries and deletes', async () => {
    const created = await t.request('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://example.com/erp', eventTypes: ['invoice.*'] } });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json() as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(created.headers['etag']).toBe('"1"');
    const url = `/api/v1/webhooks/${endpoint.id}`;
    expect(created.headers['location']).toBe(url);
    await t.request('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://example.com/second', eventTypes: ['*'] } });

    const firstPage = await t.request('admin', { method: 'GET', url: '/api/v1/webhooks?limit=1' });
    const page = firstPage.json() as { data: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(page.data.map((e) => e['id'])).toEqual([endpoint.id]);
    expect(page.data[0]).not.toHaveProperty('secret');
    const secondPage = await t.request('admin', { method: 'GET', url: `/api/v1/webhooks?limit=1&cursor=${page.nextCursor}` });
    expect((secondPage.json() as { data: Array<{ url: string }> }).data.map((e) => e.url)).toEqual(['https://example.com/second']);

    const read = await t.request('admin', { method: 'GET', url });
    expect(read.headers['etag']).toBe('"1"');
    expect(read.json()).not.toHaveProperty('secret');

    expectProblem(await t.request('admin', { method: 'PATCH', url, payload: { description: 'ERP' } }), 428, 'precondition_required');
    const empty = expectProblem(await t.request('admin', { method: 'PATCH', url, payload: {}, headers: { 'if-match': '"1"' } }), 400, 'validation_failed');
    expect(empty['errors']).toEqual([expect.objectContaining({ field: 'body' })]);
    expectProblem(await t.request('admin', { method: 'PATCH', url, payload: { description: 'ERP' }, headers: { 'if-match': '"7"' } }), 409, 'version_conflict');
    const patched = await t.request('admin', { method: 'PATCH', url, payload: { description: 'ERP' }, headers: { 'if-match': '"1"' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers['etag']).toBe('"2"');

    const eventId = await inTransaction(t.ctx, (tx) =>
      publishEvent(tx, { type: 'invoice.issued', aggregateType: 'invoice', aggregateId: 'inv_9', payload: {} }, { registry: createSubscriberRegistry() }));
    const log = await t.request('admin', { method: 'GET', url: `${url}/deliveries` });
    const deliveries = (log.json() as { data: Array<{ id: string; eventId: string; status: string }> }).data;
    expect(deliveries.map((d) => [d.eventId, d.status])).toEqual([[eventId, 'pending']]);
    const retried = await t.request('admin', { method: 'POST', url: `${url}/deliveries/${deliveries[0]!.id}/retry` });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: deliveries[0]!.id, status: 'pending' });
    expectProblem(await t.request('admin', { method: 'POST', url: `${url}/deliveries/dlv_missing/retry` }), 404, 'not_found');

    expectProblem(await t.request('admin', { method: 'DELETE', url }), 428, 'precondition_required');
    const deleted = await t.request('admin', { method: 'DELETE', url, headers: { 'if-match': '"2"' } });
    expect(deleted.statusCode).toBe(204);
    expectProblem(await t.request('admin', { method: 'GET', url }), 404, 'not_found');
  });

  it('documents every route in OpenAPI', () => {
    const paths = Object.keys((t.app.swagger() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries', '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry']));
  });
});
