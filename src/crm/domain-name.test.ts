import { describe, expect, it } from 'vitest';
import { normalizeDomain } from './domain-name.ts';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.com ', 'acme.com'],
    ['https://www.Acme.com/about?x=1', 'acme.com'],
    ['http://shop.acme.co.uk:8080', 'shop.acme.co.uk'],
    ['acme.com.', 'acme.com'],
    ['www.acme.com/', 'acme.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%s → %s', (text, domain) => {
    expect(normalizeDomain(text)).toBe(domain);
  });

  it.each(['', 'localhost', '10.0.0.1', 'http://[::1]/', 'not a domain', 'ftp://acme.com', 'mailto:sales@acme.com', 'user:pw@acme.com', '-acme.com', 'acme.c0m'])(
    'rejects %j',
    (text) => {
      expect(normalizeDomain(text)).toBeNull();
    },
  );
});
