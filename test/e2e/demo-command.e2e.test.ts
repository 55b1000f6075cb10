import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../bin/node-flags.js';
import { ensureWebBuilt, SCREENSHOT_DIR } from '../support/browser.ts';

/**
 * Issue #8: "the README's run command reaches a dashboard full of data; the time from command to
 * ready is printed". The real `revline demo` in a child process (embedded PGlite in a fresh
 * directory, a small company so the test stays quick), then the README's tour in a real browser:
 * sign in as finance with the printed demo credentials, a dashboard with ARR (in the demo's reporting
 * currency, EUR; per currency on request), the collections worklist, and the Customer 360 of an
 * overdue customer.
 */
const BIN = path.resolve(import.meta.dirname, '../../bin/revline.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-demo-e2e-'));
let child: ChildProcess | null = null;
let browser: Browser | null = null;

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the demo and resolves with everything it printed once it says it is ready. */
function startDemo(): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['LOG_LEVEL'];
  delete env['PORT'];
  const started = spawn(process.execPath, [...NODE_FLAGS, BIN, 'demo', '--data-dir', path.join(dir, 'data'), '--customers', '12', '--months', '6', '--seed', '7', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    started.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (/Demo ready in [\d.]+ s from the command/.test(stdout)) resolve({ stdout, stderr });
    });
    started.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    started.once('exit', (code, signal) => reject(new Error(`revline demo exited (${code ?? signal}) before it was ready:\n${stdout}\n${stderr}`)));
  });
}

describe('revline demo, from the command to the dashboard', () => {
  it('prints the URL, the demo logins and the time to ready, then serves a dashboard full of data', { timeout: 300_000 }, async () => {
    await ensureWebBuilt();
    const { stdout, stderr } = await startDemo();
    expect(stderr).toMatch(/Generating Nordlicht Analytics GmbH: 12 customers, 6 months, seed 7/);
    // The banner is readable: no JSON log lines between it and the logins (LOG_LEVEL unset).
    expect(stdout.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    expect(stdout).toMatch(/Logs: warnings and errors only/);
    expect(stdout).toMatch(/DEMO users \(demo credentials, for this demo database only\):/);
    const finance = /^\s+finance\s+(\S+@demo\.nordlicht\.example)\s+(\S+)$/m.exec(stdout);
    expect(finance, stdout).not.toBeNull();
    const baseUrl = /Revline is running at (http:\/\/localhost:\d+)/.exec(stdout)?.[1];
    expect(baseUrl, stdout).toBeTruthy();
    const ready = Number(/Demo ready in ([\d.]+) s from the command/.exec(stdout)?.[1]);
    expect(ready).toBeGreaterThan(0);

    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ baseURL: baseUrl ?? '', viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // 1. Sign in as finance with the printed credentials: the dashboard has ARR, customers and the MRR bridge.
    await page.goto('/login');
    await page.locator('input[type="email"]').fill(finance?.[1] ?? '');
    await page.locator('input[type="password"]').fill(finance?.[2] ?? '');
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar').waitFor();
    // The demo's finance user works in German; the company sells in EUR, USD and GBP and reports in EUR
    // (the demo sets the reporting currency of its German seller): one converted figure per KPI.
    const arr = page.getByTestId('kpi-arr-figure').first();
    await arr.waitFor();
    expect(await page.getByTestId('kpi-arr-figure').allTextContents()).toEqual([expect.stringMatching(/^[1-9][\d.]*,\d\d\s€$/)]);
    const customers = (await page.getByTestId('kpi-customers-figure').allTextContents()).map(Number);
    expect(customers.length).toBe(1);
    expect(customers.every((count) => count > 0), String(customers)).toBe(true);
    await page.getByTestId('card-mrr-bridge').locator('svg').first().waitFor();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-01-dashboard.png'), fullPage: true });
    // "Originalwährungen" shows each currency on its own again: one ARR figure each.
    await page.getByLabel('Berichtswährung').selectOption({ label: 'Originalwährungen' });
    await page.getByTestId('kpi-arr-figure').nth(2).waitFor();
    expect(await page.getByTestId('kpi-arr-figure').allTextContents()).toEqual([
      expect.stringMatching(/^[1-9][\d.]*,\d\d\s€$/), expect.stringMatching(/^[1-9][\d.]*,\d\d\s£$/), expect.stringMatching(/^[1-9][\d.]*,\d\d\s\$$/),
    ]);
    await page.getByLabel('Berichtswährung').selectOption('EUR');
    await page.getByTestId('kpi-arr-figure').nth(1).waitFor({ state: 'detached' });

    // 2. ARR explained: the subscriptions behind it, each a link.
    await arr.click();
    const explain = page.getByRole('dialog');
    await explain.getByTestId('explain-sum').waitFor();
    expect(await explain.getByTestId('explain-row').count()).toBeGreaterThan(0);
    expect(await explain.getByTestId('explain-row').first().getByRole('link').first().getAttribute('href')).toMatch(/^\/(customers|billing\/subscriptions)\//);

    // 3. Collections lists who is overdue; the first one's Customer 360 shows the overdue amount.
    await page.goto('/billing/collections');
    const first = page.getByTestId('collections-worklist').getByTestId('worklist-row').first();
    await first.waitFor();
    await first.getByRole('link').first().click();
    await page.waitForURL(/\/customers\/acct_/);
    expect(await page.getByTestId('customer-overdue').textContent()).toMatch(/[1-9]/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-02-customer-360.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
