import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Built by `npm run build:web` (`vite build web`); src/http/web-app.ts serves web/dist on the API's origin. */
export default defineConfig({
  plugins: [react()],
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
