import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../shared/http/route-types.ts';

export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Serves the built React app from the same origin; unknown non-API paths get index.html (client routing). */
export async function registerWebApp(app: App, distDir = WEB_DIST_DIR): Promise<void> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><title>Revline</title><p>Revline API is running. The web app is not built: run <code>npm run build:web</code>. API docs: <a href="/docs">/docs</a></p>'),
    );
    return;
  }
  const assetsDir = path.join(distDir, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: distDir, prefix: '/', wildcard: false, index: ['index.html'],
    // Vite names every file in assets/ by its content hash, so a cached copy never goes stale: a
    // reload runs the app from the cache without asking again (issue #7). index.html names the
    // current files, so the browser asks for it every time (ETag: a 304 when unchanged).
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
