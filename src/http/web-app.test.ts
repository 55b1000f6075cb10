import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../shared/http/route-types.ts';
import { registerWebApp } from './web-app.ts';

describe('web app static files', () => {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-web-cache-'));
  const app = Fastify().withTypeProvider<ZodTypeProvider>() as unknown as App;

  beforeAll(async () => {
    fs.mkdirSync(path.join(distDir, 'assets'));
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Revline</title>');
    fs.writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'export {};');
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

  it('has the browser revalidate index.html and other files on every load', async () => {
    for (const url of ['/', '/index.html', '/favicon.svg', '/billing/invoices']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
