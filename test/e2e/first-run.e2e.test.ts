import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/identity/index.ts';
import { seriousAxeViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * The first-run journey in a real browser against the real server: set-up
 * with the one-time token, home, language switch, an API key, users, sign-out,
 * sign-in, and axe on the login and home pages. Waits on conditions only; no retries.
 */

const ADMIN = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'analytical engine 1843' };

describe('first run in the browser', () => {
  let h: BrowserHarness;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  const screenshot = (shown: Page, step: string) => h.screenshot(shown, `first-run-${step}`);

  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ context, page, pageErrors } = await h.newPage());
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sets up the first admin, works in German, creates and revokes an API key, signs out and in again', { timeout: 120_000 }, async () => {
    const token = await issueSetupToken(h.ctx);
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
