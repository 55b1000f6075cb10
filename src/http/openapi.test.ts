import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';

describe('OpenAPI at /docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('documents every visible route in an OpenAPI 3.1 document', async () => {
    const response = await t.request(null, { method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const missing = t.app.routeCatalog
      .filter((r) => !r.hidden && r.url.startsWith('/api/'))
      .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:([A-Za-z]+)/g, '{$1}') }))
      .filter(({ method, path }) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
  });

  it('documents the AR aging’s unapplied credit notes and net AR', async () => {
    type Schema = { properties?: Record<string, Schema>; items?: Schema; description?: string };
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }> };
    const aging = doc.paths['/api/v1/ar/aging']?.get.responses['200']?.content['application/json']?.schema;
    const totals = aging?.properties?.['totals']?.items?.properties;
    expect(Object.keys(totals ?? {})).toEqual(expect.arrayContaining(['unappliedCredits', 'net']));
    expect(totals?.['net']?.description).toContain('1100');
    expect(Object.keys(aging?.properties?.['customers']?.items?.properties ?? {})).toEqual(expect.arrayContaining(['credits', 'unappliedCredits', 'net', 'reportingNet']));
  });

  it('documents the problem+json of every API operation, field errors with their params', async () => {
    type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; description?: string };
    type Operation = { responses: Record<string, { $ref?: string }> };
    const doc = (await t.request(null, { method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema>; responses: Record<string, { content: Record<string, { schema: Schema }> }> };
    };
    const operations = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/')).flatMap(([, item]) => Object.values(item));
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((operation) => operation.responses['4XX']?.$ref !== '#/components/responses/Problem' || operation.responses['5XX']?.$ref !== '#/components/responses/Problem')).toEqual([]);
    expect(doc.components.responses['Problem']?.content['application/problem+json']?.schema.$ref).toBe('#/components/schemas/Problem');
    const fieldError = doc.components.schemas['Problem']?.properties?.['errors']?.items?.properties;
    expect(Object.keys(fieldError ?? {})).toEqual(['field', 'message', 'code', 'params']);
    expect(Object.keys(fieldError?.['params']?.properties ?? {})).toEqual(expect.arrayContaining(['origin', 'minimum', 'maximum', 'inclusive', 'format', 'values']));
    // A single operation keeps its own responses beside the problem ones.
    expect(Object.keys(doc.paths['/api/v1/users']?.['post']?.responses ?? {})).toEqual(['201', '4XX', '5XX']);
  });

  it('serves the browsable UI', async () => {
    const response = await t.request(null, { method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
