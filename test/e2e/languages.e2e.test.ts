/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CatalogTables } from '../../src/catalog/index.ts';
import { registerAppSubscribers } from '../../src/cli/background-work.ts';
import { createApprovalRule, createQuote, submitQuote } from '../../src/cpq/index.ts';
import type { OpportunityTables } from '../../src/crm/index.ts';
import { generateDemo } from '../../src/demo/index.ts';
import { createApiKey } from '../../src/identity/index.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser.ts';
import { layoutProblems } from '../support/layout-checks.ts';
import { englishOnlyLabels } from '../support/web-messages.ts';

/**
 * A German and a Russian admin walk through every page outside billing (billing.e2e.test.ts walks those) at
 * 1280 px, on a company the demo generator ran through six months of the real flows: customers, a Customer 360,
 * the pipeline board, list and leads, quotes with one waiting for approval, the dashboard and the explorer, the
 * data pages with an import run, and each settings page. On each: no heading past its column or broken
 * mid-word, no list cell, select, legend or tab cut, no table or page wider than its box (layout-checks.ts),
 * and no label left in English (the app's own English labels that the language writes otherwise).
 */

const LAST_DAY = '2026-06-30';
const MAPPING = {
  name: 'alt-crm', description: 'Accounts of the old CRM', sourceSystem: 'alt-crm', defaults: { currency: 'EUR' },
  files: [{ match: 'accounts.csv', records: [{ entity: 'account', externalId: 'Id', fields: { name: 'Company', country: { column: 'Country', transform: 'country' } } }] }],
};

