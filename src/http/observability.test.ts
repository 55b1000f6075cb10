import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../shared/db/open-database.ts';
import type { App } from '../shared/http/route-types.ts';
import { registerObservability } from './observability.ts';
import { registerWebApp } from './web-app.ts';

// The two registrations as server.ts makes them, over a stand-in web build (no database is read here).
describe('GET /metrics: Prometheus for scrapers, the web app for a browser', () => {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-web-dist-'));
  const indexHtml = '<!doctype html><title>Revline</title><div id="root"></div>';
  let app: App;
  beforeAll(async () => {
    fs.writeFileSync(path.join(distDir, 'index.html'), indexHtml);
    app = Fastify().withTypeProvider<ZodTypeProvider>() as unknown as App;
    registerObservability(app, { kind: 'pglite' } as DatabaseHandle);
    await registerWebApp(app, distDir);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  it('answers a scraper (text/plain, openmetrics, */*, no Accept) with Prometheus text', async () => {
    for (const accept of ['text/plain;version=0.0.4;q=0.5,*/*;q=0.1', 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5', '*/*', undefined]) {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers: accept === undefined ? {} : { accept } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toContain('revline_http_request_duration_seconds');
    }
  });

  it('answers a browser opening an explorer link with the web app', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics?metric=arr&from=2024-01&to=2024-12', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(indexHtml);
  });
});
