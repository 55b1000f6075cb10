import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../shared/http/route-types.ts';
import { findStartData, START_DATA_ELEMENT_ID } from './web-start-data.ts';

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
  registerMemoryAssets(app, assetsDir);
  await app.register(fastifyStatic, {
    // index.html is not served as a file: sendIndexHtml adds the signed-in user's start data to it.
    // The app's scripts and styles come from memory (registerMemoryAssets), the rest from disk.
    root: distDir, prefix: '/', wildcard: false, index: false, globIgnore: ['index.html', ...[...MEMORY_ASSET_TYPES.keys()].map((extension) => `assets/*${extension}`)],
    // Vite names every file in assets/ by its content hash, so a cached copy never goes stale: a
    // reload runs the app from the cache without asking again (issue #7).
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
    },
  });
  // Read once, with the scripts and styles above: the page then always names files this server
  // has. A build written under a running server (new content-hashed names) is served after a restart,
  // instead of a page naming scripts the server does not have (a blank app).
  const template = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    // An API path, or an asset this build does not have (a page of an older or newer build): not the
    // app's page, which a browser would refuse to run as a script anyway.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
    return sendIndexHtml(app, request, reply, template);
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const MEMORY_ASSET_TYPES = new Map([['.js', 'text/javascript; charset=utf-8'], ['.css', 'text/css; charset=utf-8']]);

/**
 * The built app's scripts and styles (web/dist/assets/*.js, *.css: about 1 MB, named by content
 * hash), read once at start-up and each sent in one write from memory. From disk, a file took
 * several turns of the event loop (open, stat, read, write), each waiting behind whatever report
 * the server computed meanwhile, so the app reached the browser after the data it was to draw
 * (issue #7). Source maps and other files stay on disk (fastify-static).
 */
function registerMemoryAssets(app: App, assetsDir: string): void {
  const names = fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir) : [];
  for (const name of names) {
    const contentType = MEMORY_ASSET_TYPES.get(path.extname(name));
    if (contentType === undefined) continue;
    const body = fs.readFileSync(path.join(assetsDir, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    // access public: the app's code is what the sign-in page runs too.
    app.get(`/assets/${name}`, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      void reply.header('cache-control', IMMUTABLE).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(contentType).send(body);
    });
  }
}

/**
 * index.html with the start data of a signed-in session (web-start-data.ts) as a JSON block, so
 * the dashboard asks for its reports at start-up, not after GET /auth/me and GET /metrics
 * answered (issue #7). It names the current asset files and holds the session's data, so the
 * browser asks for it on every load (no-cache) and no shared cache keeps it (private); the ETag
 * covers the whole page, so a changed catalogue, user or build is a new page, never a stale 304.
 */
async function sendIndexHtml(app: App, request: FastifyRequest, reply: FastifyReply, template: string): Promise<FastifyReply> {
  const startData = await findStartData(app, request);
  const html = startData === null ? template : template.replace('</body>', `${startDataScript(startData)}\n  </body>`);
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
  void reply.header('cache-control', startData === null ? 'no-cache' : 'private, no-cache').header('vary', 'cookie').header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * The JSON inside <script type="application/json">: the HTML parser ends the element at the first
 * "</script" and treats "<!--" specially, so every "<" (and ">", "&" for good measure) is written
 * as its \\u escape, which JSON.parse reads back as the same character. U+2028/2029 likewise.
 */
export function startDataScript(data: unknown): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${START_DATA_ELEMENT_ID}">${json}</script>`;
}
