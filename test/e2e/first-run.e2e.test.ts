import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { issueSetupToken } from '../../src/identity/index.ts';
import type { App } from '../../src/shared/http/route-types.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

/**
 * The first-run journey in a real browser against the real server: set-up
 * with the one-time token, home, language switch, an API key, users, sign-out,
 * sign-in, and axe on the login and home pages. Waits on conditions only; no retries.
 */

const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIR = path.join(ROOT_DIR, 'web');
const SCREENSHOT_DIR = path.join(ROOT_DIR, 'test-results', 'e2e');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const ADMIN = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'analytical engine 1843' };

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
type AxeGlobal = { axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> } };

function newestMtimeMs(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtimeMs(path.join(entry, name))));
}

/** Builds web/dist when it is missing or older than anything it is built from. */
function ensureWebBuilt(): void {
  const builtAt = newestMtimeMs(path.join(WEB_DIR, 'dist', 'index.html'));
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => path.join(WEB_DIR, name));
  // The web app imports these two shared, dependency-free modules (roles, currency exponents).
  sources.push(path.join(ROOT_DIR, 'src/shared/access.ts'), path.join(ROOT_DIR, 'src/shared/money.ts'));
  if (builtAt > 0 && builtAt >= Math.max(...sources.map(newestMtimeMs))) return;
  const { NODE_ENV: _testEnv, ...env } = process.env; // vitest's NODE_ENV=test would give a development React build
  const result = spawnSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
    cwd: ROOT_DIR,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

async function screenshot(page: Page, step: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `first-run-${step}.png`), fullPage: true });
}

async function seriousAxeViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: unknown[] }[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async () => (await (globalThis as unknown as AxeGlobal).axe.run({ resultTypes: ['violations'] })).violations,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target) }));
}