describe('the CRM, sales, dashboard, data and settings pages in German and Russian', () => {
  let h: BrowserHarness;
  const ids = { account: '', opportunity: '', quote: '', importRun: '' };
  const paths = () => [
    '/', '/customers', `/customers/${ids.account}`, '/pipeline', '/pipeline/list', '/pipeline/leads', `/pipeline/opportunities/${ids.opportunity}`,
    '/quotes', '/quotes/new', '/quotes/approvals', `/quotes/${ids.quote}`, '/metrics',
    '/data/imports', `/data/imports/${ids.importRun}`, '/data/imports/new', '/data/quality', '/data/audit',
    '/settings/api-keys', '/settings/users', '/settings/pipeline-stages', '/settings/rules', '/settings/dunning', '/settings/tax',
    '/settings/fx-rates', '/settings/comp-plans', '/settings/webhooks',
  ];

  beforeAll(async () => {
    h = await startBrowserHarness({ start: '2026-01-01T08:00:00Z' });
    registerAppSubscribers(); // accepted quotes become orders, subscriptions and invoices, as in `revline demo`
    await generateDemo(h.ctx, { seed: 11, customers: 12, months: 6, lastDate: LAST_DAY, passwords: false });
    h.clock.set(`${LAST_DAY}T16:00:00Z`);
    const db = h.ctx.db.withTables<OpportunityTables & CatalogTables>();
    // An open deal in euros, and its customer.
    const deal = await db.selectFrom('opportunities').select(['id', 'account_id']).where('closed_at', 'is', null).where('deleted_at', 'is', null)
      .where('currency', '=', 'EUR').orderBy('id').executeTakeFirstOrThrow();
    ids.opportunity = deal.id;
    ids.account = deal.account_id;
    // A quote on it with a line discounted past the demo's threshold (15 %, a sales manager) and one of admins
    // (25 %), submitted: the admin's inbox has a row.
    const book = await db.selectFrom('price_books').select('id').where('currency', '=', 'EUR').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const seat = await db.selectFrom('products').select('id').where('sku', '=', 'NL-PLATFORM-M').executeTakeFirstOrThrow();
    await createApprovalRule(h.ctx, { name: 'Rabatt über 25 % · Скидка свыше 25 %', condition: { metric: 'maxLineDiscountBps', op: '>', value: 2500 }, approverRole: 'admin' });
    const quote = await createQuote(h.ctx, { opportunityId: deal.id, priceBookId: book.id, startDate: '2026-07-01', termMonths: 12, lines: [{ productId: seat.id, quantity: 25, discount: { percentBps: 3000 } }] });
    expect((await submitQuote(h.ctx, { id: quote.id })).quote.status).toBe('pending_approval');
    ids.quote = quote.id;
    // An import run (a dry run: the widest status cell).
    const key = (await createApiKey(h.ctx, { name: 'import', role: 'admin' })).secret;
    const csv = 'Id,Company,Country\nA-1,Amsel GmbH,Germany\nA-2,Fink AG,Narnia\n';
    const started = await h.app.inject({
      method: 'POST', url: '/api/v1/imports/runs', headers: { authorization: `Bearer ${key}` },
      payload: { customMapping: MAPPING, dryRun: true, files: [{ name: 'accounts.csv', contentBase64: Buffer.from(csv).toString('base64') }] },
    });
    expect(started.statusCode, started.body).toBe(202);
    ids.importRun = (started.json() as { runId: string }).runId;
    await vi.waitFor(async () => {
      const run = await h.app.inject({ method: 'GET', url: `/api/v1/imports/${ids.importRun}`, headers: { authorization: `Bearer ${key}` } });
      expect((run.json() as { status: string }).status).toBe('completed');
    }, { timeout: 30_000, interval: 100 });
  }, 300_000);
  afterAll(() => h?.close());

  /** The page has drawn what it fetched: no spinner or skeleton, its charts drawn, its list's first row there. */
  async function settled(page: Page): Promise<void> {
    await page.locator('main h1, main h2').first().waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[aria-busy="true"], .metrics-skeleton, .page-loading, .spinner') === null
      && Array.from(document.querySelectorAll('.metrics-chart')).every((chart) => chart.querySelector('svg') !== null));
  }

  /** The app's own English labels on the page: text, and the names and hints of controls. */
  function englishOn(page: Page, labels: Set<string>): Promise<string[]> {
    return page.evaluate((english) => {
      const texts = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.add((node.textContent ?? '').trim());
      for (const element of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]'))) {
        for (const name of ['aria-label', 'title', 'placeholder']) texts.add(element.getAttribute(name)?.trim() ?? '');
      }
      return [...texts].filter((text) => english.includes(text));
    }, [...labels]);
  }

  const rows = (page: Page): Locator => page.locator('tbody tr[data-row-index]');
  const READY: Record<string, (page: Page) => Locator> = {
    '/customers': rows, '/pipeline/list': rows, '/pipeline/leads': rows, '/quotes': rows, '/quotes/approvals': rows, '/data/imports': rows, '/data/audit': rows,
    '/pipeline': (page) => page.getByTestId('pipeline-card'),
  };

  for (const language of ['de', 'ru'] as const) {
    it(`fits every page into 1280 px and leaves nothing in English (${language})`, async () => {
      const { page, pageErrors } = await h.newPage({ locale: language === 'de' ? 'de-DE' : 'ru-RU' });
      await h.signIn(page, { email: `admin.${language}@example.com`, name: language === 'de' ? 'Anke Admin' : 'Анна Админ', role: 'admin', locale: language });
      // Languages are named in themselves wherever one is chosen (web/src/i18n/i18n.ts LANGUAGE_NAMES): English stays English.
      const english = new Set([...englishOnlyLabels(language)].filter((label) => label !== 'English'));
      const found: { path: string; layout: string[]; english: string[] }[] = [];
      for (const path of paths()) {
        await page.goto(path);
        await settled(page);
        await READY[path]?.(page).first().waitFor().catch((error: unknown) => {
          throw new Error(`${path}: nothing listed`, { cause: error });
        });
        found.push({ path, layout: await layoutProblems(page), english: await englishOn(page, english) });
      }
      expect(found.filter((each) => each.layout.length > 0 || each.english.length > 0)).toEqual([]);
      await h.screenshot(page, `languages-${language}-settings-webhooks`);
      expect(pageErrors).toEqual([]);
    }, 180_000);
  }

  it('names the free-text field of Log activity in the reader\'s language, not with the list page\'s description', async () => {
    const { page, pageErrors } = await h.newPage({ locale: 'de-DE' });
    await h.signIn(page, { email: 'admin.de@example.com', role: 'admin', locale: 'de' });
    await page.goto(`/customers/${ids.account}`);
    await page.getByRole('button', { name: 'Aktivität erfassen' }).click();
    await page.getByRole('dialog').getByLabel('Details').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
