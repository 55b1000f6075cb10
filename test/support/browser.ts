import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createUser } from '../../src/identity/index.ts';
import type { Role } from '../../src/shared/access.ts';
import type { App } from '../../src/shared/http/route-types.ts';
import { buildTestServer } from './test-app.ts';
import { createTestContext, type TestContext } from './test-context.ts';

/**
 * What every browser test needs: the built web app, the real server on a
 * loopback port over a fresh database, Debian's chromium, signed-in users, axe.
 */

const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIR = path.join(ROOT_DIR, 'web');
const LOCK_DIR = path.join(WEB_DIR, '.build-lock');
export const SCREENSHOT_DIR = path.join(ROOT_DIR, 'test-results', 'e2e');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const TEST_PASSWORD = 'correct horse battery staple';

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
type AxeGlobal = { axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> } };

function newestMtimeMs(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

function isWebBuildFresh(): boolean {
  const builtAt = newestMtimeMs(path.join(WEB_DIR, 'dist', 'index.html'));
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => path.join(WEB_DIR, name));
  // The web app imports these dependency-free modules (roles, currency exponents, the ledger's roles).
  sources.push(path.join(ROOT_DIR, 'src/shared/access.ts'), path.join(ROOT_DIR, 'src/shared/money.ts'), path.join(ROOT_DIR, 'src/ledger/access.ts'));
  return builtAt > 0 && builtAt >= Math.max(...sources.map(newestMtimeMs));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds web/dist when it is missing or older than anything it is built from.
 * Browser test files run in parallel workers: a lock directory makes one build
 * while the others wait and then find the build fresh.
 */
export async function ensureWebBuilt(): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (isWebBuildFresh()) return;
    try {
      fs.mkdirSync(LOCK_DIR);
    } catch {
      // Another worker builds; a lock older than 5 minutes is left over from a killed run.
      const lockAge = Date.now() - (fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (lockAge > 300_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build the web app');
      await sleep(500);
      continue;
    }
    try {
      if (isWebBuildFresh()) return;
      const { NODE_ENV: _testEnv, ...env } = process.env; // vitest's NODE_ENV=test would give a development React build
      const result = spawnSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
        cwd: ROOT_DIR,
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
      return;
    } finally {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

export type BrowserHarness = TestContext & {
  app: App;
  baseUrl: string;
  browser: Browser;
  /** A new browser context (cookies, storage) with its first page. */
  newPage(options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }>;
  /** Creates a user with TEST_PASSWORD (unless it exists) and signs in through the login page. */
  signIn(page: Page, user: { email: string; name?: string; role: Role; locale?: 'en' | 'de' | 'it' | 'ru' }): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

/** The server over a fresh database (fake clock; `start` as in createTestContext) and a headless chromium. */
export async function startBrowserHarness(options: { start?: string } = {}): Promise<BrowserHarness> {
  await ensureWebBuilt();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const t = await createTestContext(options);
  const app = await buildTestServer(t);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  const created = new Set<string>();
  return {
    ...t,
    app,
    baseUrl,
    browser,
    async newPage(pageOptions = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: pageOptions.viewport ?? { width: 1280, height: 860 },
        locale: pageOptions.locale ?? 'en-US',
        timezoneId: 'Europe/Berlin',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return { context, page, pageErrors };
    },
    async signIn(page, user) {
      const email = user.email.toLowerCase();
      if (!created.has(email)) {
        await createUser(t.ctx, { email, displayName: user.name ?? email.split('@')[0] ?? email, role: user.role, password: TEST_PASSWORD, locale: user.locale ?? 'en' });
        created.add(email);
      }
      await page.goto('/login');
      await page.locator('input[type="email"]').fill(email);
      await page.locator('input[type="password"]').fill(TEST_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.locator('.topbar').waitFor();
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await t.close();
    },
  };
}

/** axe-core on the current page: the serious and critical violations (none expected). */
export async function seriousAxeViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: unknown[] }[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async () => (await (globalThis as unknown as AxeGlobal).axe.run({ resultTypes: ['violations'] })).violations,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target) }));
}
