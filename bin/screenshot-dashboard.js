#!/usr/bin/env node
/**
 * The README's screenshot: `node bin/screenshot-dashboard.js [url] [file] [email]` signs in to a running
 * demo (`npm run demo`, default http://localhost:3000) as RevOps (English; or the demo user given) and saves the dashboard, once every
 * figure has rendered, at 1400×1000 (default docs/images/dashboard.png). Debian's chromium, as the
 * browser tests use it (CHROMIUM_PATH to point elsewhere).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baseURL = process.argv[2] ?? 'http://localhost:3000';
const file = path.resolve(process.argv[3] ?? path.join(ROOT_DIR, 'docs', 'images', 'dashboard.png'));
const LOGIN = { email: process.argv[4] ?? 'revops@demo.nordlicht.example', password: 'nordlicht-demo-2026' };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'UTC' });
  const login = await context.request.post('/api/v1/auth/login', { data: LOGIN });
  if (!login.ok()) throw new Error(`signing in as ${LOGIN.email} at ${baseURL} failed (${login.status()}): is the demo running there?`);
  const page = await context.newPage();
  await page.goto('/');
  // Every KPI shows its figure (or its no-data note) and no card is still loading.
  await page.waitForFunction(() => {
    const kpis = [...document.querySelectorAll('.dashboard-kpi')];
    return kpis.length > 0 && document.querySelector('.metrics-skeleton') === null
      && kpis.every((kpi) => kpi.querySelector('.dashboard-kpi__figure, .dashboard-kpi__empty') !== null);
  }, undefined, { timeout: 60_000 });
  await page.screenshot({ path: file });
  process.stdout.write(`saved ${path.relative(process.cwd(), file)}\n`);
} finally {
  await browser.close();
}
