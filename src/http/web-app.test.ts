import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../shared/http/route-types.ts';
import { registerWebApp, startDataScript } from './web-app.ts';

describe('web app static files', () => {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-web-cache-'));
  const app = Fastify().withTypeProvider<ZodTypeProvider>() as unknown as App;

  beforeAll(async () => {
    fs.mkdirSync(path.join(distDir, 'assets'));
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Revline</title>');
    fs.writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'export {};');
    fs.writeFileSync(path.join(distDir, 'assets', 'index-abc123.js.map'), '{"version":3}');
    fs.writeFileSync(path.join(distDir, 'assets', 'index-def456.css'), 'body{}');
    fs.writeFileSync(path.join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await registerWebApp(app, distDir);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  it('lets the browser keep content-hashed assets without asking again', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the scripts and styles read at start-up, typed, with an ETag; source maps from disk', async () => {
    const script = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(script.body).toBe('export {};');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const style = await app.inject({ method: 'GET', url: '/assets/index-def456.css' });
    expect([style.body, style.headers['content-type'], style.headers['cache-control']]).toEqual(['body{}', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable']);
    const again = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'if-none-match': String(script.headers['etag']) } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    const map = await app.inject({ method: 'GET', url: '/assets/index-abc123.js.map' });
    expect([map.statusCode, map.body, map.headers['cache-control']]).toEqual([200, '{"version":3}', 'public, max-age=31536000, immutable']);
  });

  it('answers 404 for an asset the build does not have, and keeps the page read at start-up when the build changes on disk', async () => {
    const missing = await app.inject({ method: 'GET', url: '/assets/index-999999.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).not.toMatch(/text\/html/);
    // A build written under the running server: its page would name scripts this server does not have.
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Newer build</title><script type="module" src="/assets/index-999999.js"></script>');
    try {
      const page = await app.inject({ method: 'GET', url: '/' });
      expect(page.body).toBe('<!doctype html><title>Revline</title>');
    } finally {
      fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Revline</title>');
    }
  });

  it('has the browser revalidate index.html and other files on every load', async () => {
    for (const url of ['/', '/index.html', '/favicon.svg', '/billing/invoices']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves index.html without start data to a visitor who is not signed in, with an ETag', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.body).toBe('<!doctype html><title>Revline</title>');
    expect(response.headers['vary']).toBe('cookie');
    const etag = response.headers['etag'];
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await app.inject({ method: 'GET', url: '/customers', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': '"something-else"' } });
    expect(other.statusCode).toBe(200);
  });

  it('writes start data so that no text in it can end the script element', () => {
    const data = { title: '</script><script>alert(1)</script><!-- & \u2028\u2029 >' };
    const script = startDataScript(data);
    const json = script.slice(script.indexOf('>') + 1, script.lastIndexOf('</script>'));
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
    expect(script.startsWith('<script type="application/json" id="revline-start-data">')).toBe(true);
  });
});
