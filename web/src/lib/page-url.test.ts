import { describe, expect, it } from 'vitest';
import { buildPageUrl } from './page-url.ts';

describe('buildPageUrl', () => {
  it('leaves unset filters out and sorts keys', () => {
    expect(buildPageUrl('/accounts', { search: 'acme', country: '', segment: null, sort: undefined, limit: 50 }, null)).toBe('/accounts?limit=50&search=acme');
  });
  it('adds the cursor, encoded', () => {
    expect(buildPageUrl('/accounts', { limit: 50 }, 'a+b/c=')).toBe('/accounts?limit=50&cursor=a%2Bb%2Fc%3D');
  });
  it('keeps a bare path and extends one that has a query already', () => {
    expect(buildPageUrl('/accounts', {}, null)).toBe('/accounts');
    expect(buildPageUrl('/invoices?status=open', { limit: 2 }, null)).toBe('/invoices?status=open&limit=2');
  });
});
