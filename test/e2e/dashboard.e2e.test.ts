import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEcbRatesCsv, setReportingCurrency } from '../../src/metrics/index.ts';
import { seedPipelineExample } from '../../src/metrics/test-fixtures/pipeline-example.ts';
import { seedSubscriptionExample } from '../../src/metrics/test-fixtures/worked-example.ts';
import { seriousAxeViolations, startBrowserHarness, type BrowserHarness } from '../support/browser.ts';

/**
 * The revenue dashboard and the metrics explorer on the worked example of docs/metrics.md
 * (five customers through the billing services, USD; month-end MRR Jan 377.00 … Apr 587.00):
 * ARR with its explanation, the explorer's MRR movements by quarter with CSV export, and Italian formats.
 */
describe('revenue dashboard and metrics explorer in the browser', () => {
  let h: BrowserHarness;
  let deals: Record<string, string>;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await seedSubscriptionExample(h.ctx);
    deals = await seedPipelineExample(h.ctx); // closed O1–O5 and open P1–P3 (docs/metrics.md "Pipeline")
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows ARR and explains it, explores MRR movements, exports CSV and formats in Italian', { timeout: 120_000 }, async () => {
    const { page, pageErrors } = await h.newPage();
    await h.signIn(page, { email: 'rita@example.com', name: 'Rita Revops', role: 'revops' });

    // Dashboard for January–April 2024 (the settings live in the URL): ARR at the end of April = 12 × 587.00.
    await page.goto('/?from=2024-01&to=2024-04&interval=month');
    await page.getByRole('heading', { name: 'Welcome, Rita Revops' }).waitFor();
    const arr = page.getByTestId('kpi-arr-figure');
    await arr.waitFor();
    expect(await arr.textContent()).toBe('$7,044.00');
    expect(await page.getByTestId('kpi-mrr-figure').textContent()).toBe('$587.00');
    expect(await page.getByTestId('kpi-customers-figure').textContent()).toBe('4');
    expect(await page.getByTestId('format-money').textContent()).toBe('€1,234,567.89');
    await page.getByTestId('card-mrr-bridge').locator('svg').first().waitFor();
    await h.screenshot(page, 'dashboard-01-home');

    // ARR explained: the customers with MRR at 30 April, each × 12, adding up to the figure.
    await arr.click();
    const dialog = page.getByRole('dialog', { name: 'How Annual recurring revenue (ARR) is made' });
    await dialog.waitFor();
    await dialog.getByTestId('explain-sum').waitFor();
    await dialog.getByRole('link', { name: 'Echo' }).waitFor(); // names resolved from the accounts API
    const rows = dialog.getByTestId('explain-row');
    const names = (await rows.locator('a.metrics-explain__primary').allTextContents()).sort();
    expect(names).toEqual(['Acme', 'Cobalt', 'Delta', 'Echo']);
    const amounts = await rows.getByTestId('explain-amount').allTextContents();
    expect(amounts.sort()).toEqual(['$1,800.00', '$3,924.00', '$360.00', '$960.00']);
    const cents = amounts.reduce((sum, text) => sum + BigInt(text.replace(/[^\d]/g, '')), 0n);
    expect(cents).toBe(704_400n);
    expect(await dialog.getByTestId('explain-sum').textContent()).toBe('$7,044.00');
    expect(await dialog.getByRole('link', { name: 'Acme' }).getAttribute('href')).toMatch(/^\/customers\/acct_/);
    await h.screenshot(page, 'dashboard-02-explain-arr');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Open pipeline at the end of April by stage (table view): qualification P2, discovery P3, proposal P1,
    // each named by its configured stage label (not its key).
    expect(await page.getByTestId('kpi-pipeline-value-figure').textContent()).toBe('$18,000.00');
    const stages = page.getByTestId('card-pipeline-stages');
    await stages.getByRole('button', { name: 'Show as table' }).click();
    expect(await stages.getByRole('listitem').allTextContents()).toEqual(['Qualification$4,000.00', 'Discovery / Needs Analysis$6,000.00', 'Proposal$8,000.00']);
    await stages.getByRole('button', { name: '$8,000.00' }).click();
    const proposal = page.getByRole('dialog', { name: 'How Open pipeline value · Proposal is made' });
    await proposal.getByTestId('explain-sum').waitFor();
    expect(await proposal.getByTestId('explain-row').count()).toBe(1);
    expect(await proposal.getByRole('link', { name: /^Opportunity / }).getAttribute('href')).toBe(`/pipeline/opportunities/${deals['P1']}`);
    expect(await proposal.getByTestId('explain-sum').textContent()).toBe('$8,000.00');
    await proposal.getByRole('button', { name: 'Close' }).click();
    await proposal.waitFor({ state: 'hidden' });

    // Segment filter: smb is Acme, Cobalt and Delta at the end of April, 12 × 437.00.
    await page.getByLabel('Segment', { exact: true }).selectOption('smb');
    await page.getByTestId('kpi-arr-figure').filter({ hasText: '$5,244.00' }).waitFor();
    expect(new URL(page.url()).searchParams.get('segment')).toBe('smb');
    await page.getByLabel('Segment', { exact: true }).selectOption('');
    await page.getByTestId('kpi-arr-figure').filter({ hasText: '$7,044.00' }).waitFor();

    // The bridge card opens the explorer on MRR movements with the dashboard's settings.
    await page.getByTestId('card-mrr-bridge').getByRole('link', { name: /Explore/ }).click();
    await page.getByRole('heading', { name: 'Metrics explorer' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/metrics');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ metric: 'mrr-movements', from: '2024-01', to: '2024-04', interval: 'month' });
    await page.getByRole('button', { name: 'Explain $657.00 (Mar 2024)' }).waitFor(); // start of March = end of February

    // By quarter: the range widens to whole quarters, and Q1 compares 2023-12-31 with 2024-03-31.
    await page.getByLabel('Interval').selectOption('quarter');
    await page.getByRole('button', { name: 'Explain $437.00 (Q2 2024)' }).waitFor();
    expect(new URL(page.url()).searchParams.get('interval')).toBe('quarter');
    expect(new URL(page.url()).searchParams.get('to')).toBe('2024-06');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('mrr-movements_2024-01_2024-06_quarter.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv).toBe([
      'period,currency,mrrStartMinor,newMinor,expansionMinor,reactivationMinor,contractionMinor,churnMinor,mrrEndMinor,customersStart,customersNew,customersReactivated,customersChurned,customersEnd',
      '2024-Q1,USD,327.00,110.00,200.00,0.00,0.00,200.00,437.00,2,2,0,1,3',
      '2024-Q2,USD,437.00,0.00,0.00,150.00,0.00,0.00,587.00,3,0,1,0,4',
      '',
    ].join('\r\n'));

    // Q1's churn is Bravo's 200.00.
    await page.getByRole('button', { name: 'Explain $200.00 (Q1 2024)' }).nth(1).click();
    const churn = page.getByRole('dialog', { name: 'How MRR movements is made' });
    await churn.getByRole('link', { name: 'Bravo' }).waitFor();
    expect(await churn.getByTestId('explain-row').count()).toBe(1);
    expect(await churn.getByTestId('explain-sum').textContent()).toBe('$200.00');
    await h.screenshot(page, 'dashboard-03-explorer-churn');
    await churn.getByRole('button', { name: 'Close' }).click();
    await churn.waitFor({ state: 'hidden' });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // As reported at an instant before the example was recorded (written at 2026-01-15 09:00 UTC, 10:00 in the
    // browser's Berlin): no bridge existed then, so each row is flagged "only now" beside its restated closing MRR.
    await page.getByLabel('As reported at', { exact: true }).fill('01/15/2026');
    await page.getByLabel('As reported at, time').fill('9:59 AM');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2026-01-15T08:59:00Z');
    await page.getByRole('columnheader', { name: 'MRR at end, restated' }).waitFor();
    const q2 = page.getByRole('row', { name: /Q2 2024/ });
    await q2.getByText('only now').waitFor();
    expect(await q2.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['$587.00']));
    // Every metric answers asOf: win rate as reported then, beside its restated figure now; "Show now" clears it.
    await page.locator('#metrics-metric').selectOption('win-rate');
    await page.getByRole('columnheader', { name: 'Restated (now)' }).waitFor();
    expect(await page.locator('#metrics-as-of-error').count()).toBe(0);
    expect(await page.getByLabel('As reported at', { exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.getByLabel('As reported at, time').getAttribute('aria-invalid')).not.toBe('true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show now' }).click();
    await page.getByRole('columnheader', { name: 'Restated (now)' }).waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
    await page.locator('#metrics-metric').selectOption('mrr-movements');
    await page.getByRole('button', { name: 'Explain $587.00 (Q2 2024)' }).first().waitFor();

    // Italian: labels, periods and amounts follow the language.
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('heading', { name: 'Esplora metriche' }).waitFor();
    await page.getByRole('button', { name: 'Spiega 587,00 USD (T2 2024)' }).waitFor();
    // The metric's definition under the chart is Italian too.
    await page.getByText(/^per cliente, MRR alla fine del periodo precedente \(inizio\)/).waitFor();
    await page.goto('/?from=2024-01&to=2024-04&interval=month');
    await page.getByRole('heading', { name: 'Benvenuto, Rita Revops' }).waitFor();
    await page.getByTestId('kpi-arr-figure').filter({ hasText: '7044,00 USD' }).waitFor();
    expect(await page.getByTestId('format-money').textContent()).toBe('1.234.567,89\u00a0€');
    await h.screenshot(page, 'dashboard-04-italian');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Switched back without a reload, the cards redraw in English (their labels follow the language).
    await page.getByTestId('card-mrr-bridge').getByRole('button', { name: 'Mostra come tabella' }).waitFor();
    await page.getByLabel('Lingua').selectOption('en');
    await page.getByTestId('card-mrr-bridge').getByRole('button', { name: 'Show as table' }).waitFor();
    await page.getByTestId('kpi-arr-figure').filter({ hasText: '$7,044.00' }).waitFor();

    // German's long compound titles (Kundenabwanderungsrate) break inside their cards: nothing sticks out.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Willkommen, Rita Revops' }).waitFor();
    await page.getByTestId('kpi-arr-figure').filter({ hasText: '7.044,00 $' }).waitFor();
    const overflowing = await page.evaluate(() => Array.from(document.querySelectorAll('.dashboard-kpi'))
      .filter((card) => card.scrollWidth > card.clientWidth)
      .map((card) => card.querySelector('.dashboard-kpi__title')?.textContent ?? '?'));
    expect(overflowing).toEqual([]);
    expect(await page.locator('.dashboard-kpi').count()).toBeGreaterThan(5);
    // The open pipeline's default stages in German.
    const germanStages = page.getByTestId('card-pipeline-stages');
    await germanStages.getByRole('button', { name: 'Als Tabelle anzeigen' }).click();
    await germanStages.getByText('Bedarfsanalyse').waitFor();
    expect((await germanStages.getByRole('listitem').allTextContents()).map((text) => text.replace(/\u00a0/g, ' ')))
      .toEqual(['Qualifizierung4.000,00 $', 'Bedarfsanalyse6.000,00 $', 'Angebot8.000,00 $']);

    // The explorer in German inside an English browser: months by their German names, the time on the 24-hour
    // clock (not "January 2024" and 2:30 PM); the URL and the API keep ISO months and a UTC instant.
    await page.goto('/metrics?metric=mrr-movements&from=2024-01&to=2024-04&interval=month');
    await page.getByRole('heading', { name: 'Kennzahlen-Explorer' }).waitFor();
    const fromMonth = page.getByLabel('Von Monat', { exact: true });
    expect(await fromMonth.locator('option:checked').textContent()).toBe('Januar');
    expect(await fromMonth.locator('option').allTextContents()).toEqual(['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']);
    await expect(page.getByLabel('Von Monat, Jahr').inputValue()).resolves.toBe('2024');
    const februaryAsked = page.waitForRequest((request) => {
      const asked = new URL(request.url());
      return asked.pathname === '/api/v1/metrics/mrr-movements' && asked.searchParams.get('from') === '2024-02' && asked.searchParams.get('to') === '2024-04';
    });
    await fromMonth.selectOption({ label: 'Februar' });
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2024-02');
    await februaryAsked;
    // A year is four digits: 202 is named at the field and the URL keeps the month it had.
    await page.getByLabel('Bis Monat, Jahr').fill('202');
    await page.getByLabel('Bis Monat, Jahr').press('Tab');
    await page.getByText('Geben Sie das Jahr vierstellig ein, z. B. 2026.').waitFor();
    expect(new URL(page.url()).searchParams.get('to')).toBe('2024-04');
    await page.getByLabel('Bis Monat, Jahr').fill('2024');
    await page.getByText('Geben Sie das Jahr vierstellig ein, z. B. 2026.').waitFor({ state: 'detached' });
    // 14:30 typed on 15.01.2026 is 14:30 in the browser's Berlin: 13:30 UTC in the URL and the API.
    const asOfDay = page.getByLabel('Stand vom', { exact: true });
    const asOfTime = page.getByLabel('Stand vom, Uhrzeit');
    expect(await asOfTime.getAttribute('placeholder')).toBe('hh:mm');
    await asOfDay.fill('15.01.2026');
    const asOfAsked = page.waitForRequest((request) => new URL(request.url()).searchParams.get('asOf') === '2026-01-15T13:30:00Z');
    await asOfTime.fill('14:30');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2026-01-15T13:30:00Z');
    await asOfAsked;
    await page.getByRole('columnheader', { name: 'MRR am Ende, angepasst' }).waitFor();
    // Typed leniently, written back on the clock; an hour that does not exist is named in German and asks for nothing.
    await asOfTime.fill('9.5');
    await asOfTime.press('Tab');
    await expect(asOfTime.inputValue()).resolves.toBe('09:05');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2026-01-15T08:05:00Z');
    await asOfTime.fill('25:00');
    await asOfTime.press('Tab');
    await page.getByText('Eine Stunde 25 gibt es nicht: Stunden gehen von 0 bis 23.').waitFor();
    expect(await asOfTime.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => new URL(page.url()).searchParams.has('asOf')).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Finance sets EUR as the company reporting currency (ECB rates: 1 EUR = 1.08 USD every day): the
    // same URL, naming no currency, now shows one converted figure (ARR: each record converted at
    // the rate of its date, docs/metrics.md), and "Originalwährungen" brings the dollars back —
    // kept in the URL (currency=original), so a reload stays per currency.
    const days = Array.from({ length: 220 }, (_, index) => new Date(Date.UTC(2023, 10, 1 + index)).toISOString().slice(0, 10));
    await importEcbRatesCsv(h.ctx, `Date,USD\n${days.map((day) => `${day},1.0800`).join('\n')}\n`);
    await setReportingCurrency(h.ctx, { reportingCurrency: 'EUR' });
    await page.goto('/?from=2024-01&to=2024-04&interval=month');
    await page.getByTestId('kpi-arr-figure').filter({ hasText: /^6\.522,24\s€$/ }).waitFor();
    expect(await page.getByLabel('Berichtswährung').inputValue()).toBe('EUR');
    expect(await page.getByLabel('Berichtswährung').locator('option:checked').textContent()).toBe('EUR (Firmenwährung)');
    expect(await page.getByTestId('kpi-mrr-figure').textContent()).toMatch(/^543,5\d\s€$/); // 587.00 / 1.08
    await page.getByLabel('Berichtswährung').selectOption({ label: 'Originalwährungen' });
    await page.getByTestId('kpi-arr-figure').filter({ hasText: /^7\.044,00\s\$$/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('currency')).toBe('original');
    await page.reload();
    await page.getByTestId('kpi-arr-figure').filter({ hasText: /^7\.044,00\s\$$/ }).waitFor();
    await h.screenshot(page, 'dashboard-05-reporting-currency');

    expect(pageErrors).toEqual([]);
  });
});
