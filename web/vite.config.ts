import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Chunks the landing page (the dashboard) needs but loads by dynamic import: the chart library.
const PRELOADED_CHUNKS = ['src/metrics-explorer/echart.tsx'];

/**
 * <link rel="modulepreload"> in index.html for PRELOADED_CHUNKS and their imports, so the browser
 * fetches (and compiles) the chart chunk while the entry runs and the figures are computed, not
 * after the first chart asks for it (issue #7). Vite preloads only the entry's static imports.
 */
function preloadChunks(): Plugin {
  return {
    name: 'revline-preload-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const files = new Set<string>();
        const add = (fileName: string) => {
          const chunk = bundle[fileName];
          if (!chunk || chunk.type !== 'chunk' || files.has(fileName)) return;
          files.add(fileName);
          chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && PRELOADED_CHUNKS.some((suffix) => chunk.facadeModuleId?.endsWith(suffix))) add(chunk.fileName);
        }
        const entryImports = new Set(Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' && chunk.isEntry ? [chunk.fileName, ...chunk.imports] : [])));
        return [...files].filter((file) => !entryImports.has(file)).map((file) => ({
          tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const,
        }));
      },
    },
  };
}

/** Built by `npm run build:web` (`vite build web`); src/http/web-app.ts serves web/dist on the API's origin. */
export default defineConfig({
  plugins: [react(), preloadChunks()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npx vite web` during development: the API and its session cookie stay same-origin through the proxy.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