describe('first run in the browser', () => {
  let t: TestContext;
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    t = await createTestContext();
    app = await buildServer({
      database: t.database,
      clock: t.clock,
      config: { bodyLimitBytes: 1_048_576, secureCookies: 'auto', publicUrl: undefined },
      logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('sets up the first admin, works in German, creates and revokes an API key, signs out and in again', { timeout: 120_000 }, async () => {
    const token = await issueSetupToken(t.ctx);
    expect(token).toBeTypeOf('string');

    // Set-up: a too-short password is flagged at the password field, and nothing typed is lost.
    await page.goto(`/setup?token=${encodeURIComponent(token ?? '')}`);
    await page.getByRole('heading', { name: 'Set up Revline' }).waitFor();
    await screenshot(page, '01-setup');
    await page.getByLabel('Work e-mail').fill(ADMIN.email);
    await page.getByLabel('Full name').fill(ADMIN.name);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm password').fill('too short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    const passwordError = page.locator('#setup-password-error');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toContain('12');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-describedby')).toContain('setup-password-error');
    expect(await page.getByLabel('Work e-mail').inputValue()).toBe(ADMIN.email);
    expect(await page.getByLabel('Full name').inputValue()).toBe(ADMIN.name);
    await screenshot(page, '02-setup-password-error');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();

    // Home: the admin's name and role in the top bar, every section in the navigation.
    await page.getByRole('heading', { name: `Welcome, ${ADMIN.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const account = page.getByRole('group', { name: 'Your account' });
    expect(await account.textContent()).toContain(ADMIN.name);
    expect(await account.textContent()).toContain('Admin');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Customers', 'Pipeline', 'Quotes', 'Billing', 'Metrics', 'Data', 'Settings']);
    expect(await page.getByTestId('format-money').textContent()).toBe('€1,234,567.89');
    await screenshot(page, '03-home');

    // German: labels, <html lang> and Intl formats follow the switcher.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const germanNav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await germanNav.getByRole('link').allTextContents()).toEqual(['Übersicht', 'Kunden', 'Pipeline', 'Angebote', 'Abrechnung', 'Kennzahlen', 'Daten', 'Einstellungen']);
    expect(await page.getByRole('button', { name: 'Abmelden' }).isVisible()).toBe(true);
    expect(await page.getByTestId('format-money').textContent()).toBe('1.234.567,89\u00a0€');
    await screenshot(page, '04-home-german');

    // API key: the secret is shown once, in a dialog, and gone when it closes.
    await germanNav.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('heading', { name: 'API-Schlüssel erstellen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/api-keys');
    await page.getByLabel('Name', { exact: true }).fill('Data warehouse export');
    await page.getByLabel('Rolle', { exact: true }).selectOption('finance');
    await page.getByRole('button', { name: 'Schlüssel erstellen' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Kopieren Sie Ihren neuen API-Schlüssel' });
    await secretDialog.waitFor();
    const secret = await secretDialog.getByLabel('Geheimnis von „Data warehouse export“').inputValue();
    expect(secret).toMatch(/^rvl_[A-Za-z0-9_-]{20,}$/);
    await secretDialog.getByRole('button', { name: 'Kopieren' }).click();
    await secretDialog.getByRole('button', { name: 'Kopiert' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await screenshot(page, '05-api-key-secret');
    await secretDialog.getByRole('button', { name: 'Ich habe ihn gespeichert' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    const keyRow = page.getByTestId('api-key-row').filter({ hasText: 'Data warehouse export' });
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain('Finanzen');
    // The list shows only the key's public prefix.
    const shownPrefix = (await keyRow.locator('code').textContent())?.replace(/…$/, '') ?? '';
    expect(shownPrefix.length).toBeGreaterThanOrEqual(8);
    expect(secret.startsWith(shownPrefix) && shownPrefix.length < secret.length).toBe(true);
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await keyRow.waitFor();
    expect(await page.content()).not.toContain(secret);
    await keyRow.getByRole('button', { name: 'Data warehouse export widerrufen' }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Diesen API-Schlüssel widerrufen?' });
    await revokeDialog.getByRole('button', { name: 'Widerrufen' }).click();
    await revokeDialog.waitFor({ state: 'hidden' });
    await keyRow.locator('.badge', { hasText: 'Widerrufen' }).waitFor();
    expect(await keyRow.getByRole('button').count()).toBe(0);
    await screenshot(page, '06-api-keys');

    // Users: the server's field error (duplicate e-mail) lands next to the e-mail field; the title comes localized.
    await page.getByRole('navigation', { name: 'Einstellungsbereiche' }).getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { name: 'Benutzer hinzufügen' }).waitFor();
    await page.getByTestId('user-row').filter({ hasText: ADMIN.email }).waitFor();
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Vollständiger Name', { exact: true }).fill('Grace Hopper');
    await page.getByLabel('Rolle', { exact: true }).selectOption('sales_manager');
    await page.getByRole('button', { name: 'Benutzer hinzufügen' }).click();
    const emailError = page.locator('#user-email-error');
    await emailError.waitFor();
    expect(await emailError.textContent()).toContain('already in use');
    expect(await page.getByRole('alert').textContent()).toContain('Die Anfrage steht im Konflikt mit dem aktuellen Zustand');
    expect(await page.getByLabel('Vollständiger Name', { exact: true }).inputValue()).toBe('Grace Hopper');
    await screenshot(page, '07-users-duplicate-email');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('grace@example.com');
    await page.getByRole('button', { name: 'Benutzer hinzufügen' }).click();
    await page.getByRole('status').filter({ hasText: 'Grace Hopper wurde hinzugefügt.' }).waitFor();
    expect(await page.getByTestId('user-row').filter({ hasText: 'grace@example.com' }).textContent()).toContain('Vertriebsleitung');
    await screenshot(page, '08-users');

    // Sign out: back on the sign-in page, still in German (the choice is kept on this device).
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { name: 'Bei Revline anmelden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('status').filter({ hasText: 'Sie wurden abgemeldet.' }).waitFor();
    await screenshot(page, '09-login');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A wrong password: the server's localized title in a banner, the e-mail kept.
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Passwort', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Anmeldung erforderlich' }).waitFor();
    expect(await page.getByLabel('E-Mail-Adresse', { exact: true }).inputValue()).toBe(ADMIN.email);
    await screenshot(page, '10-login-wrong-password');

    await page.getByLabel('Passwort', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await screenshot(page, '11-home-signed-in-again');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A phone: the frame fits the width (navigation scrolls inside its own strip).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await screenshot(page, '12-home-phone');

    expect(pageErrors).toEqual([]);
  });
});
